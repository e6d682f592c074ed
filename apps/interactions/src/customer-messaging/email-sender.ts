import nodemailer, { type Transporter } from 'nodemailer';
import type { MessageSender, OutgoingMessage } from './message-sender';

/** The Message-ID of a customer message: stable across attempts, so mail clients can fold duplicates. */
export function messageIdOf(messageId: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'crm.invalid';
  return `<${messageId}@${domain}>`;
}

/** Customer emails through an SMTP relay (nodemailer), From the tenant's address or NOTIFICATION_FROM. */
export class EmailSender implements MessageSender {
  readonly channel = 'EMAIL' as const;
  readonly isIdempotent = false;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly defaultFrom: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: OutgoingMessage): Promise<string> {
    const from = message.fromAddress ?? this.defaultFrom;
    const messageId = messageIdOf(message.id, from);
    await this.transport.sendMail({
      from,
      to: message.recipient,
      subject: message.subject,
      text: message.body,
      messageId,
    });
    return messageId;
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
