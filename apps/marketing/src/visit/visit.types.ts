export interface VisitRow {
  id: string;
  visitor_id: string;
  account_id: string | null;
  url: string;
  utm_source: string | null;
  utm_campaign: string | null;
  visited_at: Date;
}

export interface VisitInput {
  visitorId: string;
  url: string;
  accountId?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  campaignId?: string | null;
}
