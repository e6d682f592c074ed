import { parseConfig } from '@crm/subgraph';
import { analyticsConfigShape } from './config';

const required = { JWT_SECRET: 'x'.repeat(32) };

describe('analytics configuration', () => {
  it('runs as the application role on port 4006 with UTC days and IRR figures by default', () => {
    expect(parseConfig(analyticsConfigShape, required)).toMatchObject({
      PORT: 4006,
      ANALYTICS_DATABASE_URL: 'postgres://crm_app@127.0.0.1:5432/crm_analytics',
      ANALYTICS_MIGRATION_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/crm_analytics',
      ANALYTICS_DEFAULT_TIME_ZONE: 'UTC',
      ANALYTICS_DEFAULT_CURRENCY: 'IRR',
    });
  });

  it.each([
    [{}, 'JWT_SECRET'],
    [{ ...required, ANALYTICS_DATABASE_URL: 'mysql://x' }, 'ANALYTICS_DATABASE_URL'],
    [{ ...required, ANALYTICS_DEFAULT_TIME_ZONE: 'Mars/Olympus' }, 'ANALYTICS_DEFAULT_TIME_ZONE'],
    [{ ...required, ANALYTICS_DEFAULT_CURRENCY: 'rial' }, 'ANALYTICS_DEFAULT_CURRENCY'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => parseConfig(analyticsConfigShape, env)).toThrow(
      new RegExp(`invalid configuration: .*${variable}`),
    );
  });
});
