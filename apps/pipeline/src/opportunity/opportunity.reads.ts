import { hydrateEntities, type TenantScopedDatabase } from '@crm/database';
import { assertPageSize, FieldErrors, queryableIds } from '@crm/subgraph';
import { optionalId, requiredId } from '../common/field-rules';
import { money } from '../common/money';
import { findInTenantByIds } from '../common/tenant-rows';
import { stagesOf } from '../pipeline/pipeline.service';
import { ContactRoleEntity } from './contact-role.entity';
import type { BoardColumnModel } from './opportunity.board';
import { OpportunityEntity } from './opportunity.entity';
import {
  filteredOpportunities,
  inListingOrder,
  selectOpportunityPagesByAccount,
  type OpportunityFilter,
} from './opportunity.query';
import { isClosedStage } from './opportunity.rules';
import { StageVisitEntity } from './stage-visit.entity';

/** What the API and the loaders read about opportunities, each batch in a fixed number of statements. */
export class OpportunityReads {
  constructor(private readonly database: TenantScopedDatabase) {}

  findByIds(tenantId: string, ids: readonly string[]): Promise<(OpportunityEntity | null)[]> {
    return findInTenantByIds(this.database, OpportunityEntity, tenantId, ids);
  }

  async listOpportunities(
    tenantId: string,
    filter: OpportunityFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<OpportunityEntity[]> {
    const errors = new FieldErrors();
    const cleanFilter: OpportunityFilter = {
      pipelineId: optionalId(errors, 'pipelineId', filter.pipelineId),
      stageId: optionalId(errors, 'stageId', filter.stageId),
      ownerId: optionalId(errors, 'ownerId', filter.ownerId),
      open: filter.open,
    };
    const afterId = optionalId(errors, 'after', after);
    errors.throwIfAny();
    const pageSize = assertPageSize(first, 'first');
    return this.database.inTenant(tenantId, (manager) =>
      inListingOrder(filteredOpportunities(manager, tenantId, cleanFilter), afterId)
        .limit(pageSize)
        .getMany(),
    );
  }

  /** `Account.opportunities` of many accounts with the same arguments, in one statement. */
  async pagesByAccount(
    tenantId: string,
    accountIds: readonly string[],
    options: { open: boolean | null; pageSize: number; afterId: string | null },
  ): Promise<OpportunityEntity[][]> {
    const wanted = queryableIds(accountIds);
    const rows =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) =>
            selectOpportunityPagesByAccount(manager, tenantId, wanted, options),
          );
    return accountIds.map((id) => rows.filter((row) => row.accountId === id));
  }

  /** `Contact.opportunities`: the deals whose buying committee includes each contact, newest first. */
  async byContacts(tenantId: string, contactIds: readonly string[]): Promise<OpportunityEntity[][]> {
    const wanted = queryableIds(contactIds);
    if (wanted.length === 0) return contactIds.map(() => []);
    const { roles, opportunities } = await this.database.inTenant(tenantId, async (manager) => {
      const roles = await manager
        .createQueryBuilder(ContactRoleEntity, 'role')
        .where('role.tenantId = :tenantId AND role.contactId = ANY(:wanted)', { tenantId, wanted })
        .getMany();
      const opportunityIds = [...new Set(roles.map((role) => role.opportunityId))];
      const opportunities =
        opportunityIds.length === 0
          ? []
          : await inListingOrder(
              manager
                .createQueryBuilder(OpportunityEntity, 'opportunity')
                .where('opportunity.tenantId = :tenantId AND opportunity.id = ANY(:opportunityIds)', {
                  tenantId,
                  opportunityIds,
                }),
              null,
            ).getMany();
      return { roles, opportunities };
    });
    return contactIds.map((contactId) => {
      const ids = new Set(
        roles.filter((role) => role.contactId === contactId).map((role) => role.opportunityId),
      );
      return opportunities.filter((opportunity) => ids.has(opportunity.id));
    });
  }

  async contactRolesOf(tenantId: string, opportunityIds: readonly string[]): Promise<ContactRoleEntity[][]> {
    const rows = await this.database.inTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(ContactRoleEntity, 'role')
        .where('role.tenantId = :tenantId AND role.opportunityId = ANY(:ids)', {
          tenantId,
          ids: [...opportunityIds],
        })
        .orderBy('role.isPrimary', 'DESC')
        .addOrderBy('role.contactId')
        .getMany(),
    );
    return opportunityIds.map((id) => rows.filter((row) => row.opportunityId === id));
  }

  async stageHistoryOf(tenantId: string, opportunityIds: readonly string[]): Promise<StageVisitEntity[][]> {
    const rows = await this.database.inTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(StageVisitEntity, 'visit')
        .where('visit.tenantId = :tenantId AND visit.opportunityId = ANY(:ids)', {
          tenantId,
          ids: [...opportunityIds],
        })
        .orderBy('visit.enteredAt')
        .addOrderBy('visit.id')
        .getMany(),
    );
    return opportunityIds.map((id) => rows.filter((row) => row.opportunityId === id));
  }

  /** The kanban board: three statements whatever the number of stages and deals. */
  async board(
    tenantId: string,
    pipelineId: string,
    perStage: number | null | undefined,
  ): Promise<BoardColumnModel[]> {
    const errors = new FieldErrors();
    const id = requiredId(errors, 'pipelineId', pipelineId);
    errors.throwIfAny();
    const limit = assertPageSize(perStage, 'perStage');
    return this.database.inTenant(tenantId, async (manager) => {
      const stages = (await stagesOf(manager, tenantId, [id])).filter((stage) => !isClosedStage(stage));
      if (stages.length === 0) return [];
      const stageIds = stages.map((stage) => stage.id);
      const totals: { stage_id: string; currency: string; count: number; amount: string }[] =
        await manager.query(
          `SELECT "stage_id", "currency", count(*)::int AS "count", sum("amount_minor")::text AS "amount"
         FROM "opportunities" WHERE "tenant_id" = $1 AND "stage_id" = ANY($2::uuid[])
         GROUP BY "stage_id", "currency" ORDER BY "currency"`,
          [tenantId, stageIds],
        );
      const newest: Record<string, unknown>[] = await manager.query(
        `SELECT "o".* FROM unnest($2::uuid[]) AS "s" ("id")
         CROSS JOIN LATERAL (
           SELECT * FROM "opportunities"
           WHERE "tenant_id" = $1 AND "stage_id" = "s"."id"
           ORDER BY "created_at" DESC, "id" DESC LIMIT $3
         ) AS "o"`,
        [tenantId, stageIds, limit],
      );
      const opportunities = hydrateEntities(manager, OpportunityEntity, newest);
      return stages.map((stage) => {
        const ofStage = totals.filter((row) => row.stage_id === stage.id);
        return {
          stage,
          count: ofStage.reduce((sum, row) => sum + row.count, 0),
          amountTotals: ofStage.map((row) => money(BigInt(row.amount), row.currency)),
          opportunities: opportunities.filter((opportunity) => opportunity.stageId === stage.id),
        };
      });
    });
  }
}
