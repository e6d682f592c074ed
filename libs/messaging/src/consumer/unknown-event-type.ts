import { envelopeSchema, findEventDefinition } from '@crm/events';

/**
 * The type of a well-formed envelope whose type this service's event catalog does not know yet,
 * e.g. a publisher deployed a new event before this consumer was upgraded. No handler can exist for
 * it, so it is skipped like any other unhandled type instead of being dead-lettered by every
 * consumer group. Undefined for anything else (not JSON, a broken envelope, a known type).
 */
export function typeNewerThanCatalog(raw: Buffer | string | null): string | undefined {
  if (raw === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    return undefined;
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return undefined;
  return findEventDefinition(envelope.data.type) ? undefined : envelope.data.type;
}
