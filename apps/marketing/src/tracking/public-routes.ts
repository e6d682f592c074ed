import express from 'express';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { SYSTEM_ACTOR } from '@crm/events';
import { DomainError, isUuid } from '@crm/subgraph';
import { changeConsent } from '../consent/consent.service';
import type { VisitService } from '../visit/visit.service';
import { recordClick, recordOpen } from './engagement';
import type { LinkSigner } from './link-token';

export interface PublicRouteDependencies {
  database: TenantScopedDatabase;
  signer: LinkSigner;
  visits: VisitService;
  logger: Logger;
}

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** Appended to a clicked link, so the site's visit beacon can attribute the visit (see README). */
export const REFERENCE_PARAMETER = 'crm_ref';

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">${body}</body></html>`;
}

function refuseInvalidLink(response: express.Response): void {
  response.status(400).type('html').send(page('Invalid link', '<p>This link is not valid.</p>'));
}

/**
 * The service's public HTTP surface (no login; each link is signed): unsubscribe (GET shows a
 * confirmation, POST unsubscribes; RFC 8058 one-click POSTs `List-Unsubscribe=One-Click` to the same
 * URL), the open pixel, the click redirect and the visit beacon. A forged or altered token gets a
 * 400 and nothing is recorded.
 */
export function publicRoutes(deps: PublicRouteDependencies): express.Router {
  const router = express.Router();
  const { database, signer } = deps;

  router.get('/marketing/unsubscribe', (request, response) => {
    const facts = signer.verify('unsubscribe', request.query['token']);
    if (!facts) return void refuseInvalidLink(response);
    const action = `?token=${encodeURIComponent(String(request.query['token']))}`;
    // GET only asks: mail scanners follow links, and a scanner must not unsubscribe anybody.
    response.type('html').send(
      page(
        'Unsubscribe',
        `<p>Stop receiving marketing ${facts.ch === 'EMAIL' ? 'email' : 'SMS'} from us?</p>
<form method="post" action="${action}"><button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button></form>`,
      ),
    );
  });

  router.post(
    '/marketing/unsubscribe',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (request, response) => {
      const facts = signer.verify('unsubscribe', request.query['token']);
      if (!facts) return void refuseInvalidLink(response);
      await database.inTenant(facts.t, (manager) =>
        changeConsent(manager, facts.t, SYSTEM_ACTOR, {
          accountId: facts.a,
          channel: facts.ch,
          state: 'OPTED_OUT',
          source: 'unsubscribe-link',
        }),
      );
      response
        .type('html')
        .send(page('Unsubscribed', '<p>You are unsubscribed. You will not receive further messages.</p>'));
    },
  );

  router.get('/marketing/open', async (request, response) => {
    const facts = signer.verify('open', request.query['token']);
    if (!facts) return void response.status(400).end();
    await database.inTenant(facts.t, (manager) =>
      recordOpen(manager, facts.t, { campaignId: facts.c, accountId: facts.a }),
    );
    response.set('cache-control', 'no-store').type('gif').send(PIXEL);
  });

  router.get('/marketing/click', async (request, response) => {
    const token = request.query['token'];
    const facts = signer.verify('click', token);
    if (!facts) return void response.status(400).type('text').send('invalid link');
    await database.inTenant(facts.t, (manager) =>
      recordClick(manager, facts.t, { campaignId: facts.c, accountId: facts.a }, facts.u),
    );
    const target = new URL(facts.u);
    target.searchParams.set(REFERENCE_PARAMETER, String(token));
    response.redirect(302, target.toString());
  });

  // navigator.sendBeacon posts text/plain; fetch posts JSON: both are parsed as JSON text.
  router.post('/marketing/visit', express.text({ type: '*/*', limit: '8kb' }), async (request, response) => {
    response.set('access-control-allow-origin', '*');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(String(request.body)) as Record<string, unknown>;
      if (typeof body !== 'object' || body === null) throw new Error('not an object');
    } catch {
      return void response
        .status(400)
        .json({ errors: [{ field: 'body', message: 'must be a JSON object' }] });
    }
    const tenantId =
      typeof body['tenantId'] === 'string' && isUuid(body['tenantId']) ? body['tenantId'] : null;
    if (!tenantId)
      return void response.status(400).json({ errors: [{ field: 'tenantId', message: 'must be a UUID' }] });
    // The account is known only from a signed reference (a tracked click), never from what a browser claims.
    const reference = body['ref'] === undefined ? null : signer.verify('click', body['ref']);
    if (body['ref'] !== undefined && (reference === null || reference.t !== tenantId)) {
      return void response
        .status(400)
        .json({ errors: [{ field: 'ref', message: 'is not a valid reference' }] });
    }
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null);
    try {
      await deps.visits.recordVisit(tenantId, SYSTEM_ACTOR, {
        visitorId: text('visitorId') ?? '',
        url: text('url') ?? '',
        accountId: reference?.a ?? null,
        campaignId: reference?.c ?? null,
        utmSource: text('utmSource'),
        utmMedium: text('utmMedium'),
        utmCampaign: text('utmCampaign'),
      });
    } catch (error) {
      if (error instanceof DomainError) return void response.status(400).json({ errors: error.fields });
      throw error;
    }
    response.status(204).end();
  });

  router.options('/marketing/visit', (_request, response) => {
    response
      .set('access-control-allow-origin', '*')
      .set('access-control-allow-methods', 'POST')
      .set('access-control-allow-headers', 'content-type')
      .status(204)
      .end();
  });

  return router;
}
