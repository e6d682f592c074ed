import type { EventConsumer } from './consumer/event-consumer';
import { registerEventConsumerGauges, registerOutboxRelayGauges } from './messaging-gauges';
import type { OutboxRelay } from './outbox/outbox-relay';

function recordingRegistry() {
  const gauges = new Map<string, () => number | Promise<number>>();
  return {
    gauges,
    observedGauge(name: string, _help: string, read: () => number | Promise<number>) {
      gauges.set(name, read);
    },
  };
}

describe('messaging gauges', () => {
  it('reports the lag summed over the partitions this member owns, under the consumer prefix', async () => {
    const registry = recordingRegistry();
    const consumer = {
      lag: () => [
        { topic: 'crm.orders.events', partition: 0, lag: 3 },
        { topic: 'crm.orders.events', partition: 4, lag: 9 },
      ],
      metrics: { processed: 7, duplicatesSkipped: 2, deadLettered: 1 },
    } as unknown as EventConsumer;

    registerEventConsumerGauges(registry, 'profiles_consumer', consumer);

    expect(await registry.gauges.get('profiles_consumer_lag')?.()).toBe(12);
    expect(await registry.gauges.get('profiles_consumer_processed_events')?.()).toBe(7);
    expect(await registry.gauges.get('profiles_consumer_duplicate_events')?.()).toBe(2);
    expect(await registry.gauges.get('profiles_consumer_dead_lettered_events')?.()).toBe(1);
  });

  it('reports relay leadership as 1 only while this instance leads', async () => {
    const registry = recordingRegistry();
    const relay = { metrics: { published: 5, errors: 0, isLeader: false } };
    registerOutboxRelayGauges(registry, relay as unknown as OutboxRelay);

    expect(await registry.gauges.get('outbox_relay_leader')?.()).toBe(0);
    relay.metrics.isLeader = true;
    expect(await registry.gauges.get('outbox_relay_leader')?.()).toBe(1);
    expect(await registry.gauges.get('outbox_published_events')?.()).toBe(5);
  });
});
