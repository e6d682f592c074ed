import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  eventually,
  freePort,
  runScript,
  startServiceProcess,
  waitUntilReady,
  type ServiceProcess,
  type ServiceProcessOptions,
} from '../src';

const HTTP_SERVER = 'libs/testing/test/fixtures/http-server.ts';
const EXIT_WITH = 'libs/testing/test/fixtures/exit-with.ts';

/** Whether a process with this pid still exists (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

describe('freePort', () => {
  it('gives a port this process can bind on 127.0.0.1', async () => {
    const port = await freePort();

    expect(Number.isInteger(port) && port > 0 && port < 65536).toBe(true);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    expect((server.address() as net.AddressInfo).port).toBe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('startServiceProcess, waitUntilReady and stop, on a fixture HTTP server run via tsx', () => {
  const started: ServiceProcess[] = [];
  const logDirectory = mkdtempSync(path.join(tmpdir(), 'crm-testing-'));

  async function start(env: Record<string, string>, extra: Partial<ServiceProcessOptions> = {}) {
    const service = startServiceProcess({
      name: 'fixture',
      entry: HTTP_SERVER,
      port: await freePort(),
      env,
      ...extra,
    });
    started.push(service);
    return service;
  }

  afterAll(async () => {
    await Promise.all(started.map((service) => service.stop(1_000)));
    rmSync(logDirectory, { recursive: true, force: true });
  });

  it('is ready only once /health/ready answers 200, polling through the 503s before', async () => {
    const port = await freePort();
    const service = await start({ FIXTURE_NOT_READY_FOR_PROBES: '2' }, { port });

    expect(service).toMatchObject({
      name: 'fixture',
      port,
      origin: `http://127.0.0.1:${port}`,
      graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    });
    expect(isAlive(service.pid)).toBe(true);
    await waitUntilReady(service, { timeoutMs: 30_000 });

    // The fixture logs each answer after sending it, so its last line may still be in the pipe.
    const output = await eventually(
      'the fixture to log its 200',
      () => service.output(),
      (text) => text.includes('GET /health/ready -> 200'),
    );
    expect(output).toContain('GET /health/ready -> 503');
    expect(output).toContain('fixture: a line on stderr');
    const response = await fetch(`${service.origin}/health/ready`);
    expect(response.status).toBe(200);
    expect(service.hasExited()).toBe(false);
  });

  it('fails fast, with the process output, when the process exits before it is ready', async () => {
    const service = await start({ FIXTURE_EXIT_EARLY: 'missing ACCOUNTS_DATABASE_URL' });

    // Had it waited for the timeout instead, the message would be "not ready within 600000 ms".
    await expect(waitUntilReady(service, { timeoutMs: 600_000 })).rejects.toThrow(
      /^fixture exited before it was ready:\n[^]*fixture: missing ACCOUNTS_DATABASE_URL/,
    );
    expect(service.exitStatus()).toEqual({ code: 3, signal: null });
  });

  it('fails after its timeout with the last answer when the process never becomes ready', async () => {
    const service = await start({ FIXTURE_NEVER_READY: '1' });
    // Listening first, so the last answer is the fixture's 503 however slowly the machine started it.
    await eventually('the fixture to listen', service.output, (output) => output.includes('listening on'));

    // Long enough that a probe answered slowly (each may take 2 s) is not the last one.
    await expect(waitUntilReady(service, { timeoutMs: 8_000 })).rejects.toThrow(
      /^fixture not ready within 8000 ms \(HTTP 503: starting\)/,
    );
    await service.stop();
  });

  it('stop() sends SIGTERM, and resolves once the process has shut down', async () => {
    const service = await start({});
    await waitUntilReady(service);

    await service.stop(30_000);

    // Exit code 0 from its own handler: it shut down on the SIGTERM, no SIGKILL was needed.
    expect(service.exitStatus()).toEqual({ code: 0, signal: null });
    expect(isAlive(service.pid)).toBe(false);
    await eventually('the shutdown line', service.output, (output) =>
      output.includes('SIGTERM received, shutting down'),
    );
    await expect(service.whenExited()).resolves.toBeUndefined();
    await expect(service.stop()).resolves.toBeUndefined();
  });

  it('stop() escalates to SIGKILL after its timeout when the process ignores SIGTERM', async () => {
    const service = await start({ FIXTURE_IGNORE_SIGTERM: '1' });
    await waitUntilReady(service);
    const stoppedAt = Date.now();

    await service.stop(1_500);

    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1_500);
    expect(service.exitStatus()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(isAlive(service.pid)).toBe(false);
  });

  it('appends the process output to logFile, creating its directory', async () => {
    const logFile = path.join(logDirectory, 'nested', 'fixture.log');
    const service = await start({}, { logFile });
    await waitUntilReady(service);
    await service.stop();

    const log = await eventually(
      'the log file to hold both streams',
      () => readIfPresent(logFile),
      (text) => text.includes('fixture: SIGTERM received'),
    );
    expect(log).toContain('fixture: listening on');
    expect(log).toContain('fixture: a line on stderr');
    expect(log).toContain('GET /health/ready -> 200');
  });
});

describe('runScript', () => {
  const logDirectory = mkdtempSync(path.join(tmpdir(), 'crm-testing-'));
  afterAll(() => rmSync(logDirectory, { recursive: true, force: true }));

  it('resolves when the script exits 0', async () => {
    await expect(runScript(EXIT_WITH, { FIXTURE_EXIT_CODE: '0' })).resolves.toBeUndefined();
  });

  it('throws with the exit code and both output streams when the script exits non-zero', async () => {
    const failure = await runScript(EXIT_WITH, { FIXTURE_EXIT_CODE: '4' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Error);
    const { message } = failure as Error;
    expect(message).toMatch(new RegExp(`^${EXIT_WITH} failed \\(exit 4\\):\\n`));
    expect(message).toContain('script: a line on stdout');
    expect(message).toContain('script: a line on stderr');
  });

  it('appends the output to logFile, run after run', async () => {
    const logFile = path.join(logDirectory, 'script.log');

    await runScript(EXIT_WITH, {}, logFile);
    await runScript(EXIT_WITH, {}, logFile);

    const log = await eventually(
      'both runs in the log',
      () => readIfPresent(logFile),
      (text) => text.includes('stderr\n') && text.split('script: a line on stdout').length === 3,
    );
    expect(log.split('script: a line on stderr')).toHaveLength(3);
  });
});
