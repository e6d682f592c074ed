import { z } from 'zod';
import { baseConfigShape, postgresUrl } from '@crm/subgraph';
import { isKnownTimeZone } from './settings/time-zone';

/** The analytics service's environment, validated at start: a bad value stops it with one line. */
export const analyticsConfigShape = {
  ...baseConfigShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  /** The application role: owns nothing, so row-level security applies to every query. */
  ANALYTICS_DATABASE_URL: postgresUrl.default('postgres://crm_app@127.0.0.1:5432/crm_analytics'),
  /** The owning role, for migrations and the rebuild (which creates and swaps tables). */
  ANALYTICS_MIGRATION_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/crm_analytics'),
  ANALYTICS_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Settings of a tenant until an ADMIN calls configureAnalytics. */
  ANALYTICS_DEFAULT_TIME_ZONE: z.string().refine(isKnownTimeZone, 'must be an IANA time zone').default('UTC'),
  ANALYTICS_DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as IRR')
    .default('IRR'),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
  /** Inbox entries only need to outlive redeliveries near the committed offset; longer than topic retention. */
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
};

export type AnalyticsConfig = z.infer<z.ZodObject<typeof analyticsConfigShape>>;
