import type { TenantScopedDatabase } from '@crm/database';
import { CampaignService } from './campaign/campaign.service';
import { ConsentService } from './consent/consent.service';
import { CustomerDataExportService } from './export/customer-data-export';
import { SegmentService } from './segment/segment.service';
import { VisitService } from './visit/visit.service';

/** One instance of each aggregate's service per process, shared by every request. */
export interface MarketingServices {
  consents: ConsentService;
  segments: SegmentService;
  campaigns: CampaignService;
  visits: VisitService;
  dataExport: CustomerDataExportService;
}

export interface MarketingSettings {
  messageIdDomain: string;
}

export function createMarketingServices(
  database: TenantScopedDatabase,
  settings: MarketingSettings,
): MarketingServices {
  const segments = new SegmentService(database);
  return {
    consents: new ConsentService(database),
    segments,
    campaigns: new CampaignService(database, segments, { messageIdDomain: settings.messageIdDomain }),
    visits: new VisitService(database),
    dataExport: new CustomerDataExportService(database),
  };
}
