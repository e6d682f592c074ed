import { PermanentDeliveryError, type MessageTransport, type OutboundMessage } from './outbound-message';

/**
 * The pluggable SMS adapter: POSTs `{to, text, messageId}` as JSON to the provider's HTTP endpoint
 * (most Iranian and international SMS gateways accept this shape behind a small proxy). 4xx is a
 * permanent refusal, anything else transient. The message id lets a provider drop a resend.
 */
export class HttpSmsTransport implements MessageTransport {
  constructor(
    private readonly endpoint: string | undefined,
    private readonly token: string | undefined,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    if (!this.endpoint)
      throw new PermanentDeliveryError('no SMS provider is configured (SMS_PROVIDER_URL)', false);
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: message.to, text: message.text, messageId: message.messageId }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return;
    const detail = `SMS provider answered HTTP ${response.status}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      throw new PermanentDeliveryError(detail, false);
    }
    throw new Error(detail);
  }

  async close(): Promise<void> {
    // Stateless: nothing to close.
  }
}
