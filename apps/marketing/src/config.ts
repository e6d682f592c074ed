import { z } from 'zod';
import { baseConfigShape, postgresUrl } from '@crm/subgraph';

/** The marketing service's environment, validated at start: a bad value stops it with one line. */
export const marketingConfigShape = {
  ...baseConfigShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  /** The application role: owns nothing, so row-level security applies to every query. */
  MARKETING_DATABASE_URL: postgresUrl.default('postgres://crm_app@127.0.0.1:5432/crm_marketing'),
  /** The owning role, for migrations only. */
  MARKETING_MIGRATION_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/crm_marketing'),
  MARKETING_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Signs unsubscribe, open and click links (HMAC-SHA256); rotating it invalidates links in sent mail. */
  MARKETING_LINK_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Where public links point: the origin the gateway or ingress serves this service's routes on. */
  MARKETING_PUBLIC_URL: z.url().default('http://127.0.0.1:4005'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:25'),
  MAIL_FROM: z.string().min(3).default('CRM Marketing <marketing@crm.example>'),
  /** The right-hand side of every Message-ID, so a message's id is the same on every attempt. */
  MAIL_MESSAGE_ID_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default('marketing.crm.example'),
  /** The SMS provider's HTTP endpoint (POST JSON {to, text}); without it SMS campaigns fail per recipient. */
  SMS_PROVIDER_URL: z.url().optional(),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  /** Messages per second the sender loop may send, per process. */
  MARKETING_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(20),
  /**
   * Recipients each process sends to at once (SMTP connections too). Also the most recipients a
   * crash can leave in doubt, i.e. the most that can receive a second, identical copy.
   */
  MARKETING_SENDER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** How often the sender loop looks for work when it found none. */
  MARKETING_SENDER_IDLE_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /**
   * A recipient claimed (SENDING) longer ago than this is in doubt: its process died mid-send. It is
   * sent again with the same Message-ID (see README, "Exactly one message").
   */
  MARKETING_SEND_LEASE_SECONDS: z.coerce.number().int().min(1).default(120),
  /** RFM quintiles are computed over orders placed within this many days. */
  MARKETING_RFM_WINDOW_DAYS: z.coerce.number().int().min(1).default(365),
  /** How often every tenant's RFM quintiles are recomputed (and once at start). */
  MARKETING_RFM_REFRESH_MINUTES: z.coerce.number().positive().default(60),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
};

export type MarketingConfig = z.infer<z.ZodObject<typeof marketingConfigShape>>;
