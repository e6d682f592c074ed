import { AccountArchived, createEnvelope } from '@crm/events';
import { typeNewerThanCatalog } from './unknown-event-type';

const TENANT = '0190f7c2-0000-7000-8000-000000000001';
const ACCOUNT = '0190f7c2-0000-7000-8000-000000000002';
const known = createEnvelope(AccountArchived, {
  tenantId: TENANT,
  actorId: 'system',
  aggregateId: ACCOUNT,
  aggregateVersion: 2,
  data: { accountId: ACCOUNT, salesModel: 'B2B' },
});

describe('typeNewerThanCatalog', () => {
  it('names the type of a well-formed envelope the catalog does not know', () => {
    const newer = { ...known, type: 'crm.accounts.AccountTeleported.v1', data: { anything: true } };
    expect(typeNewerThanCatalog(JSON.stringify(newer))).toBe('crm.accounts.AccountTeleported.v1');
  });

  it.each([
    ['a known type (its problems are real and go to the DLQ)', JSON.stringify({ ...known, data: {} })],
    [
      'a broken envelope',
      JSON.stringify({ ...known, type: 'crm.accounts.AccountTeleported.v1', tenantid: 'nobody' }),
    ],
    ['something that is not JSON', '{oops'],
    ['no value at all', null],
  ])('returns nothing for %s', (_case, raw) => {
    expect(typeNewerThanCatalog(raw)).toBeUndefined();
  });
});
