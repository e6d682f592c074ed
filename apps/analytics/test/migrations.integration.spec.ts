import { describeServiceMigrations } from '@crm/testing';
import { analyticsDatabaseOptions } from '../src/database';

describeServiceMigrations({
  service: 'analytics',
  databaseOptions: (url) => analyticsDatabaseOptions(url),
  tables: [
    'account_dim',
    'activity_fact',
    'analytics_settings',
    'campaign_dim',
    'campaign_message_fact',
    'daily_customer',
    'daily_sales',
    'event_watermark',
    'inbox',
    'lead_fact',
    'money_movement_fact',
    'opportunity_fact',
    'order_fact',
    'order_line_fact',
    'outbox',
    'period_customer',
    'period_customer_count',
    'pipeline_stage_dim',
    'stage_visit_fact',
    'visit_fact',
  ],
  minimumIndexes: 16,
});
