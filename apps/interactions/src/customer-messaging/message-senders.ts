import type { InteractionsConfig } from '../config';
import { EmailSender } from './email-sender';
import type { MessageSender } from './message-sender';
import { HttpSmsSender } from './sms-sender';

/** The channels this deployment can send on; a message for a missing one fails with that reason. */
export function configuredMessageSenders(config: InteractionsConfig): MessageSender[] {
  const senders: MessageSender[] = [];
  if (config.SMTP_URL) senders.push(new EmailSender(config.SMTP_URL, config.NOTIFICATION_FROM));
  if (config.SMS_PROVIDER_URL)
    senders.push(new HttpSmsSender({ url: config.SMS_PROVIDER_URL, token: config.SMS_PROVIDER_TOKEN }));
  return senders;
}
