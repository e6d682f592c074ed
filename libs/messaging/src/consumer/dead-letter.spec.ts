import { deadLetterMessage, describeError, type DeadLetterFacts } from './dead-letter';

const failedAt = new Date('2026-11-26T10:00:00.000Z');

function facts(overrides: Partial<DeadLetterFacts> = {}): DeadLetterFacts {
  return {
    topic: 'crm.accounts.events',
    partition: 3,
    message: {
      key: Buffer.from('acc-1'),
      value: Buffer.from('{"not":"an event"}'),
      headers: { ce_type: Buffer.from('x') },
      offset: '41',
    },
    consumerGroup: 'marketing.accounts',
    reason: 'handler-failed',
    error: new TypeError('boom'),
    attempts: 5,
    failedAt,
    ...overrides,
  };
}

describe('deadLetterMessage', () => {
  it('keeps the original key, value and headers, and says where it came from, who gave up and why', () => {
    const message = deadLetterMessage(facts());

    expect(message.key).toEqual(Buffer.from('acc-1'));
    expect(message.value).toEqual(Buffer.from('{"not":"an event"}'));
    expect(message.headers).toEqual({
      ce_type: Buffer.from('x'),
      'dlq-original-topic': 'crm.accounts.events',
      'dlq-original-partition': '3',
      'dlq-original-offset': '41',
      'dlq-consumer-group': 'marketing.accounts',
      'dlq-reason': 'handler-failed',
      'dlq-error': 'TypeError: boom',
      'dlq-attempts': '5',
      'dlq-failed-at': '2026-11-26T10:00:00.000Z',
    });
  });

  it('replaces the dlq headers of a message that was dead-lettered before and replayed', () => {
    const replayed = facts({
      message: { key: null, value: null, headers: { 'dlq-attempts': '9', 'dlq-error': 'old' }, offset: '7' },
      reason: 'invalid-event',
      attempts: 0,
    });

    const headers = deadLetterMessage(replayed).headers ?? {};

    expect(headers['dlq-attempts']).toBe('0');
    expect(headers['dlq-reason']).toBe('invalid-event');
    expect(headers['dlq-error']).toBe('TypeError: boom');
  });
});

describe('describeError', () => {
  it('names the error and truncates a huge message to fit in a header', () => {
    expect(describeError('plain')).toBe('plain');
    const text = describeError(new Error('x'.repeat(5_000)));
    expect(text.length).toBe(1_000);
    expect(text.startsWith('Error: xxx')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });
});
