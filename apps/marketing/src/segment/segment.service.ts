import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  FieldErrors,
  InvalidInputError,
  canonicalUuid,
  inRequestedOrder,
  queryableIds,
  requiredText,
  type Caller,
} from '@crm/subgraph';
import { afterAccountId } from '../account-page-cursor';
import type { SegmentQueryOptions } from './compile-segment';
import { countSegmentMembers, segmentMemberIds } from './segment-queries';
import { parseSegmentRules, type SegmentRule } from './segment-rules';
import type { SegmentRow } from './segment.types';

const MAX_NAME_LENGTH = 200;
const SEGMENT_COLUMNS = `"id", "name", "rules", "created_at"`;

export class SegmentService {
  constructor(private readonly database: TenantScopedDatabase) {}

  queryOptions(tenantId: string): SegmentQueryOptions {
    return { tenantId, asOf: new Date() };
  }

  async createSegment(caller: Caller, input: { name: string; rules: unknown }): Promise<SegmentRow> {
    const errors = new FieldErrors('input');
    const name = requiredText(errors, 'name', input.name, MAX_NAME_LENGTH);
    let rules: SegmentRule | null = null;
    try {
      rules = parseSegmentRules(input.rules, 'input.rules');
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      for (const field of error.fields) errors.add(field.field.replace(/^input\./, ''), field.message);
    }
    errors.throwIfAny();
    const [row] = await this.database.inTenant(caller.tenantId, (manager) =>
      manager.query(
        `INSERT INTO "segments" ("tenant_id", "id", "name", "rules", "created_by") VALUES ($1, $2, $3, $4, $5)
         RETURNING ${SEGMENT_COLUMNS}`,
        [caller.tenantId, uuidv7(), name, JSON.stringify(rules), caller.userId],
      ),
    );
    return row as SegmentRow;
  }

  listSegments(tenantId: string): Promise<SegmentRow[]> {
    return this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT ${SEGMENT_COLUMNS} FROM "segments" WHERE "tenant_id" = $1 ORDER BY "created_at", "id"`,
        [tenantId],
      ),
    );
  }

  async findByIds(tenantId: string, ids: readonly string[]): Promise<(SegmentRow | null)[]> {
    const rows: SegmentRow[] = await this.database.inTenant(tenantId, (manager) =>
      manager.query(
        `SELECT ${SEGMENT_COLUMNS} FROM "segments" WHERE "tenant_id" = $1 AND "id" = ANY($2::uuid[])`,
        [tenantId, queryableIds(ids)],
      ),
    );
    return inRequestedOrder(ids.map(canonicalUuid), rows);
  }

  async previewSegment(tenantId: string, rules: unknown): Promise<number> {
    const rule = parseSegmentRules(rules, 'rules');
    const [count] = await this.database.inTenant(tenantId, (manager) =>
      countSegmentMembers(manager, [rule], this.queryOptions(tenantId)),
    );
    return count ?? 0;
  }

  /** Stored rules were validated when the segment was created; parsing again types them. */
  memberCounts(tenantId: string, segments: readonly SegmentRow[]): Promise<number[]> {
    const rules = segments.map((segment) => parseSegmentRules(segment.rules));
    return this.database.inTenant(tenantId, (manager) =>
      countSegmentMembers(manager, rules, this.queryOptions(tenantId)),
    );
  }

  async memberIds(
    tenantId: string,
    segment: SegmentRow,
    first: number,
    after: string | null | undefined,
  ): Promise<string[]> {
    const page = { first, afterAccountId: afterAccountId(after, 'member') };
    return this.database.inTenant(tenantId, (manager) =>
      segmentMemberIds(manager, parseSegmentRules(segment.rules), this.queryOptions(tenantId), page),
    );
  }
}
