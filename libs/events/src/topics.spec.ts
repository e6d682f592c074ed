import { allPlatformTopics, deadLetterTopic, eventsTopic } from './topics';

describe('topics', () => {
  it('names one events topic per publishing service', () => {
    expect(eventsTopic('orders')).toBe('crm.orders.events');
  });

  it('names the dead-letter topic after the topic it backs', () => {
    expect(deadLetterTopic('crm.orders.events')).toBe('crm.orders.events.dlq');
  });

  it('lists the six events topics and their six dead-letter topics for infra bring-up', () => {
    expect([...allPlatformTopics()].sort()).toEqual(
      [
        'crm.accounts.events',
        'crm.analytics.events',
        'crm.analytics.events.dlq',
        'crm.accounts.events.dlq',
        'crm.interactions.events',
        'crm.interactions.events.dlq',
        'crm.marketing.events',
        'crm.marketing.events.dlq',
        'crm.orders.events',
        'crm.orders.events.dlq',
        'crm.pipeline.events',
        'crm.pipeline.events.dlq',
      ].sort(),
    );
  });
});
