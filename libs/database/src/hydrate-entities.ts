import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns rows of a hand-written SQL query (one that `find` cannot express, e.g. with window
 * functions) into entities, converting each column exactly as TypeORM does for its own queries.
 */
export function hydrateEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Record<string, unknown>[],
): T[] {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.ownColumns) {
      if (column.databaseName in row) {
        (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(
          row[column.databaseName],
          column,
        );
      }
    }
    return entity;
  });
}
