#!/bin/sh
# docker-entrypoint-initdb.d, after init.sql: gives crm_app the password from CRM_APP_PASSWORD, since
# the containerised server, unlike a local one, does not trust connections from other hosts.
# (`npm run infra:up` does the same from that variable.) The entrypoint may source this file rather
# than run it, so it changes no shell options and defines nothing.
if [ -n "${CRM_APP_PASSWORD:-}" ]; then
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v crm_app_password="$CRM_APP_PASSWORD" <<'SQL'
ALTER ROLE crm_app PASSWORD :'crm_app_password';
SQL
fi
