import type { MessageSender, OutgoingMessage } from './message-sender';

export interface SmsProviderOptions {
  /** The provider's send endpoint. */
  url: string;
  token?: string;
  timeoutMs?: number;
}

/**
 * A generic HTTP SMS provider: POST {to, text, reference} as JSON with the message id as
 * Idempotency-Key, answered 2xx with an optional {id}. Providers with another wire format get an
 * adapter of their own implementing MessageSender.
 */
export class HttpSmsSender implements MessageSender {
  readonly channel = 'SMS' as const;
  readonly isIdempotent = true;

  constructor(private readonly options: SmsProviderOptions) {}

  async send(message: OutgoingMessage): Promise<string> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.id,
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      },
      body: JSON.stringify({ to: message.recipient, text: message.body, reference: message.id }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`SMS provider answered HTTP ${response.status}`);
    const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
    return typeof answer.id === 'string' ? answer.id : message.id;
  }

  async close(): Promise<void> {
    // stateless: each send is one HTTP request
  }
}
