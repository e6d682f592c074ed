import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { SYSTEM_ACTOR } from '@crm/events';
import type { MarketingConfig } from '../config';
import type { MarketingServices } from '../services';
import type { PublicLinks } from '../tracking/public-links';
import { CampaignSender } from './campaign-sender';
import { EmailTransport } from './email-transport';
import { HttpSmsTransport } from './sms-transport';

/** The sender loop with the transports the configuration names. */
export function createCampaignSender(options: {
  config: MarketingConfig;
  database: TenantScopedDatabase;
  services: MarketingServices;
  links: PublicLinks;
  logger: Logger;
}): CampaignSender {
  const { config } = options;
  return new CampaignSender({
    database: options.database,
    transports: {
      EMAIL: new EmailTransport(config.SMTP_URL, config.MAIL_FROM, config.MARKETING_SENDER_CONCURRENCY),
      SMS: new HttpSmsTransport(config.SMS_PROVIDER_URL, config.SMS_PROVIDER_TOKEN),
    },
    links: options.links,
    logger: options.logger,
    ratePerSecond: config.MARKETING_SEND_RATE_PER_SECOND,
    concurrency: config.MARKETING_SENDER_CONCURRENCY,
    idlePollMs: config.MARKETING_SENDER_IDLE_POLL_MS,
    leaseSeconds: config.MARKETING_SEND_LEASE_SECONDS,
    launchScheduled: (tenantId, campaignId) =>
      options.services.campaigns.launch(tenantId, SYSTEM_ACTOR, campaignId),
  });
}
