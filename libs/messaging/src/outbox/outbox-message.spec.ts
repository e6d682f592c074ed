import type { EventEnvelope } from '@crm/events';
import { groupByTopic, toKafkaMessage, type OutboxRow } from './outbox-message';

function envelope(id: string, subject: string): EventEnvelope {
  return {
    specversion: '1.0',
    id,
    source: 'crm/accounts',
    type: 'crm.accounts.AccountArchived.v1',
    subject,
    time: '2026-11-26T10:00:00.000Z',
    datacontenttype: 'application/json',
    tenantid: '0190f7c2-0000-7000-8000-000000000001',
    actorid: 'system',
    sequence: '3',
    data: { accountId: subject, salesModel: 'B2B' },
  };
}

describe('toKafkaMessage', () => {
  it('keys the message by subject and carries the whole envelope as JSON, with routing headers', () => {
    const event = envelope('0190f7c2-0000-7000-8000-0000000000aa', 'acc-1');
    const message = toKafkaMessage(event);

    expect(message.key).toBe('acc-1');
    expect(JSON.parse(String(message.value))).toEqual(event);
    expect(message.headers).toEqual({
      ce_type: 'crm.accounts.AccountArchived.v1',
      ce_id: '0190f7c2-0000-7000-8000-0000000000aa',
      ce_tenantid: '0190f7c2-0000-7000-8000-000000000001',
      'content-type': 'application/cloudevents+json; charset=UTF-8',
    });
  });
});

describe('groupByTopic', () => {
  it('makes one sendBatch entry per topic, keeping the outbox order within each', () => {
    const rows: OutboxRow[] = [
      {
        id: 'a',
        topic: 't1',
        message_key: 'k1',
        envelope: envelope('0190f7c2-0000-7000-8000-00000000000a', 'k1'),
      },
      {
        id: 'b',
        topic: 't2',
        message_key: 'k2',
        envelope: envelope('0190f7c2-0000-7000-8000-00000000000b', 'k2'),
      },
      {
        id: 'c',
        topic: 't1',
        message_key: 'k3',
        envelope: envelope('0190f7c2-0000-7000-8000-00000000000c', 'k3'),
      },
    ];

    const batches = groupByTopic(rows);

    expect(batches.map((batch) => batch.topic)).toEqual(['t1', 't2']);
    expect(batches[0].messages.map((message) => message.key)).toEqual(['k1', 'k3']);
    expect(batches[1].messages.map((message) => message.key)).toEqual(['k2']);
  });
});
