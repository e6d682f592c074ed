import type { CodegenConfig } from '@graphql-codegen/cli';
import type { TypeScriptResolversPluginConfig } from '@graphql-codegen/typescript-resolvers';

/**
 * Typed resolvers for every subgraph, generated from its SDL into `apps/<name>/src/generated/graphql.ts`
 * (committed; CI regenerates and fails on drift). Adding a subgraph is one entry in `subgraphs`.
 * Paths in `contextType` and `mappers` are relative to the generated file.
 */
interface SubgraphTypes {
  name: string;
  /** The resolver context type, `path#Export`. */
  contextType: string;
  /** GraphQL type → the model its resolvers receive as parent, `path#Export`. */
  mappers: Record<string, string>;
}

const subgraphs: SubgraphTypes[] = [
  {
    name: 'accounts',
    contextType: '../context#AccountsContext',
    mappers: {
      Tenant: '../tenant/tenant.entity#TenantEntity',
      User: '../user/user.entity#UserEntity',
      AuthPayload: '../user/user.service#AuthSession',
      Account: '../account/account.entity#AccountEntity',
      AccountConnection: '../account/account.page#AccountPage',
      Contact: '../contact/contact.entity#ContactEntity',
      ContactConnection: '../contact/contact.page#ContactPage',
      ImportJob: '../import/import-job#ImportJobModel',
      CustomerDataExport: '../data-export/data-export.service#CustomerDataExportModel',
      ErasureAck: '../erasure/erasure.store#ErasureAcknowledgement',
      DuplicateCandidate: '../duplicates/duplicates.service#DuplicateCandidateModel',
    },
  },
  {
    name: 'interactions',
    contextType: '../context#InteractionsContext',
    mappers: {
      Activity: '../activity/activity.entity#ActivityEntity',
      ActivityConnection: '../activity/activity.page#ActivityPage',
      Task: '../task/task.entity#TaskEntity',
      Reminder: '../task/reminder.entity#ReminderEntity',
      Notification: '../notification/notification.entity#NotificationEntity',
      TimelineEntry: '../timeline/timeline-entry.entity#TimelineEntryEntity',
      TimelineConnection: '../timeline/timeline.page#TimelinePage',
      Account: '../federation/entity-reference#EntityReference',
      Contact: '../federation/entity-reference#EntityReference',
      Opportunity: '../federation/entity-reference#EntityReference',
      Order: '../federation/entity-reference#EntityReference',
      User: '../federation/entity-reference#EntityReference',
      CustomerNotificationSettings: '../tenant-settings/notification-settings.service#NotificationSettings',
      CustomerDataExport: '../data-export/data-export.service#CustomerDataExportReference',
    },
  },
  {
    name: 'pipeline',
    contextType: '../context#PipelineContext',
    mappers: {
      Lead: '../lead/lead.entity#LeadEntity',
      Pipeline: '../pipeline/pipeline.entity#PipelineEntity',
      Stage: '../pipeline/stage.entity#StageEntity',
      Opportunity: '../opportunity/opportunity.entity#OpportunityEntity',
      OpportunityContactRole: '../opportunity/contact-role.entity#ContactRoleEntity',
      StageVisit: '../opportunity/stage-visit.entity#StageVisitEntity',
      BoardColumn: '../opportunity/opportunity.board#BoardColumnModel',
      LineItem: '../quote/line-item.entity#LineItemEntity',
      Quote: '../quote/quote.entity#QuoteEntity',
      Account: '../common/entity-reference#EntityReference',
      Contact: '../common/entity-reference#EntityReference',
      CustomerDataExport: '../export/customer-data-export#CustomerDataExportReference',
    },
  },
  {
    name: 'orders',
    contextType: '../context#OrdersContext',
    mappers: {
      Product: '../product/product.entity#ProductEntity',
      PriceList: '../price-list/price-list.entity#PriceListEntity',
      PriceEntry: '../price-list/price-entry.view#PriceEntryView',
      Order: '../order/order.entity#OrderEntity',
      OrderLine: '../order/order-line.view#OrderLineView',
      OrderStatusChange: '../order/order-status-change.entity#OrderStatusChangeEntity',
      Payment: '../payment/payment.entity#PaymentEntity',
      Shipment: '../shipment/shipment.entity#ShipmentEntity',
      Account: '../common/entity-reference#EntityReference',
      Opportunity: '../common/entity-reference#EntityReference',
      Quote: '../common/entity-reference#EntityReference',
      CustomerDataExport: '../customer-data/customer-data-export#CustomerDataExportReference',
    },
  },
  {
    name: 'marketing',
    contextType: '../context#MarketingContext',
    mappers: {
      Segment: '../segment/segment.types#SegmentRow',
      Campaign: '../campaign/campaign.types#CampaignRow',
      CampaignStats: '../campaign/campaign.types#CampaignStatsRow',
      CampaignRecipient: '../campaign/campaign.types#RecipientRow',
      Consent: '../consent/consent.types#ConsentRow',
      Visit: '../visit/visit.types#VisitRow',
      Account: '../account-reference#AccountReference',
      CustomerDataExport: '../export/export-reference#CustomerDataExportReference',
    },
  },
  {
    name: 'analytics',
    contextType: '../context#AnalyticsContext',
    mappers: {
      Account: '../account/account-reference#AccountReference',
    },
  },
];

const sharedConfig: TypeScriptResolversPluginConfig = {
  federation: true,
  useIndexSignature: true,
  enumsAsTypes: true,
  useTypeImports: true,
  avoidOptionals: false,
  scalars: { DateTime: 'Date', JSON: 'unknown' },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    subgraphs.map(({ name, contextType, mappers }) => [
      `apps/${name}/src/generated/graphql.ts`,
      {
        schema: `apps/${name}/src/schema.graphql`,
        plugins: [
          { add: { content: '/* Generated by `npm run codegen` from ../schema.graphql: do not edit. */' } },
          'typescript',
          'typescript-resolvers',
        ],
        config: { ...sharedConfig, contextType, mappers },
      },
    ]),
  ),
};

export default config;
