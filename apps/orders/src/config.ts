import { z } from 'zod';
import { baseConfigShape, postgresUrl } from '@crm/subgraph';

/** The orders service's environment, validated at start: a bad value stops it with one line. */
export const ordersConfigShape = {
  ...baseConfigShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** The application role: owns nothing, so row-level security applies to every query. */
  ORDERS_DATABASE_URL: postgresUrl.default('postgres://crm_app@127.0.0.1:5432/crm_orders'),
  /** The owning role, for migrations only. */
  ORDERS_MIGRATION_DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/crm_orders'),
  ORDERS_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
};

export type OrdersConfig = z.infer<z.ZodObject<typeof ordersConfigShape>>;
