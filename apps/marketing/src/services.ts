import type { TenantScopedDatabase } from '@crm/database';
import { CampaignService, type CampaignSettings } from './campaign/campaign.service';
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

export function createMarketingServices(
  database: TenantScopedDatabase,
  settings: CampaignSettings,
): MarketingServices {
  const segments = new SegmentService(database);
  return {
    consents: new ConsentService(database),
    segments,
    campaigns: new CampaignService(database, segments, settings),
    visits: new VisitService(database),
    dataExport: new CustomerDataExportService(database),
  };
}
