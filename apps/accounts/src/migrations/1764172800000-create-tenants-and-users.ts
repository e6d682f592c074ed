import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateTenantsAndUsers1764172800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tenants" (
        "tenant_id" uuid NOT NULL,
        "name" text NOT NULL,
        "default_currency" text NOT NULL,
        "locale" text NOT NULL,
        "time_zone" text NOT NULL,
        "phone_region" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "tenants_pkey" PRIMARY KEY ("tenant_id")
      )`);
    // login reads the caller's tenant before any tenant scope exists.
    await protectTenantTable(queryRunner, 'tenants', { systemContexts: ['authentication'] });

    await queryRunner.query(
      `CREATE TYPE "user_role" AS ENUM ('ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST')`,
    );
    await queryRunner.query(`
      CREATE TABLE "users" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "email" text NOT NULL,
        "name" text NOT NULL,
        "role" "user_role" NOT NULL,
        "password_hash" text,
        "active" boolean NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "users_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "users_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("tenant_id")
      )`);
    // Not tenant-first on purpose: login(email, password) has no tenant, so an email is unique platform-wide.
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);
    // login finds the user by email before it knows the tenant.
    await protectTenantTable(queryRunner, 'users', { systemContexts: ['authentication'] });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "user_role"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}
