import type { EntityManager } from 'typeorm';
import {
  AccountArchived,
  AccountCreated,
  AccountErased,
  AccountMerged,
  AccountUpdated,
  ActivityCompleted,
  ActivityLogged,
  ActivityRescheduled,
  CampaignLaunched,
  CampaignLinkClicked,
  CampaignMessageOpened,
  CampaignMessageSent,
  LeadConverted,
  LeadCreated,
  LeadDisqualified,
  LeadQualified,
  OpportunityCreated,
  OpportunityLost,
  OpportunityStageChanged,
  OpportunityUpdated,
  OpportunityWon,
  OrderCancelled,
  OrderPlaced,
  OrderStatusChanged,
  PaymentRecorded,
  PaymentRefunded,
  PipelineDefined,
  VisitRecorded,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type PublishingService,
} from '@crm/events';
import { on, type EventHandlers, type TransactionHooks } from '@crm/messaging';
import { eraseAccount } from './account-erasure.projection';
import { mergeAccounts } from './account-merge.projection';
import { archiveAccountDimension, upsertAccountDimension } from './account.projection';
import { launchCampaign, recordCampaignMessage, recordVisit, upsertActivity } from './engagement.projection';
import { convertLead, createLead, disqualifyLead, qualifyLead } from './lead.projection';
import { cancelOrder, changeOrderStatus, placeOrder, recordPayment, recordRefund } from './order.projection';
import {
  closeOpportunity,
  createOpportunity,
  definePipeline,
  moveOpportunity,
  updateOpportunity,
} from './pipeline.projection';
import type { ProjectionScope } from './read-model-scope';
import { deferredSalesRollups } from './sales-rollup';

/** The topics the read model is built from. */
export const PROJECTED_SERVICES: readonly PublishingService[] = [
  'accounts',
  'pipeline',
  'orders',
  'interactions',
  'marketing',
];

export interface ProjectionSettings {
  defaultTimeZone: string;
}

type Projector<TDefinition extends EventDefinition> = (
  scope: ProjectionScope,
  event: EventEnvelope<EventData<TDefinition>>,
) => Promise<void>;

async function writeWatermark(
  manager: EntityManager,
  tenantId: string,
  newestEventAt: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO "event_watermark" ("tenant_id", "newest_event_at") VALUES ($1, $2)
     ON CONFLICT ("tenant_id") DO UPDATE SET
       "newest_event_at" = GREATEST("event_watermark"."newest_event_at", EXCLUDED."newest_event_at")`,
    [tenantId, newestEventAt],
  );
}

/** The newest event a transaction applied so far, written once at its end. */
const newestAppliedByTransaction = new WeakMap<EntityManager, { tenantId: string; time?: string }>();

/** Every applied event also advances the tenant's freshness watermark (`Query.freshness`). */
function advanceWatermark(manager: EntityManager, event: EventEnvelope): void {
  const newest = newestAppliedByTransaction.get(manager);
  if (!newest) throw new Error('events are projected only inside the read model transaction hooks');
  if (newest.time === undefined || Date.parse(event.time) > Date.parse(newest.time)) newest.time = event.time;
}

/** Around each transaction: the sales rollups and the watermark change once, not once per event. */
function readModelTransactionHooks(settings: ProjectionSettings): TransactionHooks {
  const rollups = deferredSalesRollups(settings.defaultTimeZone);
  return {
    async beforeEvents(manager, events) {
      newestAppliedByTransaction.set(manager, { tenantId: events[0].tenantid });
      await rollups.beforeEvents?.(manager, events);
    },
    async afterEvents(manager) {
      await rollups.afterEvents?.(manager);
      const newest = newestAppliedByTransaction.get(manager);
      newestAppliedByTransaction.delete(manager);
      if (newest?.time !== undefined) await writeWatermark(manager, newest.tenantId, newest.time);
    },
  };
}

/**
 * What the read-model consumer applies: one projector per event type, each inside the inbox
 * transaction, and the hooks around that transaction which the projectors rely on.
 */
export function readModelProjection(settings: ProjectionSettings): {
  handlers: EventHandlers;
  transactionHooks: TransactionHooks;
} {
  return { handlers: projectionHandlers(settings), transactionHooks: readModelTransactionHooks(settings) };
}

function projectionHandlers(settings: ProjectionSettings): EventHandlers {
  function project<TDefinition extends EventDefinition>(
    definition: TDefinition,
    projector: Projector<TDefinition>,
  ): EventHandlers {
    return on(definition, async (manager, event) => {
      await projector(
        { manager, tenantId: event.tenantid, defaultTimeZone: settings.defaultTimeZone },
        event,
      );
      advanceWatermark(manager, event);
    });
  }
  return {
    ...project(AccountCreated, upsertAccountDimension),
    ...project(AccountUpdated, upsertAccountDimension),
    ...project(AccountArchived, archiveAccountDimension),
    ...project(AccountMerged, mergeAccounts),
    ...project(AccountErased, eraseAccount),
    ...project(PipelineDefined, definePipeline),
    ...project(LeadCreated, createLead),
    ...project(LeadQualified, qualifyLead),
    ...project(LeadDisqualified, disqualifyLead),
    ...project(LeadConverted, convertLead),
    ...project(OpportunityCreated, createOpportunity),
    ...project(OpportunityUpdated, updateOpportunity),
    ...project(OpportunityStageChanged, moveOpportunity),
    ...project(OpportunityWon, (scope, event) => closeOpportunity(scope, event, 'WON')),
    ...project(OpportunityLost, (scope, event) => closeOpportunity(scope, event, 'LOST')),
    ...project(OrderPlaced, placeOrder),
    ...project(OrderStatusChanged, changeOrderStatus),
    ...project(OrderCancelled, cancelOrder),
    ...project(PaymentRecorded, recordPayment),
    ...project(PaymentRefunded, recordRefund),
    ...project(ActivityLogged, upsertActivity),
    ...project(ActivityRescheduled, upsertActivity),
    ...project(ActivityCompleted, upsertActivity),
    ...project(CampaignLaunched, launchCampaign),
    ...project(CampaignMessageSent, (scope, event) =>
      recordCampaignMessage(scope, event.data, 'SENT', event.data.sentAt),
    ),
    ...project(CampaignMessageOpened, (scope, event) =>
      recordCampaignMessage(scope, event.data, 'OPENED', event.data.openedAt),
    ),
    ...project(CampaignLinkClicked, (scope, event) =>
      recordCampaignMessage(scope, event.data, 'CLICKED', event.data.clickedAt),
    ),
    ...project(VisitRecorded, recordVisit),
  };
}
