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
import { on, type EventHandlers } from '@crm/messaging';
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

/** Every applied event also advances the tenant's freshness watermark (`Query.freshness`). */
async function advanceWatermark(manager: EntityManager, event: EventEnvelope): Promise<void> {
  await manager.query(
    `INSERT INTO "event_watermark" ("tenant_id", "newest_event_at") VALUES ($1, $2)
     ON CONFLICT ("tenant_id") DO UPDATE SET
       "newest_event_at" = GREATEST("event_watermark"."newest_event_at", EXCLUDED."newest_event_at")`,
    [event.tenantid, event.time],
  );
}

/** The consumer's handler map: one projector per event type, each inside the inbox transaction. */
export function projectionHandlers(settings: ProjectionSettings): EventHandlers {
  function project<TDefinition extends EventDefinition>(
    definition: TDefinition,
    projector: Projector<TDefinition>,
  ): EventHandlers {
    return on(definition, async (manager, event) => {
      await projector(
        { manager, tenantId: event.tenantid, defaultTimeZone: settings.defaultTimeZone },
        event,
      );
      await advanceWatermark(manager, event);
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
