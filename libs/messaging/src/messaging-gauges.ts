import type { GaugeRegistry } from '@crm/database';
import type { EventConsumer } from './consumer/event-consumer';
import type { OutboxRelay } from './outbox/outbox-relay';

export function registerOutboxRelayGauges(metrics: GaugeRegistry, relay: OutboxRelay): void {
  metrics.observedGauge(
    'outbox_published_events',
    'Events the outbox relay published since start',
    () => relay.metrics.published,
  );
  metrics.observedGauge(
    'outbox_relay_errors',
    'Failed outbox relay rounds since start',
    () => relay.metrics.errors,
  );
  metrics.observedGauge('outbox_relay_leader', '1 while this instance leads the outbox relay', () =>
    relay.metrics.isLeader ? 1 : 0,
  );
}

/**
 * Consumer progress under a prefix naming the consumer (e.g. `timeline_consumer`): total lag over
 * the partitions this member owns, and what it applied, skipped and dead-lettered since start.
 */
export function registerEventConsumerGauges(
  metrics: GaugeRegistry,
  prefix: string,
  consumer: EventConsumer,
): void {
  metrics.observedGauge(`${prefix}_lag`, 'Uncommitted messages over the partitions this member owns', () =>
    consumer.lag().reduce((total, partition) => total + partition.lag, 0),
  );
  metrics.observedGauge(
    `${prefix}_processed_events`,
    'Events applied since start',
    () => consumer.metrics.processed,
  );
  metrics.observedGauge(
    `${prefix}_duplicate_events`,
    'Redelivered events skipped by the inbox since start',
    () => consumer.metrics.duplicatesSkipped,
  );
  metrics.observedGauge(
    `${prefix}_dead_lettered_events`,
    'Events sent to the dead-letter topic since start',
    () => consumer.metrics.deadLettered,
  );
}
