import type { Message, TopicMessages } from 'kafkajs';
import type { EventEnvelope } from '@crm/events';

/** An unpublished outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  envelope: EventEnvelope;
}

/** Headers that let brokers' tooling and consumers route or filter without parsing the value. */
export const EVENT_HEADERS = {
  type: 'ce_type',
  id: 'ce_id',
  tenantId: 'ce_tenantid',
  contentType: 'content-type',
} as const;

/** CloudEvents Kafka binding, structured mode: the whole envelope is the message value. */
export const STRUCTURED_CLOUDEVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/** The Kafka message for an envelope: keyed by subject, so one aggregate's events stay in order. */
export function toKafkaMessage(envelope: EventEnvelope): Message {
  return {
    key: envelope.subject,
    value: JSON.stringify(envelope),
    headers: {
      [EVENT_HEADERS.type]: envelope.type,
      [EVENT_HEADERS.id]: envelope.id,
      [EVENT_HEADERS.tenantId]: envelope.tenantid,
      [EVENT_HEADERS.contentType]: STRUCTURED_CLOUDEVENT_CONTENT_TYPE,
    },
  };
}

/**
 * One entry per topic for `producer.sendBatch`, messages in the rows' order (the outbox order), so
 * per-partition order on the broker follows the outbox order (txid, position).
 */
export function groupByTopic(rows: readonly OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ ...toKafkaMessage(row.envelope), key: row.message_key });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
