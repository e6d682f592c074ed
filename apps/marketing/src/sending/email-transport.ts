import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { PermanentDeliveryError, type MessageTransport, type OutboundMessage } from './outbound-message';

/** SMTP through nodemailer (pooled connection). Mail carries RFC 2369/8058 unsubscribe headers. */
export class EmailTransport implements MessageTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    connections = 1,
  ) {
    // Options with `url`, not createTransport(url, options): a second argument is message defaults,
    // and without the pool every message would open its own connection (~10× slower).
    // Timeouts well under MARKETING_SEND_LEASE_SECONDS: a send still hanging when its lease expires
    // would be taken for a crashed one and sent again by another sender.
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: connections,
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 40_000,
    } as object);
  }

  async send(message: OutboundMessage): Promise<void> {
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.text,
        html: message.html ?? undefined,
        messageId: message.messageId,
        headers: {
          'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      if (responseCode !== undefined && responseCode >= 500) {
        // 550–553: the mailbox does not exist or is refused: a hard bounce.
        throw new PermanentDeliveryError(
          (error as Error).message,
          responseCode >= 550 && responseCode <= 553,
        );
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
