import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccountErasureCompletedBy,
  CampaignLaunched,
  CampaignLinkClicked,
  CampaignMessageOpened,
  CampaignMessageSent,
  ConsentChanged,
  VisitRecorded,
} from '@crm/events';
import { createLogger, parseConfig } from '@crm/subgraph';
import { dataOf, eventually, SmtpSink } from '@crm/testing';
import { marketingConfigShape } from '../src/config';
import type { CampaignSender } from '../src/sending/campaign-sender';
import { createCampaignSender } from '../src/sending/create-sender';
import { createMarketingTestDatabase, type MarketingTestDatabase } from './support/marketing-test-database';
import {
  TEST_JWT_SECRET,
  TEST_LINK_SECRET,
  startMarketingTestServer,
  testTenant,
  type MarketingTestServer,
  type TestTenant,
} from './support/marketing-test-server';
import { outboxEvents } from './support/outbox';
import { seedProfiles } from './support/profile-seeding';

const CREATE_SEGMENT = `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { id name memberCount } }`;
const CREATE_CAMPAIGN = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id status } }`;
const LAUNCH = `mutation ($id: ID!) { launchCampaign(id: $id) { id status stats { targeted skippedNoConsent } } }`;
const SET_CONSENT = `mutation ($accountId: ID!, $channel: MarketingChannel!, $state: ConsentState!) {
  setConsent(accountId: $accountId, channel: $channel, state: $state, source: "web form") }`;
const CAMPAIGN = `query ($id: ID!) { campaign(id: $id) {
  id status launchedAt segment { id name }
  stats { targeted skippedNoConsent sent failed opened clicked }
  recipients(first: 100) { account { id } status sentAt error } } }`;

let db: MarketingTestDatabase;
let server: MarketingTestServer;
let smtp: SmtpSink;

beforeAll(async () => {
  db = await createMarketingTestDatabase();
  server = await startMarketingTestServer(db);
  smtp = await SmtpSink.start({ rejectRecipients: /^bounce@/ });
});

afterAll(async () => {
  await server.stop();
  await smtp.stop();
  await db.close();
});

function startSender(env: Record<string, string> = {}): CampaignSender {
  const config = parseConfig(marketingConfigShape, {
    ...env,
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    MARKETING_LINK_SECRET: TEST_LINK_SECRET,
    SMTP_URL: smtp.url,
    MARKETING_SEND_RATE_PER_SECOND: '1000',
    MARKETING_SENDER_IDLE_POLL_MS: '50',
  });
  const sender = createCampaignSender({
    config,
    database: db.database,
    services: server.services,
    links: server.links,
    logger: createLogger('marketing-sender', 'silent'),
  });
  sender.start();
  return sender;
}

async function campaignOf(tenant: TestTenant, id: string) {
  const data = dataOf(await server.request(CAMPAIGN, { id }, tenant.token), 'campaign');
  return data['campaign'] as {
    status: string;
    stats: Record<string, number>;
    recipients: { account: { id: string }; status: string; error: string | null }[];
  };
}

/** Sends a campaign to the end with a sender of its own, as the service's loop would. */
async function sendToEnd(
  tenant: TestTenant,
  campaignId: string,
  env: Record<string, string> = {},
): Promise<void> {
  const sender = startSender(env);
  try {
    await eventually(
      'the campaign sent',
      () => campaignOf(tenant, campaignId),
      (campaign) => campaign.status === 'SENT',
    );
  } finally {
    await sender.stop();
  }
}

async function setConsent(tenant: TestTenant, accountId: string, state: string, channel = 'EMAIL') {
  dataOf(await server.request(SET_CONSENT, { accountId, channel, state }, tenant.token), 'setConsent');
}

async function createSegment(tenant: TestTenant, rules: unknown): Promise<string> {
  const data = dataOf(
    await server.request(CREATE_SEGMENT, { input: { name: 'Coffee lovers', rules } }, tenant.token),
    'createSegment',
  );
  return (data['createSegment'] as { id: string }).id;
}

async function createCampaign(
  tenant: TestTenant,
  segmentId: string,
  body = 'Hi {{firstName}}, fresh beans: https://shop.example/coffee?x=1',
): Promise<string> {
  const input = {
    name: 'Spring beans',
    channel: 'EMAIL',
    segmentId,
    subject: 'For you, {{firstName}}',
    body,
  };
  const data = dataOf(await server.request(CREATE_CAMPAIGN, { input }, tenant.token), 'createCampaign');
  return (data['createCampaign'] as { id: string }).id;
}

async function launch(tenant: TestTenant, campaignId: string) {
  return dataOf(await server.request(LAUNCH, { id: campaignId }, tenant.token), 'launchCampaign')[
    'launchCampaign'
  ];
}

const unsubscribeUrlOf = (address: string) => {
  const header = String(smtp.to(address).at(-1)?.headers.get('list-unsubscribe') ?? '');
  return header.replace(/^<|>$/g, '');
};

describe('segments and campaigns over GraphQL', () => {
  it('rejects a bad rule tree with the path of the bad node, and writes nothing', async () => {
    const tenant = await testTenant();
    const result = await server.request(
      CREATE_SEGMENT,
      {
        input: {
          name: 'Bad',
          rules: {
            and: [
              { field: 'salesModel', op: 'eq', value: 'B2C' },
              { field: 'creditCard', op: 'eq', value: 1 },
            ],
          },
        },
      },
      tenant.token,
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field)).toEqual([
      'input.rules.and[1].field',
    ]);
    const preview = await server.request(
      `query ($rules: JSON!) { previewSegment(rules: $rules) }`,
      { rules: { field: 'city', op: 'gt', value: 1 } },
      tenant.token,
    );
    expect(preview.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'rules.op', message: expect.stringContaining('city supports') },
    ]);
    expect(
      await db.ownerQuery(`SELECT 1 FROM "segments" WHERE "tenant_id" = $1`, [tenant.tenantId]),
    ).toHaveLength(0);
  });

  it('rejects an unknown merge field at creation, naming it', async () => {
    const tenant = await testTenant();
    const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
    const input = { name: 'x', channel: 'EMAIL', segmentId, subject: 'Hi', body: 'Dear {{nickname}}' };
    const result = await server.request(CREATE_CAMPAIGN, { input }, tenant.token);
    expect(result.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'input.body', message: expect.stringContaining('{{nickname}}') },
    ]);
    expect(
      await db.ownerQuery(`SELECT 1 FROM "campaigns" WHERE "tenant_id" = $1`, [tenant.tenantId]),
    ).toHaveLength(0);
  });

  it('sends exactly one message per consenting recipient, with merge fields and unsubscribe headers', async () => {
    const tenant = await testTenant();
    const [sara, reza, nima, lale, noMail, bounce, b2b] = await seedProfiles(db, tenant.tenantId, [
      { firstName: 'Sara', displayName: 'Sara A', emails: ['sara@example.com'] },
      { firstName: 'Reza', displayName: 'Reza K', emails: ['reza@example.com'] },
      { firstName: 'Nima', displayName: 'Nima B', emails: ['nima@example.com'] },
      { firstName: 'Lale', displayName: 'Lale C', emails: ['lale@example.com'] },
      { firstName: 'Nomail', displayName: 'No Mail', emails: [] },
      { firstName: 'Bo', displayName: 'Bounce', emails: ['bounce@example.com'] },
      { salesModel: 'B2B', firstName: 'Biz', emails: ['biz@example.com'] },
    ]);
    for (const id of [sara, reza, noMail, bounce, b2b]) await setConsent(tenant, id, 'OPTED_IN');
    await setConsent(tenant, nima, 'OPTED_OUT');
    // lale: UNKNOWN; marketing email needs an explicit opt-in.
    const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
    const campaignId = await createCampaign(tenant, segmentId);
    expect(await launch(tenant, campaignId)).toMatchObject({
      status: 'SENDING',
      stats: { targeted: 6, skippedNoConsent: 2 },
    });
    await sendToEnd(tenant, campaignId);

    const campaign = await campaignOf(tenant, campaignId);
    expect(campaign.stats).toEqual({
      targeted: 6,
      skippedNoConsent: 2,
      sent: 2,
      failed: 2,
      opened: 0,
      clicked: 0,
    });
    const statusOf = (id: string | undefined) => campaign.recipients.find((r) => r.account.id === id);
    expect(statusOf(lale)?.status).toBe('SKIPPED_NO_CONSENT');
    expect(statusOf(noMail)).toMatchObject({ status: 'FAILED', error: 'no email address' });
    expect(statusOf(bounce)).toMatchObject({ status: 'BOUNCED' });
    expect(smtp.to('nima@example.com')).toHaveLength(0);
    expect(smtp.to('lale@example.com')).toHaveLength(0);

    const [mail] = smtp.to('sara@example.com');
    expect(smtp.to('sara@example.com')).toHaveLength(1);
    expect(mail?.subject).toBe('For you, Sara');
    expect(mail?.text).toContain('Hi Sara, fresh beans');
    expect(mail?.messageId).toBe(`<${campaignId}.${sara}@test.example>`);
    expect(mail?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(unsubscribeUrlOf('sara@example.com')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/marketing\/unsubscribe\?token=/,
    );

    expect(await outboxEvents(db, tenant.tenantId, CampaignLaunched.type)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ campaignId, targeted: 6, skippedNoConsent: 2 }),
      }),
    ]);
    const sent = await outboxEvents(db, tenant.tenantId, CampaignMessageSent.type);
    expect(sent.map((event) => event.data['accountId']).sort()).toEqual([sara, reza].sort());
    expect(await outboxEvents(db, tenant.tenantId, ConsentChanged.type)).toHaveLength(6);
  });

  it('checks consent at send time: an opt-out after the launch stops the message', async () => {
    const tenant = await testTenant();
    const [early, late] = await seedProfiles(db, tenant.tenantId, [
      { emails: ['early@example.com'] },
      { emails: ['late@example.com'] },
    ]);
    for (const id of [early, late]) await setConsent(tenant, id, 'OPTED_IN');
    const campaignId = await createCampaign(
      tenant,
      await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' }),
    );
    await launch(tenant, campaignId);
    await setConsent(tenant, late, 'OPTED_OUT');
    await sendToEnd(tenant, campaignId);
    expect(smtp.to('early@example.com')).toHaveLength(1);
    expect(smtp.to('late@example.com')).toHaveLength(0);
    expect((await campaignOf(tenant, campaignId)).stats).toMatchObject({ sent: 1, skippedNoConsent: 1 });
  });

  it('launches a scheduled campaign when its time comes', async () => {
    const tenant = await testTenant();
    const [customer] = await seedProfiles(db, tenant.tenantId, [{ emails: ['scheduled@example.com'] }]);
    await setConsent(tenant, customer, 'OPTED_IN');
    const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
    const input = {
      name: 'Later',
      channel: 'EMAIL',
      segmentId,
      subject: 'Later',
      body: 'Soon',
      // Far enough ahead that a slow request still schedules it in the future.
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const created = dataOf(await server.request(CREATE_CAMPAIGN, { input }, tenant.token), 'createCampaign');
    expect(created['createCampaign']).toMatchObject({ status: 'SCHEDULED' });
    const campaignId = (created['createCampaign'] as { id: string }).id;
    // Its time comes: as if the hour had passed.
    await db.ownerQuery(
      `UPDATE "campaigns" SET "scheduled_at" = now() - interval '1 second' WHERE "id" = $1`,
      [campaignId],
    );
    await sendToEnd(tenant, campaignId);
    expect(smtp.to('scheduled@example.com')).toHaveLength(1);
  });

  it('cancels a campaign before its messages go out, and refuses to cancel one that was sent', async () => {
    const tenant = await testTenant();
    const [customer] = await seedProfiles(db, tenant.tenantId, [{ emails: ['cancelled@example.com'] }]);
    await setConsent(tenant, customer, 'OPTED_IN');
    const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
    const cancelled = await createCampaign(tenant, segmentId);
    await launch(tenant, cancelled);
    const cancel = `mutation ($id: ID!) { cancelCampaign(id: $id) { status } }`;
    expect(dataOf(await server.request(cancel, { id: cancelled }, tenant.token), 'cancel')).toEqual({
      cancelCampaign: { status: 'CANCELLED' },
    });
    const sent = await createCampaign(tenant, segmentId, 'Second');
    await launch(tenant, sent);
    await sendToEnd(tenant, sent);
    expect(smtp.to('cancelled@example.com').map((mail) => mail.text)).toEqual([
      expect.stringContaining('Second'),
    ]);
    const again = await server.request(cancel, { id: sent }, tenant.token);
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });

  it('sends SMS through the HTTP provider adapter, with the unsubscribe link', async () => {
    const received: { to: string; text: string; messageId: string }[] = [];
    const provider = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(body) as { to: string; text: string; messageId: string });
        response.writeHead(request.headers.authorization === 'Bearer sms-token' ? 202 : 401).end();
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    try {
      const tenant = await testTenant();
      const [customer] = await seedProfiles(db, tenant.tenantId, [
        { firstName: 'Sms', phones: ['+989121112233'] },
      ]);
      await setConsent(tenant, customer, 'OPTED_IN', 'SMS');
      const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
      const input = { name: 'Text', channel: 'SMS', segmentId, body: 'Hi {{firstName}}, 10% off today' };
      const created = dataOf(
        await server.request(CREATE_CAMPAIGN, { input }, tenant.token),
        'createCampaign',
      );
      const campaignId = (created['createCampaign'] as { id: string }).id;
      await launch(tenant, campaignId);
      const { port } = provider.address() as AddressInfo;
      await sendToEnd(tenant, campaignId, {
        SMS_PROVIDER_URL: `http://127.0.0.1:${port}/send`,
        SMS_PROVIDER_TOKEN: 'sms-token',
      });
      expect(received).toEqual([
        {
          to: '+989121112233',
          text: expect.stringMatching(/^Hi Sms, 10% off today\n.*\/marketing\/unsubscribe\?token=/),
          messageId: `<${campaignId}.${customer}@test.example>`,
        },
      ]);
      expect((await campaignOf(tenant, campaignId)).stats).toMatchObject({ sent: 1 });
    } finally {
      await new Promise((resolve) => provider.close(resolve));
    }
  });

  it('one-click unsubscribe (RFC 8058) means no message in the next campaign', async () => {
    const tenant = await testTenant();
    const [leaver, stayer] = await seedProfiles(db, tenant.tenantId, [
      { emails: ['leaver@example.com'] },
      { emails: ['stayer@example.com'] },
    ]);
    for (const id of [leaver, stayer]) await setConsent(tenant, id, 'OPTED_IN');
    const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
    const first = await createCampaign(tenant, segmentId);
    await launch(tenant, first);
    await sendToEnd(tenant, first);

    const unsubscribeUrl = unsubscribeUrlOf('leaver@example.com');
    const page = await fetch(unsubscribeUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const consents = dataOf(
      await server.request(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account { consents { channel state source } } } }`,
        { r: [{ __typename: 'Account', id: leaver }] },
        tenant.token,
      ),
      '_entities',
    );
    expect(consents['_entities']).toEqual([
      { consents: [{ channel: 'EMAIL', state: 'OPTED_OUT', source: 'unsubscribe-link' }] },
    ]);

    const second = await createCampaign(tenant, segmentId, 'Second round');
    await launch(tenant, second);
    await sendToEnd(tenant, second);
    expect(smtp.to('leaver@example.com')).toHaveLength(1);
    expect(smtp.to('stayer@example.com')).toHaveLength(2);

    const forged = await fetch(
      unsubscribeUrl.replace(/token=[^.]+/, `token=${Buffer.from('{}').toString('base64url')}`),
      { method: 'POST' },
    );
    expect(forged.status).toBe(400);
  });

  it('records opens and clicks from signed links only; forged tokens are refused and change nothing', async () => {
    const tenant = await testTenant();
    const [reader] = await seedProfiles(db, tenant.tenantId, [{ emails: ['reader@example.com'] }]);
    await setConsent(tenant, reader, 'OPTED_IN');
    const campaignId = await createCampaign(
      tenant,
      await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' }),
    );
    await launch(tenant, campaignId);
    await sendToEnd(tenant, campaignId);
    const html = smtp.to('reader@example.com')[0]?.html ?? '';
    const decode = (url: string) => url.replace(/&#38;/g, '&');
    const pixel = decode(/<img src="([^"]+)"/.exec(html)?.[1] ?? '');
    const click = decode(/<a href="([^"]+\/marketing\/click[^"]+)"/.exec(html)?.[1] ?? '');

    const forgedClick = server.links
      .click(tenant.tenantId, campaignId, reader, 'https://evil.example')
      .replace(/\.[^.]+$/, '.AAAA');
    expect((await fetch(forgedClick, { redirect: 'manual' })).status).toBe(400);
    const otherSecret = new (await import('../src/tracking/link-token')).LinkSigner('x'.repeat(40));
    const forgedOpen = `${server.origin}/marketing/open?token=${otherSecret.sign({ k: 'open', t: tenant.tenantId, c: campaignId, a: reader })}`;
    expect((await fetch(forgedOpen)).status).toBe(400);
    expect((await campaignOf(tenant, campaignId)).stats).toMatchObject({ opened: 0, clicked: 0 });
    expect(await outboxEvents(db, tenant.tenantId, CampaignMessageOpened.type)).toHaveLength(0);

    for (let load = 0; load < 2; load += 1) {
      const response = await fetch(pixel);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/gif');
    }
    const redirect = await fetch(click, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const target = new URL(redirect.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe('https://shop.example/coffee');
    expect(target.searchParams.get('x')).toBe('1');

    const campaign = await campaignOf(tenant, campaignId);
    expect(campaign.stats).toMatchObject({ sent: 1, opened: 1, clicked: 1 });
    expect(campaign.recipients[0]?.status).toBe('CLICKED');
    expect(await outboxEvents(db, tenant.tenantId, CampaignMessageOpened.type)).toHaveLength(1);
    expect(await outboxEvents(db, tenant.tenantId, CampaignLinkClicked.type)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ url: 'https://shop.example/coffee?x=1', accountId: reader }),
      }),
    ]);

    // The site's beacon hands back the reference the redirect added: the visit is the reader's.
    const beacon = await fetch(`${server.origin}/marketing/visit`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        tenantId: tenant.tenantId,
        visitorId: 'cookie-1',
        url: target.toString(),
        utmSource: 'newsletter',
        ref: target.searchParams.get('crm_ref'),
      }),
    });
    expect(beacon.status).toBe(204);
    const visits = dataOf(
      await server.request(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account { visits { visitorId utmSource account { id } } } } }`,
        { r: [{ __typename: 'Account', id: reader }] },
        tenant.token,
      ),
      '_entities',
    );
    expect(visits['_entities']).toEqual([
      { visits: [{ visitorId: 'cookie-1', utmSource: 'newsletter', account: { id: reader } }] },
    ]);
    expect(await outboxEvents(db, tenant.tenantId, VisitRecorded.type)).toHaveLength(1);
    const badBeacon = await fetch(`${server.origin}/marketing/visit`, {
      method: 'POST',
      body: JSON.stringify({
        tenantId: tenant.tenantId,
        visitorId: 'cookie-1',
        url: 'https://x.example',
        ref: 'forged.token',
      }),
    });
    expect(badBeacon.status).toBe(400);
  });

  it('never shows one tenant another tenant’s segments, campaigns or consents', async () => {
    const owner = await testTenant();
    const stranger = await testTenant();
    const [account] = await seedProfiles(db, owner.tenantId, [{ emails: ['mine@example.com'] }]);
    await setConsent(owner, account, 'OPTED_IN');
    const segmentId = await createSegment(owner, { field: 'salesModel', op: 'eq', value: 'B2C' });
    const campaignId = await createCampaign(owner, segmentId);
    const asStranger = await server.request(
      `query ($id: ID!, $r: [_Any!]!) { campaign(id: $id) { id } segments { id } campaigns { id }
        _entities(representations: $r) { ... on Account { consents { state } } } }`,
      { id: campaignId, r: [{ __typename: 'Account', id: account }] },
      stranger.token,
    );
    expect(asStranger.data).toEqual({
      campaign: null,
      segments: [],
      campaigns: [],
      _entities: [{ consents: [] }],
    });
    const preview = dataOf(
      await server.request(
        `query { previewSegment(rules: {field: "salesModel", op: "eq", value: "B2C"}) }`,
        {},
        stranger.token,
      ),
      'preview',
    );
    expect(preview['previewSegment']).toBe(0);
    const launchByStranger = await server.request(LAUNCH, { id: campaignId }, stranger.token);
    expect(launchByStranger.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('answers a list of campaigns with their stats and segments in a fixed number of statements', async () => {
    const tenant = await testTenant();
    await seedProfiles(db, tenant.tenantId, [{ emails: ['a@example.com'] }, { emails: ['b@example.com'] }]);
    const statementsFor = async () => {
      const before = db.sqlStatements.statements;
      dataOf(
        await server.request(
          `{ campaigns { id stats { targeted sent } segment { name memberCount } recipients(first: 5) { status } } }`,
          {},
          tenant.token,
        ),
        'campaigns',
      );
      return db.sqlStatements.statements - before;
    };
    const segmentId = await createSegment(tenant, { field: 'salesModel', op: 'eq', value: 'B2C' });
    await launch(tenant, await createCampaign(tenant, segmentId));
    const withOne = await statementsFor();
    for (let index = 0; index < 4; index += 1) {
      await launch(
        tenant,
        await createCampaign(
          tenant,
          await createSegment(tenant, { field: 'orderCount', op: 'gte', value: index }),
        ),
      );
    }
    expect(await statementsFor()).toBe(withOne);
  });
});

describe('erasure, merge and data export', () => {
  it('anonymises the profile, keeps consent as a suppression record, and acknowledges in the same transaction', async () => {
    const tenant = await testTenant();
    const [erased] = await seedProfiles(db, tenant.tenantId, [
      {
        firstName: 'Gone',
        displayName: 'Gone Person',
        city: 'Tabriz',
        tags: ['vip'],
        emails: ['gone@example.com'],
        phones: ['+989120000000'],
        orders: [{ placedAt: '2026-05-01T00:00:00Z', totalMinor: 700 }],
      },
    ]);
    await setConsent(tenant, erased, 'OPTED_OUT');
    const { eraseAccount } = await import('../src/privacy/erase-account');
    const erasure = {
      accountId: erased,
      contactIds: [],
      salesModel: 'B2C' as const,
      requestedAt: new Date().toISOString(),
    };
    await db.database.inTenant(tenant.tenantId, (manager) => eraseAccount(manager, tenant.tenantId, erasure));
    const [profile] = await db.ownerQuery(`SELECT * FROM "customer_profiles" WHERE "account_id" = $1`, [
      erased,
    ]);
    expect(profile).toMatchObject({
      erased: true,
      first_name: null,
      display_name: null,
      city: null,
      tags: [],
      emails: [],
      phones: [],
      order_count: 1,
      total_spent_minor: '700',
    });
    expect(
      await db.ownerQuery(`SELECT "state", "source" FROM "consents" WHERE "account_id" = $1`, [erased]),
    ).toEqual([{ state: 'OPTED_OUT', source: 'erased' }]);
    expect(await outboxEvents(db, tenant.tenantId, AccountErasureCompletedBy.marketing.type)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ accountId: erased, service: 'marketing' }) }),
    ]);
    expect(
      await server.services.segments.previewSegment(tenant.tenantId, {
        field: 'salesModel',
        op: 'eq',
        value: 'B2C',
      }),
    ).toBe(0);
  });

  it('folds a merged account into the survivor: an opt-out of either wins, orders and messages move', async () => {
    const tenant = await testTenant();
    const [survivor, duplicate] = await seedProfiles(db, tenant.tenantId, [
      { emails: ['keep@example.com'], orders: [{ placedAt: '2026-05-01T00:00:00Z', totalMinor: 100 }] },
      {
        emails: ['dup@example.com'],
        orders: [{ placedAt: '2026-05-02T00:00:00Z', totalMinor: 50, categories: ['tea'] }],
      },
    ]);
    await setConsent(tenant, survivor, 'OPTED_IN');
    await setConsent(tenant, duplicate, 'OPTED_OUT');
    const { mergeAccounts } = await import('../src/privacy/merge-accounts');
    const { EventFactory } = await import('./support/event-factory');
    const snapshot = new EventFactory(tenant.tenantId).account({
      accountId: survivor,
      emails: ['keep@example.com'],
    });
    const merge = { survivorId: survivor, mergedIds: [duplicate], movedContactIds: [], survivor: snapshot };
    for (let delivery = 0; delivery < 2; delivery += 1) {
      await db.database.inTenant(tenant.tenantId, (manager) =>
        mergeAccounts(manager, tenant.tenantId, merge),
      );
    }
    const [profile] = await db.ownerQuery(`SELECT * FROM "customer_profiles" WHERE "account_id" = $1`, [
      survivor,
    ]);
    expect(profile).toMatchObject({
      order_count: 2,
      total_spent_minor: '150',
      purchased_categories: ['tea'],
    });
    expect(
      await db.ownerQuery(`SELECT "account_id", "state" FROM "consents" WHERE "tenant_id" = $1`, [
        tenant.tenantId,
      ]),
    ).toEqual([{ account_id: survivor, state: 'OPTED_OUT' }]);
    expect(
      await server.services.segments.previewSegment(tenant.tenantId, {
        field: 'orderCount',
        op: 'gte',
        value: 0,
      }),
    ).toBe(1);
  });

  it('exports everything it holds about an account through the federated CustomerDataExport', async () => {
    const tenant = await testTenant();
    const [account] = await seedProfiles(db, tenant.tenantId, [
      { firstName: 'Export', emails: ['export@example.com'] },
    ]);
    await setConsent(tenant, account, 'OPTED_IN');
    const data = dataOf(
      await server.request(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CustomerDataExport { accountId marketing } } }`,
        { r: [{ __typename: 'CustomerDataExport', accountId: account }] },
        tenant.token,
      ),
      'export',
    );
    const [exported] = data['_entities'] as { accountId: string; marketing: Record<string, unknown> }[];
    expect(exported?.accountId).toBe(account);
    expect(exported?.marketing).toMatchObject({
      profile: expect.objectContaining({ first_name: 'Export', emails: ['export@example.com'] }),
      consents: [expect.objectContaining({ channel: 'EMAIL', state: 'OPTED_IN', source: 'web form' })],
      campaignMessages: [],
      visits: [],
    });
  });
});
