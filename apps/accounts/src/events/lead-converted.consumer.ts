import { LeadConverted } from '@crm/events';
import { on } from '@crm/messaging';
import { applyLeadConversion } from '../lead-conversion/lead-conversion.service';

/** pipeline.LeadConverted → the account and contact with the ids pipeline gave them. */
export const leadConvertedHandlers = on(LeadConverted, applyLeadConversion);
