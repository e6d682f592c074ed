import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { assertPageSize, type Caller, FieldErrors, LIMITS, optionalText, requiredText } from '@crm/subgraph';
import { findAccountProfile } from '../account-profile/account-profile.query';
import type { LeadStatus } from '../common/enums';
import { optionalAmountMinor, optionalId } from '../common/field-rules';
import { findInTenantByIds, selectInTenantForUpdate } from '../common/tenant-rows';
import {
  publishLeadConverted,
  publishLeadCreated,
  publishLeadDisqualified,
  publishLeadQualified,
} from '../events/publishers';
import type { ConvertLeadInput, CreateLeadInput } from '../generated/graphql';
import { ContactRoleEntity } from '../opportunity/contact-role.entity';
import { OpportunityEntity } from '../opportunity/opportunity.entity';
import { ArchivedAccountError } from '../opportunity/opportunity.errors';
import { insertOpportunity } from '../opportunity/opportunity.changes';
import type { OpportunityDefaults } from '../opportunity/opportunity.service';
import { ensureDefaultPipeline, findPipelineWithStages } from '../pipeline/pipeline.service';
import type { StageEntity } from '../pipeline/stage.entity';
import { LeadEntity } from './lead.entity';
import { LeadNotFoundError, LeadStatusConflictError } from './lead.errors';
import { defaultOpportunityName, validateNewLead } from './lead.validation';

export interface LeadSettings extends OpportunityDefaults {
  /** Region for phone numbers typed without a country code. */
  phoneRegion: string;
}

const MAX_REASON_LENGTH = 1000;
/** The buying-committee role of the person a converted lead named. */
export const CONVERTED_CONTACT_ROLE = 'Primary contact';

