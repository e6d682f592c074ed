import type { MarketingChannel } from '../consent/consent.types';

/** One rendered message for one recipient, whatever the channel. */
export interface OutboundMessage {
  channel: MarketingChannel;
  /** Fixed per recipient at launch: the same on every attempt, so a resend is recognisable. */
  messageId: string;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  unsubscribeUrl: string;
}

/**
 * `permanent`: retrying cannot help (address rejected, provider refused) → FAILED / BOUNCED.
 * Anything else thrown is transient: the recipient is queued again with a back-off.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly isBounce: boolean,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export interface MessageTransport {
  send(message: OutboundMessage): Promise<void>;
  close(): Promise<void>;
}
