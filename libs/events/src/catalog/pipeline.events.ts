import { z } from 'zod';
import { defineEvent } from '../define-event';
import { isoDateSchema, isoDateTimeSchema, moneySchema, salesModelSchema } from './shared-schemas';

const leadStatus = z.enum(['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED']);
export const leadSourceSchema = z.enum([
  'WEB',
  'REFERRAL',
  'CAMPAIGN',
  'EVENT',
  'COLD_CALL',
  'PARTNER',
  'OTHER',
]);
const stageType = z.enum(['OPEN', 'WON', 'LOST']);
const forecastCategory = z.enum(['PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED']);

/** Every field a lead holds: conversion must lose none of them, custom fields included. */
export const leadSnapshotSchema = z.object({
  leadId: z.uuid(),
  status: leadStatus,
  source: leadSourceSchema,
  salesModel: salesModelSchema,
  companyName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  campaignId: z.uuid().nullable(),
  score: z.number().int().nullable(),
  ownerId: z.uuid().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: isoDateTimeSchema,
});

export const LeadCreated = defineEvent({
  service: 'pipeline',
  name: 'LeadCreated',
  version: 1,
  schema: leadSnapshotSchema,
});

export const LeadQualified = defineEvent({
  service: 'pipeline',
  name: 'LeadQualified',
  version: 1,
  schema: z.object({
    leadId: z.uuid(),
    salesModel: salesModelSchema,
    source: leadSourceSchema,
    campaignId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    qualifiedAt: isoDateTimeSchema,
  }),
});

export const LeadDisqualified = defineEvent({
  service: 'pipeline',
  name: 'LeadDisqualified',
  version: 1,
  schema: z.object({
    leadId: z.uuid(),
    salesModel: salesModelSchema,
    reason: z.string().min(1),
    disqualifiedAt: isoDateTimeSchema,
  }),
});

/**
 * The lead became a customer: accounts creates the account (COMPANY for B2B with a company name,
 * PERSON otherwise) and, when the lead names a person, the contact, with exactly these ids. When
 * `existingAccountId` was given, `accountId` is that account and accounts creates only the contact.
 */
export const LeadConverted = defineEvent({
  service: 'pipeline',
  name: 'LeadConverted',
  version: 1,
  schema: z.object({
    lead: leadSnapshotSchema,
    accountId: z.uuid(),
    existingAccount: z.boolean(),
    contactId: z.uuid().nullable(),
    opportunityId: z.uuid(),
    convertedAt: isoDateTimeSchema,
  }),
});

export const stageSnapshotSchema = z.object({
  stageId: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int().min(0).max(100),
  type: stageType,
  forecastCategory,
});

/** A pipeline and its ordered stages: analytics' pipeline dimension (funnel order, stage names). */
export const PipelineDefined = defineEvent({
  service: 'pipeline',
  name: 'PipelineDefined',
  version: 1,
  schema: z.object({
    pipelineId: z.uuid(),
    name: z.string(),
    salesModel: salesModelSchema,
    isDefault: z.boolean(),
    stages: z.array(stageSnapshotSchema),
  }),
});

/** What every opportunity event carries, so consumers never call back for labels or amounts. */
const opportunityFacts = z.object({
  opportunityId: z.uuid(),
  name: z.string(),
  accountId: z.uuid(),
  pipelineId: z.uuid(),
  salesModel: salesModelSchema,
  stageId: z.uuid(),
  stageName: z.string(),
  amount: moneySchema,
  probability: z.number().int().min(0).max(100),
  expectedCloseDate: isoDateSchema.nullable(),
  ownerId: z.uuid().nullable(),
  source: leadSourceSchema.nullable(),
  campaignId: z.uuid().nullable(),
  createdAt: isoDateTimeSchema,
});

export const OpportunityCreated = defineEvent({
  service: 'pipeline',
  name: 'OpportunityCreated',
  version: 1,
  schema: opportunityFacts.extend({ leadId: z.uuid().nullable() }),
});

/** Amount, probability, close date or owner changed without a stage move (forecast inputs). */
export const OpportunityUpdated = defineEvent({
  service: 'pipeline',
  name: 'OpportunityUpdated',
  version: 1,
  schema: opportunityFacts.extend({ changedFields: z.array(z.string()) }),
});

/** One stage exit and the next stage entry, with both timestamps: time in stage and velocity. */
export const OpportunityStageChanged = defineEvent({
  service: 'pipeline',
  name: 'OpportunityStageChanged',
  version: 1,
  schema: opportunityFacts.extend({
    fromStageId: z.uuid(),
    fromStageName: z.string(),
    fromProbability: z.number().int().min(0).max(100),
    fromStageEnteredAt: isoDateTimeSchema,
    toStageType: stageType,
    weightedAmount: moneySchema,
    changedAt: isoDateTimeSchema,
  }),
});

export const OpportunityWon = defineEvent({
  service: 'pipeline',
  name: 'OpportunityWon',
  version: 1,
  schema: opportunityFacts.extend({ closedAt: isoDateTimeSchema }),
});

export const OpportunityLost = defineEvent({
  service: 'pipeline',
  name: 'OpportunityLost',
  version: 1,
  schema: opportunityFacts.extend({ closedAt: isoDateTimeSchema, lostReason: z.string().min(1) }),
});

export const quoteLineSchema = z.object({
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: moneySchema,
  discountPercent: z.number().min(0).max(100),
  taxRatePercent: z.number().min(0),
  tax: moneySchema,
  total: moneySchema,
});

const quoteFacts = z.object({
  quoteId: z.uuid(),
  number: z.string(),
  opportunityId: z.uuid(),
  opportunityName: z.string(),
  accountId: z.uuid(),
  salesModel: salesModelSchema,
  subtotal: moneySchema,
  discount: moneySchema,
  tax: moneySchema,
  total: moneySchema,
  validUntil: isoDateSchema.nullable(),
});

export const QuoteSent = defineEvent({
  service: 'pipeline',
  name: 'QuoteSent',
  version: 1,
  schema: quoteFacts.extend({ toContactId: z.uuid().nullable(), sentAt: isoDateTimeSchema }),
});

/** Orders turns this into an order at the quoted prices; the quote id is its idempotency key. */
export const QuoteAccepted = defineEvent({
  service: 'pipeline',
  name: 'QuoteAccepted',
  version: 1,
  schema: quoteFacts.extend({
    contactId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    lines: z.array(quoteLineSchema).min(1),
    acceptedAt: isoDateTimeSchema,
  }),
});

export const QuoteRejected = defineEvent({
  service: 'pipeline',
  name: 'QuoteRejected',
  version: 1,
  schema: quoteFacts.extend({ reason: z.string().nullable(), rejectedAt: isoDateTimeSchema }),
});

export const pipelineEvents = [
  LeadCreated,
  LeadQualified,
  LeadDisqualified,
  LeadConverted,
  PipelineDefined,
  OpportunityCreated,
  OpportunityUpdated,
  OpportunityStageChanged,
  OpportunityWon,
  OpportunityLost,
  QuoteSent,
  QuoteAccepted,
  QuoteRejected,
];
