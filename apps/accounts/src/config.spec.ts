import { parseConfig } from '@crm/subgraph';
import { accountsConfigShape } from './config';

const required = { JWT_SECRET: 'x'.repeat(32) };

describe('accounts configuration', () => {
  it('runs as the application role on port 4001 with sign-up on by default', () => {
    expect(parseConfig(accountsConfigShape, required)).toMatchObject({
      PORT: 4001,
      ACCOUNTS_DATABASE_URL: 'postgres://crm_app@127.0.0.1:5432/crm_accounts',
      ACCOUNTS_MIGRATION_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/crm_accounts',
      SIGNUP_ENABLED: true,
      DEFAULT_PHONE_REGION: 'IR',
      INVITATION_TTL_SECONDS: 7 * 24 * 3600,
    });
  });

  it('reads SIGNUP_ENABLED=false as off', () => {
    expect(parseConfig(accountsConfigShape, { ...required, SIGNUP_ENABLED: 'false' }).SIGNUP_ENABLED).toBe(
      false,
    );
  });

  it.each([
    [{}, 'JWT_SECRET'],
    [{ ...required, ACCOUNTS_DATABASE_URL: 'mysql://x' }, 'ACCOUNTS_DATABASE_URL'],
    [{ ...required, DEFAULT_PHONE_REGION: 'XX' }, 'DEFAULT_PHONE_REGION'],
    [{ ...required, SIGNUP_ENABLED: 'maybe' }, 'SIGNUP_ENABLED'],
    [{ ...required, INVITATION_TTL_SECONDS: '10' }, 'INVITATION_TTL_SECONDS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => parseConfig(accountsConfigShape, env)).toThrow(
      new RegExp(`invalid configuration: .*${variable}`),
    );
  });
});
