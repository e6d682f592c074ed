import { z } from 'zod';
import { baseConfigShape, postgresUrl } from '@crm/subgraph';
import { isSupportedPhoneRegion } from '@crm/text';

/** The accounts service's environment, validated at start: a bad value stops it with one line. */
export const accountsConfigShape = {
  ...baseConfigShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** The application role: owns nothing, so row-level security applies to every query. */
  ACCOUNTS_DATABASE_URL: postgresUrl.default('postgres://crm_app@127.0.0.1:5432/crm_accounts'),
  /** The owning role, for migrations only. */
  ACCOUNTS_MIGRATION_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/crm_accounts'),
  ACCOUNTS_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** accounts is the built-in identity provider: it signs the tokens every subgraph verifies. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  /** How long an invitation token (Mutation.invitationLink) can be accepted: 7 days by default. */
  INVITATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(7 * 24 * 3600),
  SIGNUP_ENABLED: z.stringbool().default(true),
  /** Settings of a tenant created by signUp without its own. */
  DEFAULT_TENANT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as IRR')
    .default('IRR'),
  DEFAULT_TENANT_LOCALE: z.string().default('fa-IR'),
  DEFAULT_TENANT_TIME_ZONE: z.string().default('Asia/Tehran'),
  DEFAULT_PHONE_REGION: z
    .string()
    .refine(isSupportedPhoneRegion, 'must be an ISO 3166 region such as IR')
    .default('IR'),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
  /**
   * Finished import jobs, with their row errors (which quote the rejected cells, personal data
   * included), are deleted this many days after they finished.
   */
  IMPORT_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
};

export type AccountsConfig = z.infer<z.ZodObject<typeof accountsConfigShape>>;
