import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AccountProfileEntity } from '../customer-profile/account-profile.entity';
import { ConsentEntity } from '../customer-profile/consent.entity';
import { ContactProfileEntity } from '../customer-profile/contact-profile.entity';
import { notificationSettingsOf } from '../tenant-settings/notification-settings.service';
import type { MessageChannel, MessageStatus } from './customer-message.entity';
import type { PlannedCustomerMessage } from './customer-message.plan';
import { renderCustomerMessage } from './message-templates';

interface Recipient {
  name: string | null;
  address: string | null;
}

/** The account's own address on the channel, else its primary contact's, else any contact's. */
async function recipientOf(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  channel: MessageChannel,
): Promise<Recipient> {
  const pick = (profile: { emails: string[]; phones: string[] }) =>
    (channel === 'EMAIL' ? profile.emails : profile.phones)[0] ?? null;
  const account = await manager.findOneBy(AccountProfileEntity, { tenantId, accountId });
  const contacts = await manager.find(ContactProfileEntity, {
    where: { tenantId, accountId },
    order: { isPrimary: 'DESC', contactId: 'ASC' },
  });
  const contactAddress = contacts.map(pick).find((address) => address !== null) ?? null;
  return { name: account?.displayName ?? null, address: (account && pick(account)) ?? contactAddress };
}

/**
 * Records what to tell the customer about an order event, in the consumer's transaction: the row is
 * the send intent the dispatcher works from (PENDING), or the reason nothing may be sent (SKIPPED).
 * One row per (event, channel): the unique key makes a second delivery of the event a no-op even
 * outside the inbox.
 */
export async function recordCustomerMessageIntent(
  manager: EntityManager,
  tenantId: string,
  sourceEventId: string,
  plan: PlannedCustomerMessage,
): Promise<void> {
  const settings = await notificationSettingsOf(manager, tenantId);
  if (settings.channel === 'NONE') return;
  const channel = settings.channel;
  const recipient = await recipientOf(manager, tenantId, plan.accountId, channel);
  const consent = await manager.findOneBy(ConsentEntity, { tenantId, accountId: plan.accountId, channel });
  let status: MessageStatus = 'PENDING';
  let reason: string | null = null;
  if (consent?.state === 'OPTED_OUT') [status, reason] = ['SKIPPED', `the customer opted out of ${channel}`];
  else if (recipient.address === null)
    [status, reason] = ['SKIPPED', `the customer has no ${channel} address`];
  const rendered = renderCustomerMessage(plan.kind, settings.locale, channel, {
    ...plan.facts,
    customerName: recipient.name,
  });
  await manager.query(
    `INSERT INTO "customer_messages"
       ("tenant_id", "id", "source_event_id", "kind", "channel", "account_id", "order_id", "recipient",
        "from_address", "locale", "subject", "body", "status", "reason")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT ("tenant_id", "source_event_id", "channel") DO NOTHING`,
    [
      tenantId,
      uuidv7(),
      sourceEventId,
      plan.kind,
      channel,
      plan.accountId,
      plan.orderId,
      status === 'SKIPPED' ? null : recipient.address,
      settings.fromAddress,
      settings.locale,
      rendered.subject,
      rendered.body,
      status,
      reason,
    ],
  );
}
