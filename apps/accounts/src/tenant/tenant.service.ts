import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { TenantEntity } from './tenant.entity';
import type { TenantSettings } from './tenant-settings';

export class TenantService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** By id, in the order asked; a caller only ever sees its own tenant, anything else is null. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<(TenantEntity | null)[]> {
    if (!ids.includes(tenantId)) return ids.map(() => null);
    const tenant = await this.database.inTenant(tenantId, (manager) => findTenant(manager, tenantId));
    return ids.map((id) => (id === tenantId ? tenant : null));
  }
}

export function findTenant(manager: EntityManager, tenantId: string): Promise<TenantEntity | null> {
  return manager.findOneBy(TenantEntity, { id: tenantId });
}

/** The tenant whose scope the transaction runs in; it exists, or the caller's token is stale. */
export async function requireTenant(manager: EntityManager, tenantId: string): Promise<TenantEntity> {
  const tenant = await findTenant(manager, tenantId);
  if (!tenant) throw new Error(`tenant ${tenantId} of a verified caller does not exist`);
  return tenant;
}

export async function insertTenant(
  manager: EntityManager,
  fields: { id: string; name: string } & TenantSettings,
): Promise<TenantEntity> {
  const tenant = manager.create(TenantEntity, fields);
  await manager.insert(TenantEntity, tenant); // fills in version and timestamps
  return tenant;
}
