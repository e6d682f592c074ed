import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { ServiceMetrics } from './metrics';

/** The value of the sample `name` whose labels include `labels` (label order does not matter), or undefined. */
function sampleValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('ServiceMetrics over HTTP', () => {
  let server: Server;
  let url: string;
  let metrics: ServiceMetrics;
  let queueDepth = 0;

  beforeAll(async () => {
    metrics = new ServiceMetrics('orders');
    metrics.observedGauge('outbox_backlog', 'Unpublished outbox rows', () => queueDepth);
    const app = express();
    app.use(metrics.httpMiddleware());
    app.use(metrics.router());
    const items = express.Router();
    items.get('/items/:id', (_req, res) => {
      res.json({});
    });
    app.use('/api', items);
    app.use('/graphql', express.json(), (_req, res) => {
      res.json({ data: null });
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return response.text();
  }

  it("exposes Node's default metrics labelled with the service", async () => {
    expect(
      sampleValue(await scrape(), 'process_cpu_user_seconds_total', { service: 'orders' }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('records HTTP requests by method, route pattern and status', async () => {
    await fetch(`${url}/api/items/41`);
    await fetch(`${url}/api/items/42`);
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    const text = await scrape();
    const count = (labels: Record<string, string>) =>
      sampleValue(text, 'http_request_duration_seconds_count', labels);
    expect(count({ service: 'orders', method: 'GET', route: '/api/items/:id', status: '200' })).toBe(2);
    expect(count({ service: 'orders', method: 'POST', route: '/graphql', status: '200' })).toBe(1);
  });

  it('gives every unmatched path one label, so scanners cannot grow the registry', async () => {
    await fetch(`${url}/wp-admin/1`);
    await fetch(`${url}/wp-admin/2`);

    const text = await scrape();
    const unmatched = { service: 'orders', method: 'GET', route: 'unmatched', status: '404' };
    expect(sampleValue(text, 'http_request_duration_seconds_count', unmatched)).toBe(2);
    expect(text).not.toContain('wp-admin');
    expect(text).not.toContain('/api/items/41');
  });

  it('reads an observed gauge when scraped', async () => {
    queueDepth = 7;
    expect(sampleValue(await scrape(), 'outbox_backlog', { service: 'orders' })).toBe(7);
    queueDepth = 3;
    expect(sampleValue(await scrape(), 'outbox_backlog', { service: 'orders' })).toBe(3);
  });

  it('registers service counters and histograms in the same registry', async () => {
    const sent = metrics.counter('messages_sent_total', 'Messages sent', ['topic']);
    sent.inc({ topic: 'crm.orders.events' });
    metrics.histogram('batch_seconds', 'Batch duration').observe(0.2);
    const text = await scrape();
    expect(sampleValue(text, 'messages_sent_total', { service: 'orders', topic: 'crm.orders.events' })).toBe(
      1,
    );
    expect(sampleValue(text, 'batch_seconds_count', { service: 'orders' })).toBe(1);
  });
});
