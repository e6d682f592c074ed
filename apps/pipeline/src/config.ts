import { z } from 'zod';
import { baseConfigShape, postgresUrl } from '@crm/subgraph';
import { isSupportedPhoneRegion } from '@crm/text';
import { isKnownCurrency } from './common/currency';

/** The pipeline service's environment, validated at start: a bad value stops it with one line. */
export const pipelineConfigShape = {
  ...baseConfigShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  /** The application role: owns nothing, so row-level security applies to every query. */
  PIPELINE_DATABASE_URL: postgresUrl.default('postgres://crm_app@127.0.0.1:5432/crm_pipeline'),
  /** The owning role, for migrations only. */
  PIPELINE_MIGRATION_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/crm_pipeline'),
  PIPELINE_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Currency of an opportunity created without one. */
  PIPELINE_DEFAULT_CURRENCY: z
    .string()
    .refine(isKnownCurrency, 'must be an ISO 4217 code such as IRR')
    .default('IRR'),
  /** Region for lead phone numbers typed without a country code. */
  PIPELINE_PHONE_REGION: z
    .string()
    .refine(isSupportedPhoneRegion, 'must be an ISO 3166 region such as IR')
    .default('IR'),
  /** How often quotes past validUntil are marked EXPIRED (reads already show them expired). */
  QUOTE_EXPIRY_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60 * 1000),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
  /** Processed inbox rows older than this are deleted (redelivery after that is not expected). */
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
};

export type PipelineConfig = z.infer<z.ZodObject<typeof pipelineConfigShape>>;
