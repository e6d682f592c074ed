import type { EventDefinition } from './define-event';
import { accountsEvents } from './catalog/accounts.events';
import { erasureEvents } from './catalog/erasure.events';
import { interactionsEvents } from './catalog/interactions.events';
import { marketingEvents } from './catalog/marketing.events';
import { ordersEvents } from './catalog/orders.events';
import { pipelineEvents } from './catalog/pipeline.events';

/**
 * Every event type the platform knows, by CloudEvents `type`. A service's events are added by
 * writing `catalog/<service>.events.ts` and listing them here.
 */
const allEvents: readonly EventDefinition[] = [
  ...accountsEvents,
  ...pipelineEvents,
  ...ordersEvents,
  ...interactionsEvents,
  ...marketingEvents,
  ...erasureEvents,
];

export const eventCatalog: ReadonlyMap<string, EventDefinition> = new Map(
  allEvents.map((definition) => [definition.type, definition]),
);

export function findEventDefinition(type: string): EventDefinition | undefined {
  return eventCatalog.get(type);
}
