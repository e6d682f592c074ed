import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { healthRouter, type ReadinessCheck } from './health';

async function serve(
  checks: ReadinessCheck[],
  isDraining = () => false,
): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(healthRouter(checks, isDraining, { checkTimeoutMs: 100 }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const passing = (name: string): ReadinessCheck => ({ name, check: async () => undefined });

describe('health endpoints', () => {
  const servers: Server[] = [];
  async function start(checks: ReadinessCheck[], isDraining?: () => boolean): Promise<string> {
    const { url, server } = await serve(checks, isDraining);
    servers.push(server);
    return url;
  }
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('reports live without consulting the dependencies', async () => {
    const check = jest.fn(async () => {
      throw new Error('database down');
    });
    const url = await start([{ name: 'postgres', check }]);
    const response = await fetch(`${url}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(check).not.toHaveBeenCalled();
  });

  it('reports ready when every check answers', async () => {
    const url = await start([passing('postgres'), passing('kafka')]);
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      draining: false,
      checks: [
        { name: 'postgres', ok: true },
        { name: 'kafka', ok: true },
      ],
    });
  });

  it('reports 503 naming the check that failed, and why', async () => {
    const url = await start([
      passing('postgres'),
      {
        name: 'kafka',
        check: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
        },
      },
    ]);
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      checks: [
        { name: 'postgres', ok: true },
        { name: 'kafka', ok: false, error: 'connect ECONNREFUSED 127.0.0.1:9092' },
      ],
    });
  });

  it('reports 503 when a check does not answer in time, without waiting for it', async () => {
    const url = await start([{ name: 'postgres', check: () => new Promise(() => undefined) }]);
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      checks: [{ name: 'postgres', ok: false, error: 'no answer within 100 ms' }],
    });
  });

  it('reports 503 while draining even though every dependency answers', async () => {
    let draining = false;
    const url = await start([passing('postgres')], () => draining);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    draining = true;
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', draining: true });
  });
});
