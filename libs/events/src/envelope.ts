import { z } from 'zod';

/**
 * The CloudEvents 1.0 structured-JSON envelope every domain event travels in (see EVENTS.md).
 * Extension attributes are lower-case without separators, as CloudEvents requires.
 */
export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().regex(/^crm\/[a-z]+$/, 'must be crm/<service>'),
  type: z.string().regex(/^crm\.[a-z]+\.[A-Za-z]+\.v\d+$/, 'must be crm.<service>.<EventName>.v<major>'),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  tenantid: z.uuid(),
  actorid: z.string().min(1),
  sequence: z.string().regex(/^\d+$/, 'must be a decimal aggregate version'),
  data: z.unknown(),
});

export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };

/** Who caused a change: a user id, or 'system' for scheduled and event-driven work. */
export type Actor = string;
export const SYSTEM_ACTOR: Actor = 'system';
