import { consumerGroupId, subscribedTopics } from './kafka-names';

describe('kafka names', () => {
  it('subscribes to the platform topics when no prefix is configured', () => {
    expect(subscribedTopics('', ['orders', 'pipeline'])).toEqual([
      'crm.orders.events',
      'crm.pipeline.events',
    ]);
  });

  it('puts the environment prefix in front of every topic and group', () => {
    expect(subscribedTopics('test-42.', ['accounts'])).toEqual(['test-42.crm.accounts.events']);
    expect(consumerGroupId('test-42.', 'marketing', 'profiles')).toBe('test-42.marketing.profiles');
  });
});
