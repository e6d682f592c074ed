import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

export const DEAD_LETTER_HEADERS = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  reason: 'dlq-reason',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/** Why a message was set aside: it can never be valid, or its handler kept failing. */
export type DeadLetterReason = 'invalid-event' | 'handler-failed';

export interface DeadLetterFacts {
  topic: string;
  partition: number;
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>;
  consumerGroup: string;
  reason: DeadLetterReason;
  error: unknown;
  /** Handler runs made; 0 when the message never reached a handler. */
  attempts: number;
  failedAt: Date;
}

/** Headers are for people reading the DLQ, not a place for a whole stack trace. */
const MAX_ERROR_LENGTH = 1_000;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/**
 * The dead-letter copy of a message: the original key, value and headers unchanged (so it can be
 * replayed as it was), plus where it came from, who gave up on it and why.
 */
export function deadLetterMessage(facts: DeadLetterFacts): Message {
  const originalHeaders: IHeaders = { ...facts.message.headers };
  // A message dead-lettered before (then replayed) carries old dlq-* headers; this failure replaces them.
  for (const name of Object.values(DEAD_LETTER_HEADERS)) delete originalHeaders[name];
  return {
    key: facts.message.key,
    value: facts.message.value,
    headers: {
      ...originalHeaders,
      [DEAD_LETTER_HEADERS.originalTopic]: facts.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(facts.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: facts.message.offset,
      [DEAD_LETTER_HEADERS.consumerGroup]: facts.consumerGroup,
      [DEAD_LETTER_HEADERS.reason]: facts.reason,
      [DEAD_LETTER_HEADERS.error]: describeError(facts.error),
      [DEAD_LETTER_HEADERS.attempts]: String(facts.attempts),
      [DEAD_LETTER_HEADERS.failedAt]: facts.failedAt.toISOString(),
    },
  };
}
