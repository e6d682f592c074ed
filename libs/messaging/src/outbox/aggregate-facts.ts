/** The aggregate an event is about, as every versioned entity has it. */
export interface VersionedAggregateRef {
  tenantId: string;
  id: string;
  version: number;
}

/**
 * The envelope facts of an event about an aggregate's change: its tenant, who acted (a user id or
 * 'system'), the aggregate as the subject, and its version after the change as the sequence.
 */
export function factsAbout(aggregate: VersionedAggregateRef, actorId: string) {
  return {
    tenantId: aggregate.tenantId,
    actorId,
    aggregateId: aggregate.id,
    aggregateVersion: aggregate.version,
  };
}
