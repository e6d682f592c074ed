import { AccountArchived, AccountCreated } from './catalog/accounts.events';
import { createEnvelope } from './define-event';
import { InvalidEventError, parseEvent } from './parse-event';

const tenantId = '0190f7c2-0000-7000-8000-000000000001';
const accountId = '0190f7c2-0000-7000-8000-0000000000aa';

const accountSnapshot = {
  accountId,
  kind: 'COMPANY' as const,
  salesModel: 'B2B' as const,
  displayName: 'Acme',
  legalName: 'Acme GmbH',
  industry: null,
  firstName: null,
  lastName: null,
  emails: ['sales@acme.test'],
  phones: ['+4930123456'],
  addresses: [],
  tier: null,
  tags: ['wholesale'],
  lifecycleStage: 'CUSTOMER' as const,
  ownerId: null,
  parentId: null,
  archived: false,
};

function validEnvelope() {
  return createEnvelope(AccountCreated, {
    tenantId,
    actorId: 'system',
    aggregateId: accountId,
    aggregateVersion: 3,
    data: accountSnapshot,
  });
}

function parseFailure(raw: Buffer | string | null): InvalidEventError {
  try {
    parseEvent(raw);
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('parseEvent accepted the message');
}

describe('parseEvent', () => {
  it('round-trips an envelope created for publishing, from a Kafka message buffer', () => {
    const envelope = validEnvelope();
    expect(parseEvent(Buffer.from(JSON.stringify(envelope)))).toEqual(envelope);
  });

  it('accepts the same message as a string', () => {
    const envelope = validEnvelope();
    expect(parseEvent(JSON.stringify(envelope))).toEqual(envelope);
  });

  it('drops payload fields the schema does not know (a newer publisher adding a field keeps the version)', () => {
    const envelope = { ...validEnvelope(), data: { ...accountSnapshot, loyaltyPoints: 7 } };
    expect(parseEvent(JSON.stringify(envelope)).data).toEqual(accountSnapshot);
  });

  it('refuses a tombstone (no value)', () => {
    expect(parseFailure(null).message).toMatch(/no value/);
  });

  it('refuses a value that is not JSON', () => {
    const error = parseFailure('{"specversion": "1.0",');
    expect(error.message).toBe('message value is not JSON');
  });

  it('names the envelope field that is wrong', () => {
    const error = parseFailure(JSON.stringify({ ...validEnvelope(), tenantid: 'tenant-a' }));
    expect(error.message).toMatch(/^invalid envelope: /);
    expect(error.issues).toEqual([expect.stringMatching(/^tenantid: /)]);
  });

  it('names every missing envelope field', () => {
    const { subject: _subject, sequence: _sequence, ...withoutTwo } = validEnvelope();
    const error = parseFailure(JSON.stringify(withoutTwo));
    expect(error.issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^subject: /), expect.stringMatching(/^sequence: /)]),
    );
    expect(error.issues).toHaveLength(2);
  });

  it('refuses a well-formed envelope of a type the catalog does not know', () => {
    const error = parseFailure(
      JSON.stringify({ ...validEnvelope(), type: 'crm.accounts.AccountTeleported.v1' }),
    );
    expect(error.message).toBe('unknown event type crm.accounts.AccountTeleported.v1');
  });

  it('refuses a known type whose version is not in the catalog', () => {
    const error = parseFailure(
      JSON.stringify({ ...validEnvelope(), type: 'crm.accounts.AccountCreated.v9' }),
    );
    expect(error.message).toMatch(/unknown event type/);
  });

  it('validates the data against the schema of its own type, and lists each failing field', () => {
    const envelope = {
      ...validEnvelope(),
      data: { ...accountSnapshot, kind: 'ROBOT', emails: 'one@acme.test' },
    };
    const error = parseFailure(JSON.stringify(envelope));
    expect(error.message).toMatch(/^invalid crm\.accounts\.AccountCreated\.v1 data: /);
    expect(error.issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kind: /), expect.stringMatching(/^emails: /)]),
    );
  });

  it("does not accept another type's valid data under this type", () => {
    const archived = createEnvelope(AccountArchived, {
      tenantId,
      actorId: 'system',
      aggregateId: accountId,
      aggregateVersion: 4,
      data: { accountId, salesModel: 'B2B' },
    });
    const relabelled = { ...archived, type: AccountCreated.type };
    expect(parseFailure(JSON.stringify(relabelled)).issues.length).toBeGreaterThan(0);
  });
});
