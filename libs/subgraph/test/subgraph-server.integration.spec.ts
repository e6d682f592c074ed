import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import gql from 'graphql-tag';
import pino from 'pino';
import { signAccessToken, type BaseConfig, type Caller } from '@crm/service-runtime';
import {
  startSubgraph,
  type AccessRules,
  type RunningSubgraph,
  type SubgraphContext,
  type SubgraphOptions,
} from '../src';

const SECRET = 'integration-test-secret-of-32-chars!!';
const TENANT = '0190f7c2-0000-7000-8000-000000000001';

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  scalar DateTime

  type Widget @key(fields: "id") {
    id: ID!
    name: String!
    createdAt: DateTime!
  }

  type Query {
    widgets: [Widget!]!
    broken: String!
    loaderInstance: Int!
  }

  type Mutation {
    ping: String!
  }
`;

const accessRules: AccessRules = {
  Query: { widgets: ['MANAGER', 'ADMIN'], broken: 'AUTHENTICATED', loaderInstance: 'AUTHENTICATED' },
  Mutation: { ping: 'PUBLIC' },
};

interface Loaders {
  instance: number;
  caller: Caller | null;
}

const config: BaseConfig = {
  NODE_ENV: 'test',
  PORT: 0,
  LOG_LEVEL: 'info',
  KAFKA_BROKERS: '127.0.0.1:9092',
  KAFKA_TOPIC_PREFIX: '',
  JWT_SECRET: SECRET,
  JWT_ISSUER: 'crm-platform',
  JWT_AUDIENCE: 'crm-api',
  SHUTDOWN_TIMEOUT_MS: 5000,
};

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ base: null }, stream), lines };
}

function tokenFor(...roles: Caller['roles']): Promise<string> {
  return signAccessToken(
    { tenantId: TENANT, userId: '0190f7c2-0000-7000-8000-000000000002', roles, email: 'someone@acme.test' },
    { secret: SECRET },
  );
}

interface GraphQLResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  };
  text: string;
}

function testSubgraph(overrides: Partial<SubgraphOptions<Loaders>> = {}) {
  const { logger, lines } = memoryLogger();
  const widgets = jest.fn(() => [
    { id: 'w1', name: 'Sprocket', createdAt: new Date('2026-11-26T10:00:00Z') },
  ]);
  const loaderInstances: Loaders[] = [];
  let instances = 0;
  let isDatabaseUp = true;
  const options: SubgraphOptions<Loaders> = {
    name: 'widgets',
    typeDefs,
    resolvers: {
      Query: {
        widgets,
        broken: () => {
          throw new Error('relation "widget" does not exist: SELECT * FROM widget WHERE tenant_id = $1');
        },
        loaderInstance: (_source: unknown, _args: unknown, context: SubgraphContext<Loaders>) => {
          loaderInstances.push(context.loaders);
          return context.loaders.instance;
        },
      },
      Mutation: { ping: () => 'pong' },
      Widget: {
        __resolveReference: (reference: { id: string }) => ({
          ...reference,
          name: 'Sprocket',
          createdAt: new Date(0),
        }),
      },
    },
    accessRules,
    config,
    logger,
    createLoaders: (caller) => ({ instance: ++instances, caller }),
    readinessChecks: [
      {
        name: 'postgres',
        check: async () => {
          if (!isDatabaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
      },
    ],
    onShutdown: [],
    ...overrides,
  };
  return {
    options,
    lines,
    widgets,
    loaderInstances,
    setDatabaseUp: (up: boolean) => {
      isDatabaseUp = up;
    },
  };
}

describe('a subgraph started with startSubgraph', () => {
  let fixture: ReturnType<typeof testSubgraph>;
  let subgraph: RunningSubgraph;
  let baseUrl: string;

  async function post(
    query: string,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse> {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text), text };
  }

  beforeAll(async () => {
    fixture = testSubgraph();
    subgraph = await startSubgraph(fixture.options);
    baseUrl = `http://127.0.0.1:${subgraph.port}`;
  });

  afterAll(async () => {
    await subgraph?.stop();
  });

  beforeEach(() => {
    fixture.widgets.mockClear();
  });

  it('refuses a request without a token with HTTP 401 UNAUTHENTICATED, before any resolver runs', async () => {
    const { status, body } = await post('{ widgets { id } }');
    expect(status).toBe(401);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(body.data).toBeUndefined();
    expect(fixture.widgets).not.toHaveBeenCalled();
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['a token signed with another secret', 'other'],
  ])('refuses %s with HTTP 401', async (_case, kind) => {
    const token =
      kind === 'other'
        ? await signAccessToken(
            { tenantId: TENANT, userId: 'u', roles: ['ADMIN'], email: 'x@y.test' },
            { secret: 'another-secret-that-is-32-chars-long' },
          )
        : kind;
    const { status, body } = await post('{ widgets { id } }', token);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(fixture.widgets).not.toHaveBeenCalled();
  });

  it('refuses a malformed Authorization header with 401 instead of serving it as anonymous', async () => {
    const { status, body } = await post('mutation { ping }', undefined, {
      authorization: 'Basic dXNlcjpwYXNz',
    });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/Bearer <token>/);
  });

  it('serves _service { sdl } without a token, for composition', async () => {
    const { status, body } = await post('{ _service { sdl } }');
    expect(status).toBe(200);
    expect((body.data?.['_service'] as { sdl: string }).sdl).toMatch(/type Widget\s+@key\(fields: "id"\)/);
  });

  it('runs a public mutation without a token', async () => {
    const { status, body } = await post('mutation { ping }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { ping: 'pong' } });
  });

  it('answers FORBIDDEN to a caller whose role the rule does not name, and never runs the resolver', async () => {
    const { status, body } = await post('{ widgets { id } }', await tokenFor('SALES_REP'));
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['widgets'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect(fixture.widgets).not.toHaveBeenCalled();
  });

  it('serves a caller whose role the rule names, with DateTime values in UTC ISO-8601', async () => {
    const { status, body } = await post('{ widgets { id name createdAt } }', await tokenFor('MANAGER'));
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { widgets: [{ id: 'w1', name: 'Sprocket', createdAt: '2026-11-26T10:00:00.000Z' }] },
    });
  });

  it('masks an unexpected error: no message, stack or SQL to the client; all of it in the log with the request id', async () => {
    const { body, text } = await post('{ broken }', await tokenFor('ANALYST'), {
      'x-request-id': 'req-masked-1',
    });
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['broken'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-masked-1' },
      },
    ]);
    expect(text).not.toMatch(/SELECT|relation|stacktrace|\.ts:/);

    const logged = fixture.lines.find((line) => line['msg'] === 'internal error');
    expect(logged).toMatchObject({
      requestId: 'req-masked-1',
      err: { message: expect.stringContaining('SELECT * FROM widget'), stack: expect.any(String) },
    });
  });

  it('refuses _entities without a token, and resolves it with one', async () => {
    const query =
      '{ _entities(representations: [{ __typename: "Widget", id: "w9" }]) { ... on Widget { id name } } }';
    const refused = await post(query);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const resolved = await post(query, await tokenFor('ANALYST'));
    expect(resolved.body).toEqual({ data: { _entities: [{ id: 'w9', name: 'Sprocket' }] } });
  });

  it('creates the loaders afresh for every request, with that request’s caller', async () => {
    const token = await tokenFor('ANALYST');
    const first = await post('{ loaderInstance }', token);
    const second = await post('{ loaderInstance }', token);
    expect(first.body.data?.['loaderInstance']).not.toBe(second.body.data?.['loaderInstance']);
    const [a, b] = fixture.loaderInstances.slice(-2);
    expect(a).not.toBe(b);
    expect(a.caller).toMatchObject({ tenantId: TENANT, roles: ['ANALYST'] });
  });

  it('reports live on /health/live', async () => {
    const response = await fetch(`${baseUrl}/health/live`);
    expect(response.status).toBe(200);
  });

  it('reflects its readiness checks on /health/ready', async () => {
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
    fixture.setDatabaseUp(false);
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        checks: [{ name: 'postgres', ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' }],
      });
    } finally {
      fixture.setDatabaseUp(true);
    }
  });

  it('exposes operation counts and HTTP durations on /metrics', async () => {
    await post('mutation Ping { ping }');
    await post('query Broken { broken }', await tokenFor('ANALYST'));
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /^graphql_operations_total\{[^}]*operation="unauthenticated",outcome="ok"[^}]*\} [1-9]/m,
    );
    expect(text).toMatch(/^graphql_operations_total\{[^}]*operation="Broken",outcome="error"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{[^}]*route="\/graphql"[^}]*\} [1-9]/m);
    expect(text).toMatch(
      /^graphql_root_resolver_duration_seconds_count\{[^}]*field="Mutation.ping"[^}]*\} [1-9]/m,
    );
  });
});

