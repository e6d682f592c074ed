import DataLoader from 'dataloader';
import type { LeadEntity } from './lead.entity';
import type { LeadService } from './lead.service';

export interface LeadLoaders {
  byId: DataLoader<string, LeadEntity | null>;
}

export function createLeadLoaders(leads: LeadService, callerTenantId: () => string): LeadLoaders {
  return { byId: new DataLoader((ids) => leads.findByIds(callerTenantId(), ids)) };
}
