import { v7 as uuidv7 } from 'uuid';
import { createLogger, type Caller } from '@crm/subgraph';
import { SmtpSink } from '@crm/testing';
import { CustomerMessageDispatcher } from '../src/customer-messaging/customer-message.dispatcher';
import { EmailSender } from '../src/customer-messaging/email-sender';
import type { MessageSender } from '../src/customer-messaging/message-sender';
import { HttpSmsSender } from '../src/customer-messaging/sms-sender';
import { NotificationSettingsService } from '../src/tenant-settings/notification-settings.service';
import { TimelineService } from '../src/timeline/timeline.service';
import { startConsumerHarness, type ConsumerHarness } from './support/consumer-harness';
import {
  accountCreated,
  consentChanged,
  orderFacts,
  orderShipped,
  paymentRecorded,
} from './support/event-builders';
import { newTenant, outboxRowsOfType } from './support/interactions-fixtures';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';
import { startSmsTestProvider, type SmsTestProvider } from './support/sms-test-provider';

let db: InteractionsTestDatabase;
let harness: ConsumerHarness;
let smtp: SmtpSink;
let sms: SmsTestProvider;
let senders: MessageSender[];
let deliveries = 0;
const logger = createLogger('interactions-test', 'silent');
const LEASE_MS = 60_000;

function dispatcher(afterSend?: () => Promise<void>): CustomerMessageDispatcher {
  return new CustomerMessageDispatcher({
    database: db.database,
    logger,
    senders,
    intervalMs: 60_000,
    sendLeaseMs: LEASE_MS,
    afterSend,
  });
}

/** Plays accounts/marketing/orders on the real broker and waits until interactions consumed it all. */
async function deliver(...events: Parameters<ConsumerHarness['publish']>): Promise<void> {
  deliveries += events.length;
  await harness.publish(...events);
  await harness.waitForDeliveries(deliveries);
}

async function customerWithEmail(tenant: Caller, email = 'sara@example.com'): Promise<string> {
  const accountId = uuidv7();
  await deliver(
    accountCreated(tenant.tenantId, accountId, {
      displayName: 'Sara Ahmadi',
      emails: [email],
      phones: ['+989121234567'],
    }),
  );
  return accountId;
}

async function messagesOf(tenantId: string) {
  return db.ownerQuery<{ status: string; reason: string | null; attempts: number; channel: string }>(
    `SELECT "status", "reason", "attempts", "channel" FROM "customer_messages" WHERE "tenant_id" = $1 ORDER BY "created_at"`,
    [tenantId],
  );
}

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  harness = await startConsumerHarness(db);
  smtp = await SmtpSink.start();
  sms = await startSmsTestProvider();
  senders = [
    new EmailSender(smtp.url, 'orders@shop.example'),
    new HttpSmsSender({ url: sms.url, token: 'sms-token' }),
  ];
});

afterAll(async () => {
  await Promise.all(senders.map((sender) => sender.close()));
  await harness.stop();
  await smtp.stop();
  await sms.stop();
  await db.close();
});

