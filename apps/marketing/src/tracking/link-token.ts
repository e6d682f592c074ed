import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Public links (unsubscribe, open pixel, click redirect) carry their facts signed with HMAC-SHA256:
 * `base64url(json).base64url(mac)`. Nobody can unsubscribe another person, fake an open or bounce a
 * click through us to an arbitrary URL without the secret. Links do not expire: an unsubscribe link
 * in a years-old mail must still work.
 */
const linkSchemas = {
  unsubscribe: z.strictObject({
    k: z.literal('unsubscribe'),
    t: z.uuid(),
    a: z.uuid(),
    ch: z.enum(['EMAIL', 'SMS']),
  }),
  open: z.strictObject({ k: z.literal('open'), t: z.uuid(), c: z.uuid(), a: z.uuid() }),
  click: z.strictObject({
    k: z.literal('click'),
    t: z.uuid(),
    c: z.uuid(),
    a: z.uuid(),
    u: z.url({ protocol: /^https?$/ }),
  }),
};

export type LinkKind = keyof typeof linkSchemas;
export type LinkFacts<K extends LinkKind> = z.infer<(typeof linkSchemas)[K]>;

export class LinkSigner {
  constructor(private readonly secret: string) {}

  sign<K extends LinkKind>(facts: LinkFacts<K>): string {
    const payload = Buffer.from(JSON.stringify(facts)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The facts of a genuine token of this kind; null for anything forged, altered or malformed. */
  verify<K extends LinkKind>(kind: K, token: unknown): LinkFacts<K> | null {
    if (typeof token !== 'string' || token.length > 4096) return null;
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length > 0) return null;
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed = linkSchemas[kind].safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()));
      return parsed.success ? (parsed.data as LinkFacts<K>) : null;
    } catch {
      return null;
    }
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }
}
