import { parseConfig } from '@crm/subgraph';
import { interactionsConfigShape } from './config';

const required = { JWT_SECRET: 'x'.repeat(32) };

describe('interactions configuration', () => {
  it('runs as the application role on port 4002, with no channel configured by default', () => {
    const config = parseConfig(interactionsConfigShape, required);
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.SMS_PROVIDER_URL).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 4002,
      INTERACTIONS_DATABASE_URL: 'postgres://crm_app@127.0.0.1:5432/crm_interactions',
      INTERACTIONS_MIGRATION_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/crm_interactions',
      NOTIFICATION_FROM: 'no-reply@crm.example',
      MESSAGE_SEND_LEASE_MS: 60_000,
    });
  });

  it.each([
    [{ INTERACTIONS_DATABASE_URL: 'mysql://x' }, 'INTERACTIONS_DATABASE_URL'],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL'],
    [{ NOTIFICATION_FROM: 'nobody' }, 'NOTIFICATION_FROM'],
    [{ SCHEDULER_INTERVAL_MS: '5' }, 'SCHEDULER_INTERVAL_MS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => parseConfig(interactionsConfigShape, { ...required, ...env })).toThrow(
      new RegExp(`invalid configuration: .*${variable}`),
    );
  });
});
