import { z } from 'zod';
import { baseConfigShape, postgresUrl } from '@crm/subgraph';

const optionalUrl = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:\/\//, 'must be a URL')
  .optional();

/** The interactions service's environment, validated at start: a bad value stops it with one line. */
export const interactionsConfigShape = {
  ...baseConfigShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  /** The application role: owns nothing, so row-level security applies to every query. */
  INTERACTIONS_DATABASE_URL: postgresUrl.default('postgres://crm_app@127.0.0.1:5432/crm_interactions'),
  /** The owning role, for migrations only. */
  INTERACTIONS_MIGRATION_DATABASE_URL: postgresUrl.default(
    'postgres://postgres@127.0.0.1:5432/crm_interactions',
  ),
  INTERACTIONS_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
  /** How often the reminder scheduler and the customer-message dispatcher look for due work. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** smtp:// or smtps:// of the relay customer emails go through; without it no email is sent. */
  SMTP_URL: optionalUrl,
  /** From address of customer emails when the tenant set none. */
  NOTIFICATION_FROM: z.email().default('no-reply@crm.example'),
  /** The SMS provider's send endpoint (HTTP POST, JSON); without it no SMS is sent. */
  SMS_PROVIDER_URL: optionalUrl,
  SMS_PROVIDER_TOKEN: z.string().optional(),
  /**
   * A customer message claimed for sending but neither sent nor failed after this long was cut off
   * by a crash mid-send: see README "Exactly-once customer messages".
   */
  MESSAGE_SEND_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
};

export type InteractionsConfig = z.infer<z.ZodObject<typeof interactionsConfigShape>>;
