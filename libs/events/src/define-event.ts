import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { envelopeSchema, type Actor, type EventEnvelope } from './envelope';
import { eventsTopic, type PublishingService } from './topics';

export interface EventDefinition<TName extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly service: PublishingService;
  readonly name: TName;
  readonly version: number;
  /** `crm.<service>.<EventName>.v<major>`: the CloudEvents `type`. */
  readonly type: string;
  readonly topic: string;
  /** The one payload schema both the publisher and every consumer validate against. */
  readonly schema: TSchema;
}

export type EventData<TDefinition extends EventDefinition> = z.infer<TDefinition['schema']>;

export function defineEvent<TName extends string, TSchema extends z.ZodType>(spec: {
  service: PublishingService;
  name: TName;
  version: number;
  schema: TSchema;
}): EventDefinition<TName, TSchema> {
  return {
    ...spec,
    type: `crm.${spec.service}.${spec.name}.v${spec.version}`,
    topic: eventsTopic(spec.service),
  };
}

export interface NewEventFacts<TData> {
  tenantId: string;
  actorId: Actor;
  /** The aggregate the event is about: the CloudEvents subject and the Kafka key. */
  aggregateId: string;
  /** The aggregate's version after the change. */
  aggregateVersion: number;
  data: TData;
  occurredAt?: Date;
}

/** Builds a validated envelope; invalid data throws here, before anything reaches the outbox. */
export function createEnvelope<TDefinition extends EventDefinition>(
  definition: TDefinition,
  facts: NewEventFacts<EventData<TDefinition>>,
): EventEnvelope<EventData<TDefinition>> {
  const data = definition.schema.parse(facts.data) as EventData<TDefinition>;
  // The envelope is checked too, with the schema consumers use: a malformed tenant id or a
  // fractional version written to the outbox would otherwise reach every consumer as poison.
  const envelope = envelopeSchema.parse({
    specversion: '1.0',
    id: uuidv7(),
    source: `crm/${definition.service}`,
    type: definition.type,
    subject: facts.aggregateId,
    time: (facts.occurredAt ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    tenantid: facts.tenantId,
    actorid: facts.actorId,
    sequence: String(facts.aggregateVersion),
    data,
  });
  return { ...envelope, data };
}
