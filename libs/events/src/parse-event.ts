import { z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope';
import { findEventDefinition } from './catalog';

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/**
 * Parses raw bytes from Kafka into a validated envelope whose data matches its type's schema.
 * Anything else is an InvalidEventError: such a message can never succeed, so it goes to the DLQ.
 */
export function parseEvent(raw: Buffer | string | null): EventEnvelope {
  if (raw === null) throw new InvalidEventError('message has no value', []);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new InvalidEventError('message value is not JSON', []);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    const issues = describeIssues(envelope.error);
    throw new InvalidEventError(`invalid envelope: ${issues.join('; ')}`, issues);
  }
  const definition = findEventDefinition(envelope.data.type);
  if (!definition) {
    throw new InvalidEventError(`unknown event type ${envelope.data.type}`, []);
  }
  const data = definition.schema.safeParse(envelope.data.data);
  if (!data.success) {
    const issues = describeIssues(data.error);
    throw new InvalidEventError(`invalid ${envelope.data.type} data: ${issues.join('; ')}`, issues);
  }
  return { ...envelope.data, data: data.data };
}
