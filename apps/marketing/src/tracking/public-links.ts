import type { MarketingChannel } from '../consent/consent.types';
import type { LinkSigner } from './link-token';

/** The public URLs a message carries, all signed; paths are served by tracking/public-routes.ts. */
export class PublicLinks {
  constructor(
    private readonly signer: LinkSigner,
    private readonly publicUrl: string,
  ) {}

  unsubscribe(tenantId: string, accountId: string, channel: MarketingChannel): string {
    return this.url(
      '/marketing/unsubscribe',
      this.signer.sign({ k: 'unsubscribe', t: tenantId, a: accountId, ch: channel }),
    );
  }

  openPixel(tenantId: string, campaignId: string, accountId: string): string {
    return this.url(
      '/marketing/open',
      this.signer.sign({ k: 'open', t: tenantId, c: campaignId, a: accountId }),
    );
  }

  click(tenantId: string, campaignId: string, accountId: string, target: string): string {
    return this.url(
      '/marketing/click',
      this.signer.sign({ k: 'click', t: tenantId, c: campaignId, a: accountId, u: target }),
    );
  }

  private url(path: string, token: string): string {
    const url = new URL(path, this.publicUrl);
    url.searchParams.set('token', token);
    return url.toString();
  }
}
