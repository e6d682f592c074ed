/** Bootstrap only: the service host runs the lifecycle; migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { runSubgraphService } from '@crm/service-host';
import { loadConfig } from '@crm/subgraph';
import { marketingConfigShape } from './config';
import { createMarketingDataSource } from './database';
import { createProfileConsumer } from './events/profile-consumer';
import { RfmRefresher } from './profile/rfm-refresher';
import { createCampaignSender } from './sending/create-sender';
import { startMarketingSubgraph } from './server';
import { createMarketingServices } from './services';
import { LinkSigner } from './tracking/link-token';
import { PublicLinks } from './tracking/public-links';

void runSubgraphService({
  name: 'marketing',
  config: () => loadConfig(marketingConfigShape),
  dataSource: (config, logger) =>
    createMarketingDataSource(config.MARKETING_DATABASE_URL, {
      poolSize: config.MARKETING_DATABASE_POOL_SIZE,
      errorSink: logger,
    }),
  parts: ({ config, kafka, database, logger }) => {
    const services = createMarketingServices(database, { messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN });
    const signer = new LinkSigner(config.MARKETING_LINK_SECRET);
    return {
      consumers: [
        {
          consumer: createProfileConsumer({
            kafka,
            database,
            logger,
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
          }),
          gaugePrefix: 'marketing_profile_consumer',
        },
      ],
      workers: [
        createCampaignSender({
          config,
          database,
          services,
          links: new PublicLinks(signer, config.MARKETING_PUBLIC_URL),
          logger,
        }),
        new RfmRefresher({
          database,
          logger,
          windowDays: config.MARKETING_RFM_WINDOW_DAYS,
          intervalMs: config.MARKETING_RFM_REFRESH_MINUTES * 60_000,
        }),
      ],
      startSubgraph: (options) => startMarketingSubgraph({ ...options, services, signer }),
    };
  },
});