describe('starting and stopping a subgraph', () => {
  it('serves extra HTTP routes beside /graphql and gives them the caller of the bearer token', async () => {
    const { options } = testSubgraph({
      httpRoutes: ({ authenticate }) => {
        const router = express.Router();
        router.get('/whoami', async (request, response) => {
          const caller = await authenticate(request).catch(() => undefined);
          if (caller === undefined) response.status(401).json({ error: 'invalid token' });
          else response.json({ tenantId: caller?.tenantId ?? null });
        });
        return router;
      },
    });
    const subgraph = await startSubgraph(options);
    try {
      const token = await tokenFor('ADMIN');
      const url = `http://127.0.0.1:${subgraph.port}/whoami`;
      expect(await (await fetch(url)).json()).toEqual({ tenantId: null });
      expect(await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({
        tenantId: TENANT,
      });
      expect((await fetch(url, { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
    } finally {
      await subgraph.stop();
    }
  });

  it('fails to start, instead of hanging, when its port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const { options } = testSubgraph({ config: { ...config, PORT: port } });
      await expect(startSubgraph(options)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('stop() drains HTTP, then runs the shutdown hooks in order, and frees the port', async () => {
    const order: string[] = [];
    const { options } = testSubgraph({
      onShutdown: [
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push('stop consumers');
        },
        async () => {
          order.push('close pool');
        },
      ],
    });
    const subgraph = await startSubgraph(options);
    expect((await fetch(`http://127.0.0.1:${subgraph.port}/health/live`)).status).toBe(200);

    await subgraph.stop();

    expect(order).toEqual(['stop consumers', 'close pool']);
    await expect(fetch(`http://127.0.0.1:${subgraph.port}/health/live`)).rejects.toThrow();
  });

  it('still closes the pool when an earlier shutdown step fails, and reports the failure', async () => {
    const order: string[] = [];
    const { options } = testSubgraph({
      onShutdown: [
        async () => {
          throw new Error('consumer could not leave its group');
        },
        async () => {
          order.push('close pool');
        },
      ],
    });
    const subgraph = await startSubgraph(options);

    await expect(subgraph.stop()).rejects.toThrow('consumer could not leave its group');
    expect(order).toEqual(['close pool']);
  });
});
