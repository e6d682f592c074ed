/**
 * Demo settings for analytics through the gateway: Tehran days and IRR figures, so the demo's Jalali
 * dashboards cut days at Iranian midnight. Analytics has no other data of its own: its read model
 * fills from the other services' demo events. Idempotent: does nothing when the tenant already has
 * these settings.
 */
import { dataOf, postGraphQL } from '@crm/testing';

const DEMO_SETTINGS = { timeZone: 'Asia/Tehran', reportingCurrency: 'IRR' };

export async function seedAnalyticsDemo(
  gatewayUrl: string,
  token: string,
  accountIds: string[],
): Promise<void> {
  void accountIds;
  const current = dataOf(
    await postGraphQL(gatewayUrl, `{ analyticsSettings { timeZone reportingCurrency } }`, { token }),
    'analyticsSettings',
  ).analyticsSettings as typeof DEMO_SETTINGS;
  if (
    current.timeZone === DEMO_SETTINGS.timeZone &&
    current.reportingCurrency === DEMO_SETTINGS.reportingCurrency
  ) {
    return;
  }
  dataOf(
    await postGraphQL(
      gatewayUrl,
      `mutation($input: AnalyticsSettingsInput!) { configureAnalytics(input: $input) { timeZone } }`,
      { token, variables: { input: DEMO_SETTINGS } },
    ),
    'configureAnalytics',
  );
}
