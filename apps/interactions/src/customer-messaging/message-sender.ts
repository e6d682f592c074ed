import type { MessageChannel } from './customer-message.entity';

export interface OutgoingMessage {
  /** The customer message's id: the Message-ID / idempotency key of every attempt to send it. */
  id: string;
  recipient: string;
  fromAddress: string | null;
  subject: string;
  body: string;
}

/** One channel's way out (SMTP, an SMS provider). */
export interface MessageSender {
  channel: MessageChannel;
  /**
   * Whether sending the same message id again is harmless because the far end de-duplicates on it
   * (an SMS provider honouring Idempotency-Key). SMTP is not: a resent email arrives twice.
   */
  isIdempotent: boolean;
  /** Resolves with the provider's id for the message once the far end has accepted it. */
  send(message: OutgoingMessage): Promise<string>;
  close(): Promise<void>;
}
