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
 * Work a consumer does once per transaction rather than once per event, e.g. a projection that
 * takes rollups apart before a run of events changes their facts and puts them together after.
 * Both run inside the transaction that applies the events, so throwing rolls everything back.
 */
export interface TransactionHooks {
  /**
   * Before the first handler, with the events the transaction will try to apply: some may turn out
   * to be duplicates, and a stop may leave later ones for another delivery.
   */
  beforeEvents?: (manager: EntityManager, events: EventEnvelope[]) => Promise<void>;
  /** After the last handler. */
  afterEvents?: (manager: EntityManager) => Promise<void>;
}

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
