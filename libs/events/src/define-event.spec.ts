import { validate as isUuid, version as uuidVersion } from 'uuid';
import { ZodError, z } from 'zod';
import { AccountArchived, AccountCreated } from './catalog/accounts.events';
import { createEnvelope, defineEvent } from './define-event';
import { SYSTEM_ACTOR } from './envelope';

const tenantId = '0190f7c2-0000-7000-8000-000000000001';
const accountId = '0190f7c2-0000-7000-8000-0000000000aa';

describe('defineEvent', () => {
  it('derives the CloudEvents type and the topic from service, name and major version', () => {
    const definition = defineEvent({
      service: 'orders',
      name: 'OrderPlaced',
      version: 2,
      schema: z.object({}),
    });
    expect(definition.type).toBe('crm.orders.OrderPlaced.v2');
    expect(definition.topic).toBe('crm.orders.events');
  });
});

describe('createEnvelope', () => {
  const archived = { accountId, salesModel: 'B2B' as const };

  it('fills the envelope from the definition and the facts: type, source, subject, sequence, tenant, actor', () => {
    const occurredAt = new Date('2026-11-26T10:00:00.000Z');
    const envelope = createEnvelope(AccountArchived, {
      tenantId,
      actorId: SYSTEM_ACTOR,
      aggregateId: accountId,
      aggregateVersion: 42,
      data: archived,
      occurredAt,
    });
    expect(envelope).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      source: 'crm/accounts',
      type: 'crm.accounts.AccountArchived.v1',
      subject: accountId,
      time: '2026-11-26T10:00:00.000Z',
      datacontenttype: 'application/json',
      tenantid: tenantId,
      actorid: 'system',
      sequence: '42',
      data: archived,
    });
  });

  it('gives every event its own UUID v7 id', () => {
    const facts = {
      tenantId,
      actorId: SYSTEM_ACTOR,
      aggregateId: accountId,
      aggregateVersion: 1,
      data: archived,
    };
    const first = createEnvelope(AccountArchived, facts);
    const second = createEnvelope(AccountArchived, facts);
    expect(isUuid(first.id)).toBe(true);
    expect(uuidVersion(first.id)).toBe(7);
    expect(second.id).not.toBe(first.id);
  });

  it('stamps the current time when the facts give none', () => {
    const before = Date.now();
    const envelope = createEnvelope(AccountArchived, {
      tenantId,
      actorId: SYSTEM_ACTOR,
      aggregateId: accountId,
      aggregateVersion: 1,
      data: archived,
    });
    expect(Date.parse(envelope.time)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(envelope.time)).toBeLessThanOrEqual(Date.now());
  });

  it('throws on data that fails the payload schema, before returning anything to publish', () => {
    expect(() =>
      createEnvelope(AccountCreated, {
        tenantId,
        actorId: SYSTEM_ACTOR,
        aggregateId: accountId,
        aggregateVersion: 1,
        // A caller that bypassed the types (e.g. built the payload from untyped input).
        data: { accountId: 'not-a-uuid' } as never,
      }),
    ).toThrow(ZodError);
  });

  it.each([
    ['a tenant id that is not a uuid', { tenantId: 'tenant-a' }],
    ['a fractional aggregate version', { aggregateVersion: 1.5 }],
    ['a negative aggregate version', { aggregateVersion: -1 }],
    ['an empty actor', { actorId: '' }],
    ['an empty aggregate id', { aggregateId: '' }],
  ])('throws on %s, which every consumer would reject', (_case, override) => {
    expect(() =>
      createEnvelope(AccountArchived, {
        tenantId,
        actorId: SYSTEM_ACTOR,
        aggregateId: accountId,
        aggregateVersion: 1,
        data: archived,
        ...override,
      }),
    ).toThrow(ZodError);
  });
});
