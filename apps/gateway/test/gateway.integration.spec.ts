import { createLogger, signAccessToken, type RunningSubgraph } from '@crm/subgraph';
import { eventually, postGraphQL } from '@crm/testing';
import { parseGatewayConfig } from '../src/config';
import { startGateway, type RunningGateway } from '../src/gateway';
import {
  composeFixtureSupergraph,
  startDirectorySubgraph,
  startNotesSubgraph,
  TEST_JWT_SECRET,
} from './fixture-subgraphs';
import { aliasBomb, nested } from './operation-bombs';
import { startHeaderRecordingProxy, type HeaderRecordingProxy } from './header-recording-proxy';

const CALLER = {
  tenantId: '0190a0e0-0000-7000-8000-000000000001',
  userId: '0190a0e0-0000-7000-8000-000000000002',
};

describe('gateway over real HTTP, in front of two real subgraphs', () => {
  let directory: RunningSubgraph;
  let notes: RunningSubgraph;
  let notesProxy: HeaderRecordingProxy;
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    directory = await startDirectorySubgraph();
    notes = await startNotesSubgraph();
    notesProxy = await startHeaderRecordingProxy(notes.url);
    const supergraphSdl = composeFixtureSupergraph([
      { name: 'directory', url: directory.url },
      { name: 'notes', url: notesProxy.url },
    ]);
    gateway = await startGateway({
      config: parseGatewayConfig(
        { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET },
        [],
      ),
      logger: createLogger('gateway', 'silent'),
      supergraphSdl,
    });
    token = await signAccessToken(
      { ...CALLER, roles: ['SALES_REP'], email: 'rep@example.com' },
      { secret: TEST_JWT_SECRET },
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await notesProxy?.stop();
    await Promise.all([directory?.stop(), notes?.stop()]);
  });

  it('passes a query through with the token, so the subgraph sees the caller and the request id', async () => {
    const result = await postGraphQL(gateway.url, '{ whoami { userId tenantId roles requestId } }', {
      token,
      headers: { 'x-request-id': 'req-gateway-test-1' },
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      whoami: { ...CALLER, roles: ['SALES_REP'], requestId: 'req-gateway-test-1' },
    });
  });

  it('forwards Authorization, a request id and traceparent, and none of the client’s other headers', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const result = await postGraphQL(gateway.url, '{ latestNotes { id } }', {
      token,
      headers: {
        traceparent,
        'x-internal-whatever': 'let me in',
        'x-tenant-id': 'someone-elses-tenant',
        cookie: 'session=stolen',
      },
    });

    expect(result.errors).toBeUndefined();
    const sent = notesProxy.received.at(-1);
    expect(sent).toMatchObject({ authorization: `Bearer ${token}`, traceparent });
    expect(sent?.['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent).not.toHaveProperty('x-internal-whatever');
    expect(sent).not.toHaveProperty('x-tenant-id');
    expect(sent).not.toHaveProperty('cookie');
  });

  it('refuses a bad token with 401 UNAUTHENTICATED before asking any subgraph', async () => {
    const forged = await signAccessToken(
      { ...CALLER, roles: ['ADMIN'], email: 'x@example.com' },
      {
        secret: 'another-secret-that-is-at-least-32-characters',
      },
    );
    const requestsBefore = notesProxy.received.length;

    for (const badToken of [forged, 'not-a-jwt']) {
      const result = await postGraphQL(gateway.url, '{ latestNotes { id } }', { token: badToken });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    expect(notesProxy.received.length).toBe(requestsBefore);
  });

  it('lets a request without a token through, and relays the subgraph’s refusal naming the service', async () => {
    const result = await postGraphQL(gateway.url, '{ latestNotes { id } }');

    expect(result.errors?.[0]).toMatchObject({
      message: 'a valid access token is required',
      extensions: { code: 'UNAUTHENTICATED', serviceName: 'notes' },
    });
  });

  it('refuses a depth bomb before planning it', async () => {
    const requestsBefore = notesProxy.received.length;

    const result = await postGraphQL(
      gateway.url,
      `{ members { ${nested('manager', 13, 'id')} } latestNotes { id } }`,
      {
        token,
      },
    );

    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/Query depth limit of 12 exceeded, found 15/);
    expect(notesProxy.received.length).toBe(requestsBefore);
  });

  it('refuses an alias bomb before planning it', async () => {
    const result = await postGraphQL(gateway.url, aliasBomb('latestNotes { id }', 16), { token });

    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded, found 16/);
  });

  it('refuses a token bomb as a syntax error (400), without parsing all of it', async () => {
    const result = await postGraphQL(
      gateway.url,
      `{ ${Array.from({ length: 3000 }, () => '__typename').join(' ')} }`,
      {
        token,
      },
    );

    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(result.errors?.[0]?.message).toMatch(/more tha[nt] 2000 tokens/);
  });

  it('accepts the deepest query the limit allows', async () => {
    const result = await postGraphQL(gateway.url, `{ members { ${nested('manager', 10, 'id')} } }`, {
      token,
    });

    expect(result.errors).toBeUndefined();
  });

  describe('when a subgraph goes down', () => {
    it('still answers with the other subgraph’s data and an error naming the missing service', async () => {
      const port = directory.port;
      await directory.stop();

      const result = await postGraphQL(gateway.url, '{ latestNotes { id } whoami { userId } }', { token });

      expect(result.data).toEqual({ latestNotes: [{ id: 'n1' }], whoami: null });
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.message).toMatch(/^directory subgraph unavailable/);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        serviceName: 'directory',
      });

      const live = await fetch(new URL('/health/live', gateway.url));
      expect(live.status).toBe(200);
      // One probe per subgraph with a 2 s limit: a loaded machine may let notes miss one.
      const expected = [
        { name: 'directory', live: false },
        { name: 'notes', live: true },
      ];
      const subgraphs = await eventually(
        'readiness to report directory down and notes up',
        async () => {
          const ready = await fetch(new URL('/health/ready', gateway.url));
          const { subgraphs: answer } = (await ready.json()) as {
            subgraphs: { name: string; live: boolean }[];
          };
          return answer.map(({ name, live }) => ({ name, live }));
        },
        // Compared by value: fetch's JSON comes from another realm than Jest's, which a deep strict
        // comparison would tell apart.
        (answer) => JSON.stringify(answer) === JSON.stringify(expected),
      );
      expect(subgraphs).toEqual(expected);

      directory = await startDirectorySubgraph(port);
    });

    it('uses the subgraph again as soon as it is back on the same port, without a gateway restart', async () => {
      const result = await postGraphQL(gateway.url, '{ whoami { userId } }', { token });

      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ whoami: { userId: CALLER.userId } });
    });
  });
});
