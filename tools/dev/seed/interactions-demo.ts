/**
 * Demo touchpoints for `npm start`: a few calls, meetings, emails and notes on the demo accounts and a
 * follow-up task with a reminder, all through the gateway's public API. Idempotent: does nothing when
 * the first demo account already has activities.
 */
import { dataOf, postGraphQL } from '@crm/testing';

const DAY_MS = 24 * 3600 * 1000;

function daysFromNow(days: number, hourUtc: number): string {
  const at = new Date(Date.now() + days * DAY_MS);
  at.setUTCHours(hourUtc, 0, 0, 0);
  return at.toISOString();
}

function touchpointsFor(accountId: string, index: number): Record<string, unknown>[] {
  return [
    {
      accountId,
      type: 'CALL',
      channel: 'PHONE',
      direction: 'OUTBOUND',
      subject: index === 0 ? 'Discovery call: yearly steel demand' : 'Introductory call',
      body: 'Talked through current suppliers, volumes and delivery windows.',
      outcome: 'Asked for a quote',
      startsAt: daysFromNow(-12 + index, 8),
      endsAt: daysFromNow(-12 + index, 9),
    },
    {
      accountId,
      type: 'EMAIL',
      channel: 'EMAIL',
      direction: 'OUTBOUND',
      subject: 'Price list and delivery terms',
      startsAt: daysFromNow(-10 + index, 11),
    },
    {
      accountId,
      type: 'MEETING',
      channel: index % 2 === 0 ? 'IN_PERSON' : 'VIDEO',
      subject: index % 2 === 0 ? 'Site visit and product demo' : 'Video call with the buying team',
      startsAt: daysFromNow(3 + index, 7),
      endsAt: daysFromNow(3 + index, 9),
    },
    {
      accountId,
      type: 'NOTE',
      channel: 'WEB',
      subject: 'Prefers invoices in IRR, paid by bank transfer',
      startsAt: daysFromNow(-9 + index, 13),
    },
  ];
}

async function hasActivities(gatewayUrl: string, token: string, accountId: string): Promise<boolean> {
  const result = await postGraphQL(
    gatewayUrl,
    `query ($id: ID!) { account(id: $id) { activities(first: 1) { totalCount } } }`,
    { token, variables: { id: accountId } },
  );
  const account = dataOf(result, 'account').account as { activities: { totalCount: number } } | null;
  return (account?.activities.totalCount ?? 0) > 0;
}

export async function seedInteractionsDemo(
  gatewayUrl: string,
  token: string,
  accountIds: string[],
): Promise<void> {
  const [firstAccountId] = accountIds;
  if (firstAccountId === undefined || (await hasActivities(gatewayUrl, token, firstAccountId))) return;
  for (const [index, accountId] of accountIds.slice(0, 4).entries()) {
    for (const input of touchpointsFor(accountId, index)) {
      dataOf(
        await postGraphQL(
          gatewayUrl,
          `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`,
          {
            token,
            variables: { input },
          },
        ),
        'logActivity',
      );
    }
    dataOf(
      await postGraphQL(
        gatewayUrl,
        `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`,
        {
          token,
          variables: {
            input: {
              accountId,
              title: 'Follow up on the quote',
              priority: 2,
              dueAt: daysFromNow(2, 9),
              remindAt: [daysFromNow(2, 7)],
            },
          },
        },
      ),
      'createTask',
    );
  }
}
