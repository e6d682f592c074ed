import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { type Caller, FieldErrors, optionalText, queryableIds } from '@crm/subgraph';
import { findAccountProfile } from '../account-profile/account-profile.query';
import { optionalDate, optionalId, todayInUtc } from '../common/field-rules';
import { findInTenantByIds, selectInTenantForUpdate } from '../common/tenant-rows';
import { publishQuoteAccepted, publishQuoteRejected, publishQuoteSent } from '../events/publishers';
import type { CreateQuoteInput } from '../generated/graphql';
import { OpportunityEntity } from '../opportunity/opportunity.entity';
import { ClosedOpportunityError, OpportunityNotFoundError } from '../opportunity/opportunity.errors';
import { insertLineItems, priceLines } from '../pricing/line-pricing';
import { LineItemEntity } from './line-item.entity';
import { documentAmounts } from './quote.arithmetic';
import { QuoteEntity } from './quote.entity';
import { expireOverdueQuotes } from './quote-expiry.sweeper';
import { ExpiredQuoteError, QuoteNotFoundError, QuoteStatusConflictError } from './quote.errors';
import {
  effectiveQuoteStatus,
  formatQuoteNumber,
  quoteTransition,
  type QuoteAction,
} from './quote-status.machine';

const MAX_REASON_LENGTH = 1000;

export class QuoteService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** Prices every line now (price-list projection for lines without a price) and fixes the totals. */
  createQuote(caller: Caller, input: CreateQuoteInput): Promise<QuoteEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      // Locked: a deal closing at the same moment cannot get a new quote.
      const opportunity = await selectInTenantForUpdate(
        manager,
        OpportunityEntity,
        caller.tenantId,
        input.opportunityId,
      );
      if (!opportunity) throw new OpportunityNotFoundError(input.opportunityId);
      if (opportunity.closedAt) throw new ClosedOpportunityError(opportunity.id);

      const errors = new FieldErrors('input');
      const validUntil = optionalDate(errors, 'validUntil', input.validUntil);
      if (validUntil && validUntil < todayInUtc()) errors.add('validUntil', 'must be today or later');
      const profile = await findAccountProfile(manager, caller.tenantId, opportunity.accountId);
      const lines = await priceLines(manager, caller.tenantId, errors, 'lineItems', input.lineItems, {
        minLines: 1,
        currency: opportunity.currency,
        salesModel: profile?.salesModel ?? opportunity.salesModel,
        tier: profile?.tier ?? null,
      });
      errors.throwIfAny();

      const totals = documentAmounts(lines);
      const quote = manager.create(QuoteEntity, {
        tenantId: caller.tenantId,
        id: uuidv7(),
        number: formatQuoteNumber(await nextQuoteSequence(manager, caller.tenantId)),
        opportunityId: opportunity.id,
        status: 'DRAFT',
        currency: opportunity.currency,
        validUntil,
        subtotalMinor: totals.subtotalMinor.toString(),
        discountMinor: totals.discountMinor.toString(),
        taxMinor: totals.taxMinor.toString(),
        totalMinor: totals.totalMinor.toString(),
        toContactId: null,
        sentAt: null,
        acceptedAt: null,
        rejectedAt: null,
        rejectionReason: null,
      });
      await manager.insert(QuoteEntity, quote);
      await insertLineItems(
        manager,
        {
          tenantId: caller.tenantId,
          opportunityId: opportunity.id,
          quoteId: quote.id,
          currency: quote.currency,
        },
        lines,
      );
      return quote;
    });
  }

  async sendQuote(caller: Caller, id: string, toContactId: string | null | undefined): Promise<QuoteEntity> {
    const errors = new FieldErrors();
    const contactId = optionalId(errors, 'toContactId', toContactId);
    errors.throwIfAny();
    return this.transition(caller, id, 'send', async (manager, quote, opportunity) => {
      Object.assign(quote, { status: 'SENT', sentAt: new Date(), toContactId: contactId });
      await manager.save(quote);
      await publishQuoteSent(manager, quote, opportunity, caller.userId);
    });
  }

  /** Final: an accepted quote never changes again; orders turns QuoteAccepted into an order. */
  acceptQuote(caller: Caller, id: string): Promise<QuoteEntity> {
    return this.transition(caller, id, 'accept', async (manager, quote, opportunity) => {
      Object.assign(quote, { status: 'ACCEPTED', acceptedAt: new Date() });
      await manager.save(quote);
      const lines = await linesOf(manager, caller.tenantId, [quote.id]);
      await publishQuoteAccepted(manager, quote, opportunity, lines, caller.userId);
    });
  }

  async rejectQuote(caller: Caller, id: string, reason: string | null | undefined): Promise<QuoteEntity> {
    const errors = new FieldErrors();
    const rejectionReason = optionalText(errors, 'reason', reason, MAX_REASON_LENGTH);
    errors.throwIfAny();
    return this.transition(caller, id, 'reject', async (manager, quote, opportunity) => {
      Object.assign(quote, { status: 'REJECTED', rejectedAt: new Date(), rejectionReason });
      await manager.save(quote);
      await publishQuoteRejected(manager, quote, opportunity, caller.userId);
    });
  }

  /**
   * Locks the quote, applies `action` through the status machine and runs `effect` for a real move.
   * An overdue quote is refused as expired, and its EXPIRED status is recorded after the rollback.
   */
  private async transition(
    caller: Caller,
    id: string,
    action: QuoteAction,
    effect: (manager: EntityManager, quote: QuoteEntity, opportunity: OpportunityEntity) => Promise<void>,
  ): Promise<QuoteEntity> {
    try {
      return await this.database.inTenant(caller.tenantId, async (manager) => {
        const quote = await lockQuote(manager, caller.tenantId, id);
        const status = effectiveQuoteStatus(quote, todayInUtc());
        const outcome = quoteTransition(status, action);
        if (outcome.kind === 'unchanged') return quote;
        if (status === 'EXPIRED' && quote.status !== 'EXPIRED')
          throw new ExpiredQuoteError(caller.tenantId, quote.id, quote.number, quote.validUntil as string);
        if (outcome.kind === 'refused') throw new QuoteStatusConflictError(quote.number, status, action);
        const opportunity = await manager.findOneOrFail(OpportunityEntity, {
          where: { tenantId: caller.tenantId, id: quote.opportunityId },
        });
        await effect(manager, quote, opportunity);
        return quote;
      });
    } catch (error) {
      if (error instanceof ExpiredQuoteError) await this.recordExpiry(error);
      throw error;
    }
  }

  private async recordExpiry(expired: ExpiredQuoteError): Promise<void> {
    await this.database.inTenant(expired.tenantId, (manager) =>
      expireOverdueQuotes(manager, todayInUtc(), expired.quoteId),
    );
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<(QuoteEntity | null)[]> {
    return findInTenantByIds(this.database, QuoteEntity, tenantId, ids);
  }

  async quotesOfOpportunities(tenantId: string, opportunityIds: readonly string[]): Promise<QuoteEntity[][]> {
    const rows = await this.database.inTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(QuoteEntity, 'quote')
        .where('quote.tenantId = :tenantId AND quote.opportunityId = ANY(:ids)', {
          tenantId,
          ids: queryableIds(opportunityIds),
        })
        .orderBy('quote.createdAt')
        .addOrderBy('quote.id')
        .getMany(),
    );
    return opportunityIds.map((id) => rows.filter((row) => row.opportunityId === id));
  }

  async linesOfQuotes(tenantId: string, quoteIds: readonly string[]): Promise<LineItemEntity[][]> {
    const rows = await this.database.inTenant(tenantId, (manager) => linesOf(manager, tenantId, quoteIds));
    return quoteIds.map((id) => rows.filter((row) => row.quoteId === id));
  }

  /** The opportunities' own line items (not their quotes' copies). */
  async linesOfOpportunities(
    tenantId: string,
    opportunityIds: readonly string[],
  ): Promise<LineItemEntity[][]> {
    const rows = await this.database.inTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(LineItemEntity, 'line')
        .where('line.tenantId = :tenantId AND line.opportunityId = ANY(:ids) AND line.quoteId IS NULL', {
          tenantId,
          ids: queryableIds(opportunityIds),
        })
        .orderBy('line.position')
        .getMany(),
    );
    return opportunityIds.map((id) => rows.filter((row) => row.opportunityId === id));
  }
}

