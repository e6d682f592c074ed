import express from 'express';
import { type ReadinessCheck, type RunningSubgraph, type ServiceMetrics, startSubgraph } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { Logger } from 'pino';
import { accountsAccessRules, accountsHttpAccessRules } from './access-rules';
import type { AccountsConfig } from './config';
import { csvExportRoutes } from './csv-export/csv-export.routes';
import { importRoutes } from './import/import.routes';
import { accountsLoaderFactory } from './loaders';
import { createAccountsResolvers } from './resolvers';
import { loadAccountsTypeDefs } from './schema';
import { createAccountsServices } from './services';

export interface AccountsSubgraphOptions {
  config: AccountsConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics?: (metrics: ServiceMetrics) => void;
}

/** The accounts subgraph over a database that is already connected and migrated. */
export function startAccountsSubgraph(options: AccountsSubgraphOptions): Promise<RunningSubgraph> {
  const { config } = options;
  const services = createAccountsServices(options.database, {
    isSignUpEnabled: config.SIGNUP_ENABLED,
    tenantDefaults: {
      defaultCurrency: config.DEFAULT_TENANT_CURRENCY,
      locale: config.DEFAULT_TENANT_LOCALE,
      timeZone: config.DEFAULT_TENANT_TIME_ZONE,
      phoneRegion: config.DEFAULT_PHONE_REGION,
    },
    accessToken: {
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      expiresInSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    },
    invitation: { expiresInSeconds: config.INVITATION_TTL_SECONDS },
  });
  return startSubgraph({
    name: 'accounts',
    typeDefs: loadAccountsTypeDefs(),
    resolvers: createAccountsResolvers(services),
    accessRules: accountsAccessRules,
    config,
    logger: options.logger,
    createLoaders: accountsLoaderFactory(services),
    readinessChecks: options.readinessChecks,
    onShutdown: options.onShutdown,
    registerMetrics: options.registerMetrics,
    httpRoutes: (tools) =>
      express
        .Router()
        .use(importRoutes(services.imports, tools, accountsHttpAccessRules.importAccounts))
        .use(csvExportRoutes(services.csvExports, tools, accountsHttpAccessRules.exportCsv)),
  });
}
