/**
 * Demo marketing data through the gateway: email consent for the demo accounts (the last one has
 * opted out), two segments (every B2C customer; big Steel buyers of the last 90 days) and a draft
 * campaign to the first, ready to launch from the UI. Nothing is sent: launching is left to the
 * user, so a demo never mails anybody by surprise. Idempotent: does nothing once the demo
 * segments exist.
 */
import { gatewayCaller } from './gateway-call';

const DEMO_SEGMENT = 'Demo: all B2C customers';

export async function seedMarketingDemo(
  gatewayUrl: string,
  token: string,
  accountIds: string[],
): Promise<void> {
  const call = gatewayCaller(gatewayUrl, token, 'marketing');

  const { segments } = (await call(`{ segments { name } }`)) as { segments: { name: string }[] };
  if (segments.some((segment) => segment.name === DEMO_SEGMENT)) return;

  for (const [index, accountId] of accountIds.entries()) {
    const isLast = index === accountIds.length - 1 && accountIds.length > 1;
    await call(
      `mutation ($accountId: ID!, $state: ConsentState!) {
        setConsent(accountId: $accountId, channel: EMAIL, state: $state, source: "demo seed") }`,
      { accountId, state: isLast ? 'OPTED_OUT' : 'OPTED_IN' },
    );
  }

  const created = await call(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`,
    { input: { name: DEMO_SEGMENT, rules: { field: 'salesModel', op: 'eq', value: 'B2C' } } },
  );
  await call(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, {
    input: {
      name: 'Demo: Steel buyers, last 90 days',
      rules: {
        and: [
          { field: 'purchasedCategory', op: 'contains', value: 'Steel' },
          { field: 'daysSinceLastOrder', op: 'lte', value: 90 },
          { field: 'totalSpentMinor', op: 'gte', value: '10000000' },
        ],
      },
    },
  });
  const segmentId = (created['createSegment'] as { id: string }).id;
  await call(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, {
    input: {
      name: 'Demo: spring offer',
      channel: 'EMAIL',
      segmentId,
      subject: '{{firstName}}, our spring offer',
      body: 'Dear {{firstName}},\n\nThis spring everything in the shop is 10% off: https://shop.crm.example/spring',
    },
  });
  await call(
    `mutation ($accountId: ID) { recordVisit(visitorId: "demo-visitor", url: "https://shop.crm.example/spring?utm_source=newsletter",
      accountId: $accountId, utmSource: "newsletter", utmCampaign: "spring") }`,
    { accountId: accountIds[0] ?? null },
  );
}