function linesOf(
  manager: EntityManager,
  tenantId: string,
  quoteIds: readonly string[],
): Promise<LineItemEntity[]> {
  return manager
    .createQueryBuilder(LineItemEntity, 'line')
    .where('line.tenantId = :tenantId AND line.quoteId = ANY(:ids)', {
      tenantId,
      ids: queryableIds(quoteIds),
    })
    .orderBy('line.position')
    .getMany();
}

async function lockQuote(manager: EntityManager, tenantId: string, id: string): Promise<QuoteEntity> {
  const quote = await selectInTenantForUpdate(manager, QuoteEntity, tenantId, id);
  if (!quote) throw new QuoteNotFoundError(id);
  return quote;
}

/**
 * The tenant's next quote number. The upsert locks the tenant's counter row until the transaction
 * ends, so concurrent quotes take numbers one after another, and a quote that rolls back returns its
 * number: no gaps, no duplicates.
 */
async function nextQuoteSequence(manager: EntityManager, tenantId: string): Promise<number> {
  const [row] = (await manager.query(
    `INSERT INTO "quote_counters" ("tenant_id", "last_number") VALUES ($1, 1)
     ON CONFLICT ("tenant_id") DO UPDATE SET "last_number" = "quote_counters"."last_number" + 1
     RETURNING "last_number"`,
    [tenantId],
  )) as { last_number: number }[];
  return (row as { last_number: number }).last_number;
}
