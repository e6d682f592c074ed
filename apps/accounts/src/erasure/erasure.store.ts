import type { EntityManager } from 'typeorm';
import { PUBLISHING_SERVICES } from '@crm/events';

/**
 * Right-to-erasure requests and the services' acknowledgements. A request row is also the tombstone
 * of the erased account: whatever would bring its data back (a replayed LeadConverted, a merge) is
 * checked against it.
 */

export interface ErasureRequest {
  accountId: string;
  contactIds: string[];
  requestedAt: Date;
}

export interface ErasureAcknowledgement {
  service: string;
  completedAt: Date | null;
}

/** Every service that holds account data acknowledges an erasure: the publishing services. */
export const ACKNOWLEDGING_SERVICES: readonly string[] = PUBLISHING_SERVICES;

export async function erasedAccountIds(
  manager: EntityManager,
  tenantId: string,
  accountIds: readonly string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT "account_id" FROM "erasure_requests" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[])`,
    [tenantId, accountIds],
  )) as { account_id: string }[];
  return new Set(rows.map((row) => row.account_id));
}

export async function isErasedAccount(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<boolean> {
  return (await erasedAccountIds(manager, tenantId, [accountId])).has(accountId);
}

export async function findErasureRequest(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<ErasureRequest | null> {
  const [row] = (await manager.query(
    `SELECT "account_id", "contact_ids", "requested_at" FROM "erasure_requests" WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  )) as { account_id: string; contact_ids: string[]; requested_at: Date }[];
  return row
    ? { accountId: row.account_id, contactIds: row.contact_ids, requestedAt: row.requested_at }
    : null;
}

export async function insertErasureRequest(
  manager: EntityManager,
  tenantId: string,
  request: ErasureRequest,
  requestedBy: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO "erasure_requests" ("tenant_id", "account_id", "contact_ids", "requested_at", "requested_by")
     VALUES ($1, $2, $3::uuid[], $4, $5)`,
    [tenantId, request.accountId, request.contactIds, request.requestedAt, requestedBy],
  );
}

/** The first acknowledgement of a service counts; a redelivered or repeated one changes nothing. */
export async function recordErasureAcknowledgement(
  manager: EntityManager,
  tenantId: string,
  acknowledgement: { accountId: string; service: string; completedAt: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO "erasure_acknowledgements" ("tenant_id", "account_id", "service", "completed_at")
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [tenantId, acknowledgement.accountId, acknowledgement.service, acknowledgement.completedAt],
  );
}

/** One entry per acknowledging service, in platform order; null completedAt while it is pending. */
export async function erasureAcknowledgements(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<ErasureAcknowledgement[]> {
  const rows = (await manager.query(
    `SELECT "service", "completed_at" FROM "erasure_acknowledgements" WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  )) as { service: string; completed_at: Date }[];
  const completedAt = new Map(rows.map((row) => [row.service, row.completed_at]));
  return ACKNOWLEDGING_SERVICES.map((service) => ({
    service,
    completedAt: completedAt.get(service) ?? null,
  }));
}
