import { z } from 'zod';

/** Shapes several services' payloads share, so a consumer reads every topic with the same words. */
export const salesModelSchema = z.enum(['B2B', 'B2C']);

/** Integer minor units as a decimal string (bigint-safe in JSON) plus ISO 4217 currency. */
export const moneySchema = z.object({
  amountMinor: z.string().regex(/^-?\d+$/, 'amountMinor must be an integer in minor units'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code'),
});

export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** A calendar date without time, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date();
