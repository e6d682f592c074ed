import { AccountCreated } from '@crm/events';
import { accountSnapshotFixture } from './account-snapshot-fixture';

const ACCOUNT_ID = '0190f7c2-0000-7000-8000-0000000000aa';

describe('accountSnapshotFixture', () => {
  it("satisfies AccountCreated's schema, so handlers under test accept it", () => {
    expect(AccountCreated.schema.safeParse(accountSnapshotFixture(ACCOUNT_ID)).success).toBe(true);
  });

  it('applies the overrides a test is about', () => {
    expect(
      accountSnapshotFixture(ACCOUNT_ID, { salesModel: 'B2C', kind: 'PERSON', tier: 'GOLD' }),
    ).toMatchObject({
      accountId: ACCOUNT_ID,
      salesModel: 'B2C',
      kind: 'PERSON',
      tier: 'GOLD',
    });
  });
});