export class LeadService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly settings: LeadSettings,
  ) {}

  async createLead(caller: Caller, input: CreateLeadInput): Promise<LeadEntity> {
    const errors = new FieldErrors('input');
    const fields = validateNewLead(errors, input, this.settings.phoneRegion);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const lead = manager.create(LeadEntity, {
        ...fields,
        ownerId: fields.ownerId ?? caller.userId,
        tenantId: caller.tenantId,
        id: uuidv7(),
        status: 'NEW',
        disqualifiedReason: null,
        convertedAccountId: null,
        convertedContactId: null,
        convertedOpportunityId: null,
        convertedAt: null,
      });
      await manager.insert(LeadEntity, lead);
      await publishLeadCreated(manager, lead, caller.userId);
      return lead;
    });
  }

  /** Qualifying a qualified lead changes and publishes nothing. */
  qualifyLead(caller: Caller, id: string): Promise<LeadEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const lead = await lockLead(manager, caller.tenantId, id);
      if (lead.status === 'QUALIFIED') return lead;
      if (lead.status === 'DISQUALIFIED' || lead.status === 'CONVERTED')
        throw new LeadStatusConflictError(lead.id, lead.status, 'qualified');
      lead.status = 'QUALIFIED';
      await manager.save(lead);
      await publishLeadQualified(manager, lead, caller.userId);
      return lead;
    });
  }

  async disqualifyLead(caller: Caller, id: string, reason: string): Promise<LeadEntity> {
    const errors = new FieldErrors();
    const disqualifiedReason = requiredText(errors, 'reason', reason, MAX_REASON_LENGTH);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const lead = await lockLead(manager, caller.tenantId, id);
      if (lead.status === 'DISQUALIFIED' || lead.status === 'CONVERTED')
        throw new LeadStatusConflictError(lead.id, lead.status, 'disqualified');
      Object.assign(lead, { status: 'DISQUALIFIED' satisfies LeadStatus, disqualifiedReason });
      await manager.save(lead);
      await publishLeadDisqualified(manager, lead, caller.userId);
      return lead;
    });
  }

  /**
   * Creates the opportunity here and announces LeadConverted with the ids accounts must give the new
   * account and contact. A retried conversion returns the opportunity of the first one.
   */
  async convertLead(caller: Caller, input: ConvertLeadInput): Promise<OpportunityEntity> {
    const errors = new FieldErrors('input');
    const existingAccountId = optionalId(errors, 'existingAccountId', input.existingAccountId);
    const pipelineId = optionalId(errors, 'pipelineId', input.pipelineId);
    const opportunityName = optionalText(errors, 'opportunityName', input.opportunityName, LIMITS.name);
    const amountMinor = optionalAmountMinor(errors, 'amountMinor', input.amountMinor) ?? 0n;
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const lead = await lockLead(manager, caller.tenantId, input.leadId);
      if (lead.status === 'CONVERTED') {
        return manager.findOneOrFail(OpportunityEntity, {
          where: { tenantId: caller.tenantId, id: lead.convertedOpportunityId as string },
        });
      }
      if (lead.status === 'DISQUALIFIED')
        throw new LeadStatusConflictError(lead.id, lead.status, 'converted');
      if (existingAccountId) {
        const profile = await findAccountProfile(manager, caller.tenantId, existingAccountId);
        if (profile?.archived) throw new ArchivedAccountError(existingAccountId);
      }
      const pipeline = pipelineId
        ? await findPipelineWithStages(manager, caller.tenantId, pipelineId)
        : await ensureDefaultPipeline(manager, caller.tenantId, lead.salesModel, caller.userId);
      if (!pipeline) {
        errors.add('pipelineId', 'is not one of your pipelines');
        errors.throwIfAny();
      }
      const stage = pipeline?.stages.find((candidate) => candidate.type === 'OPEN') as StageEntity;

      const accountId = existingAccountId ?? uuidv7();
      const contactId = lead.firstName || lead.lastName ? uuidv7() : null;
      const opportunity = await insertOpportunity(manager, caller, {
        name: opportunityName ?? defaultOpportunityName(lead),
        accountId,
        pipeline: pipeline as NonNullable<typeof pipeline>,
        stage,
        amountMinor,
        currency: this.settings.currency,
        probabilityOverride: null,
        expectedCloseDate: null,
        ownerId: lead.ownerId ?? caller.userId,
        source: lead.source,
        campaignId: lead.campaignId,
        leadId: lead.id,
      });
      if (contactId) {
        await manager.insert(ContactRoleEntity, {
          tenantId: caller.tenantId,
          opportunityId: opportunity.id,
          contactId,
          role: CONVERTED_CONTACT_ROLE,
          isPrimary: true,
        });
      }
      Object.assign(lead, {
        status: 'CONVERTED' satisfies LeadStatus,
        convertedAccountId: accountId,
        convertedContactId: contactId,
        convertedOpportunityId: opportunity.id,
        convertedAt: new Date(),
      });
      await manager.save(lead);
      await publishLeadConverted(
        manager,
        lead,
        { accountId, existingAccount: existingAccountId !== null, contactId, opportunityId: opportunity.id },
        caller.userId,
      );
      return opportunity;
    });
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<(LeadEntity | null)[]> {
    return findInTenantByIds(this.database, LeadEntity, tenantId, ids);
  }

  /** Newest first, after the lead `after` (an id). */
  listLeads(
    tenantId: string,
    status: LeadStatus | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<LeadEntity[]> {
    const errors = new FieldErrors();
    const afterId = optionalId(errors, 'after', after);
    errors.throwIfAny();
    const pageSize = assertPageSize(first, 'first');
    return this.database.inTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(LeadEntity, 'lead')
        .where('lead.tenantId = :tenantId', { tenantId });
      if (status) query.andWhere('lead.status = :status', { status });
      // The contract's lists carry no cursors: `after` is the id of the last lead of the previous page.
      if (afterId) {
        query.andWhere(
          `(lead.createdAt, lead.id) < (SELECT "after"."created_at", "after"."id" FROM "leads" "after" WHERE "after"."tenant_id" = :tenantId AND "after"."id" = :afterId)`,
          { afterId },
        );
      }
      return query.orderBy('lead.createdAt', 'DESC').addOrderBy('lead.id', 'DESC').limit(pageSize).getMany();
    });
  }
}

async function lockLead(manager: EntityManager, tenantId: string, id: string): Promise<LeadEntity> {
  const lead = await selectInTenantForUpdate(manager, LeadEntity, tenantId, id);
  if (!lead) throw new LeadNotFoundError(id);
  return lead;
}
