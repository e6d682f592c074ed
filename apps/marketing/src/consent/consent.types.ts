export type MarketingChannel = 'EMAIL' | 'SMS';
export type ConsentState = 'OPTED_IN' | 'OPTED_OUT' | 'UNKNOWN';

export interface ConsentRow {
  account_id: string;
  channel: MarketingChannel;
  state: ConsentState;
  source: string;
  changed_at: Date;
}
