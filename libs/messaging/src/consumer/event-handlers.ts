import type { EntityManager } from 'typeorm';
import type { EventData, EventDefinition, EventEnvelope } from '@crm/events';

/**
 * Applies one event's effect. It runs inside the tenant-scoped transaction that also records the
 * event in the inbox, so it must write only through `manager`; throwing rolls both back.
 */
export type EventHandler<TData = unknown> = (
  manager: EntityManager,
  event: EventEnvelope<TData>,
) => Promise<void>;

/** Handlers by CloudEvents `type`. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;

/**
 * A one-entry handler map whose handler sees the event's typed payload:
 * `handlers: { ...on(AccountCreated, createProfile), ...on(AccountErased, anonymise) }`.
 */
export function on<TDefinition extends EventDefinition>(
  definition: TDefinition,
  handler: EventHandler<EventData<TDefinition>>,
): EventHandlers {
  // Sound: parseEvent validated the data against this same definition's schema before dispatch.
  return { [definition.type]: handler as EventHandler };
}