describe('customer notifications', () => {
  it('emails the customer that the order shipped, with its tracking code, and logs it on the timeline', async () => {
    const tenant = newTenant();
    const accountId = await customerWithEmail(tenant, 'shipped@example.com');
    await deliver(orderShipped(tenant.tenantId, orderFacts(accountId, '1042'), new Date()));

    expect(await dispatcher().dispatchPending()).toBe(1);

    const mail = smtp.received.find((message) => message.subject === 'Your order #1042 has shipped');
    expect(mail?.text).toContain('Hello Sara Ahmadi,');
    expect(mail?.text).toContain('Tracking code: ABC123 (Post)');
    expect(mail?.headers.get('from')).toBe('orders@shop.example');
    expect(mail?.to).toBe('shipped@example.com');
    expect(mail?.messageId).toMatch(/@shop\.example>$/);
    const [page] = await new TimelineService(db.database).pagesByAccount(
      tenant.tenantId,
      [accountId],
      10,
      null,
    );
    expect(page?.edges.map((edge) => edge.node.summary)).toContain('Email: Your order #1042 has shipped');
    const logged = await outboxRowsOfType(db, 'crm.interactions.ActivityLogged.v1');
    expect(logged.find((row) => row.envelope.data.accountId === accountId)?.envelope.data).toMatchObject({
      type: 'EMAIL',
      channel: 'EMAIL',
      direction: 'OUTBOUND',
    });
  });

  it('writes in Persian for a tenant that chose fa', async () => {
    const tenant = newTenant('ADMIN');
    await new NotificationSettingsService(db.database).setSettings(tenant, {
      channel: 'EMAIL',
      locale: 'fa',
    });
    const accountId = await customerWithEmail(tenant, 'fa@example.com');
    await deliver(paymentRecorded(tenant.tenantId, orderFacts(accountId, '2077'), new Date()));

    await dispatcher().dispatchPending();

    const [mail] = smtp.to('fa@example.com');
    expect(mail?.subject).toBe('پرداخت شما برای سفارش #2077 دریافت شد');
    expect(mail?.text).toContain('Sara Ahmadi عزیز،');
  });

  it('sends the email exactly once across a crash between sending and recording it, and a redelivered event', async () => {
    const tenant = newTenant();
    const accountId = await customerWithEmail(tenant, 'crash@example.com');
    const shipped = orderShipped(tenant.tenantId, orderFacts(accountId, '3001'), new Date());
    await deliver(shipped);
    const crash = new Error('process killed after the SMTP server accepted the message');

    await expect(
      dispatcher(async () => {
        throw crash;
      }).dispatchPending(),
    ).rejects.toBe(crash);
    expect(await messagesOf(tenant.tenantId)).toEqual([
      expect.objectContaining({ status: 'SENDING', attempts: 1 }),
    ]);

    // The restarted service: the event arrives again, and the dispatcher runs after the lease expired.
    await deliver(shipped);
    const restarted = dispatcher();
    await restarted.dispatchPending(new Date(Date.now() + LEASE_MS + 1_000));
    await restarted.dispatchPending(new Date(Date.now() + LEASE_MS + 2_000));
    expect(restarted.metrics).toEqual({ sent: 0, failed: 0, unconfirmed: 1 });

    const toCustomer = smtp.received.filter((message) =>
      JSON.stringify(message.to).includes('crash@example.com'),
    );
    expect(toCustomer).toHaveLength(1);
    expect(await messagesOf(tenant.tenantId)).toEqual([
      expect.objectContaining({
        status: 'UNCONFIRMED',
        attempts: 1,
        reason: expect.stringMatching(/not resent/),
      }),
    ]);
  });

  it('never messages a customer who opted out of the channel', async () => {
    const tenant = newTenant();
    const accountId = await customerWithEmail(tenant, 'optout@example.com');
    await deliver(consentChanged(tenant.tenantId, accountId, 'EMAIL', 'OPTED_OUT'));
    await deliver(orderShipped(tenant.tenantId, orderFacts(accountId, '4004'), new Date()));

    expect(await dispatcher().dispatchPending()).toBe(0);

    expect(
      smtp.received.filter((message) => JSON.stringify(message.to).includes('optout@example.com')),
    ).toEqual([]);
    expect(await messagesOf(tenant.tenantId)).toEqual([
      expect.objectContaining({ status: 'SKIPPED', reason: 'the customer opted out of EMAIL' }),
    ]);
  });

  it('texts over the SMS provider, and a resend after a crash reuses the idempotency key so one SMS arrives', async () => {
    const tenant = newTenant('ADMIN');
    await new NotificationSettingsService(db.database).setSettings(tenant, { channel: 'SMS', locale: 'en' });
    const accountId = uuidv7();
    await deliver(
      accountCreated(tenant.tenantId, accountId, { displayName: 'Reza', phones: ['+989351112233'] }),
    );
    await deliver(orderShipped(tenant.tenantId, orderFacts(accountId, '5005'), new Date(), 'TRK9'));

    await expect(
      dispatcher(async () => {
        throw new Error('crash after the provider accepted it');
      }).dispatchPending(),
    ).rejects.toThrow();
    await dispatcher().dispatchPending(new Date(Date.now() + LEASE_MS + 1_000));

    const toReza = sms.requests.filter((request) => request.body.to === '+989351112233');
    expect(toReza).toHaveLength(2);
    expect(new Set(toReza.map((request) => request.idempotencyKey)).size).toBe(1);
    expect(sms.delivered().filter((request) => request.body.to === '+989351112233')).toHaveLength(1);
    expect(toReza[0]).toMatchObject({
      authorization: 'Bearer sms-token',
      body: { text: 'Your order #5005 has shipped — Tracking code: TRK9 (Post)' },
    });
    expect(await messagesOf(tenant.tenantId)).toEqual([
      expect.objectContaining({ status: 'SENT', channel: 'SMS', attempts: 2 }),
    ]);
  });

  it('retries a send the relay refused, and gives up as FAILED with the reason after the last attempt', async () => {
    const tenant = newTenant();
    const accountId = await customerWithEmail(tenant, 'unreachable@example.com');
    await deliver(orderShipped(tenant.tenantId, orderFacts(accountId, '7007'), new Date()));
    const closedPort = new EmailSender('smtp://127.0.0.1:1', 'orders@shop.example');
    const failing = new CustomerMessageDispatcher({
      database: db.database,
      logger,
      senders: [closedPort],
      intervalMs: 60_000,
      sendLeaseMs: LEASE_MS,
      maxAttempts: 2,
    });

    await failing.dispatchPending();
    expect(await messagesOf(tenant.tenantId)).toEqual([
      expect.objectContaining({ status: 'PENDING', attempts: 1 }),
    ]);
    await failing.dispatchPending();

    expect(await messagesOf(tenant.tenantId)).toEqual([
      expect.objectContaining({
        status: 'FAILED',
        attempts: 2,
        reason: expect.stringMatching(/ECONNREFUSED/),
      }),
    ]);
    await closedPort.close();
  });

  it('tells business (B2B) customers nothing through templates', async () => {
    const tenant = newTenant();
    const accountId = await customerWithEmail(tenant, 'b2b@example.com');
    await deliver(orderShipped(tenant.tenantId, orderFacts(accountId, '6006', 'B2B'), new Date()));
    expect(await messagesOf(tenant.tenantId)).toEqual([]);
  });
});
