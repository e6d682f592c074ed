import type { EntityManager, EntityTarget } from 'typeorm';
import type { VersionedAggregate } from '@crm/database';

type Aggregate = VersionedAggregate & { tenantId: string; id: string };

/**
 * Writes `changes` to the aggregate's row in one UPDATE that also bumps its version (TypeORM adds
 * `version = version + 1`), and mirrors both on the entity, whose version then numbers the events.
 */
export async function updateAggregate<T extends Aggregate>(
  manager: EntityManager,
  target: EntityTarget<T>,
  aggregate: T,
  changes: Partial<Omit<T, 'tenantId' | 'id' | 'version' | 'createdAt'>>,
): Promise<void> {
  const updatedAt = new Date();
  await manager.update(
    target,
    { tenantId: aggregate.tenantId, id: aggregate.id } as never,
    {
      ...changes,
      updatedAt,
    } as never,
  );
  Object.assign(aggregate, changes, { updatedAt, version: aggregate.version + 1 });
}
