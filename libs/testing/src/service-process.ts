import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Where `apps/<name>/src/main.ts` paths are resolved, and the services' working directory. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

const OUTPUT_KEPT_CHARS = 64 * 1024;

/** A port nobody listens on right now: for a service that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServiceProcessOptions {
  /** For messages only, e.g. `accounts`. */
  name: string;
  /** The TypeScript entry point relative to the repository root, e.g. `apps/accounts/src/main.ts`. */
  entry: string;
  port: number;
  env?: Record<string, string>;
  /** Also append the process's output to this file (the dev runner keeps logs in .infra/logs). */
  logFile?: string;
}

export interface ServiceProcess {
  name: string;
  port: number;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  graphqlUrl: string;
  hasExited(): boolean;
  /** Resolves when the process has exited, for whatever reason. */
  whenExited(): Promise<void>;
  /** How the process ended (exit code or signal); undefined while it runs. */
  exitStatus(): ExitStatus | undefined;
  /** The tail of what the process wrote to stdout and stderr: what a failing test should show. */
  output(): string;
  /** SIGTERM, as an orchestrator would; SIGKILL if it has not exited within the timeout. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
// A test that crashes before its afterAll must not leave services holding ports and databases.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function spawnTypeScript(
  entry: string,
  env: Record<string, string>,
  logFile?: string,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    // Two sources into one file: neither may end it while the other still writes ("write after end").
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('close', () => log.end());
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { child, output: () => output };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exited(child: ChildProcess): Promise<void> {
  return hasExited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a service as its own process (`node --import tsx <entry>`), exactly as it runs alone. */
export function startServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  const { child, output } = spawnTypeScript(
    options.entry,
    { ...options.env, PORT: String(options.port) },
    options.logFile,
  );
  if (child.pid === undefined) throw new Error(`${options.name} did not start: ${output()}`);
  const origin = `http://127.0.0.1:${options.port}`;
  return {
    name: options.name,
    port: options.port,
    pid: child.pid,
    origin,
    graphqlUrl: `${origin}/graphql`,
    hasExited: () => hasExited(child),
    whenExited: () => exited(child),
    exitStatus: () => (hasExited(child) ? { code: child.exitCode, signal: child.signalCode } : undefined),
    output,
    async stop(timeoutMs = 15_000) {
      if (hasExited(child)) return;
      child.kill('SIGTERM');
      const deadline = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited(child);
      clearTimeout(deadline);
    },
  };
}

/** Polls `<origin><path>` until it answers 200; fails at once, with the output, if the process died. */
export async function waitUntilReady(
  service: ServiceProcess,
  { path: probePath = '/health/ready', timeoutMs = 60_000 }: { path?: string; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'no answer yet';
  while (Date.now() < deadline) {
    if (service.hasExited())
      throw new Error(`${service.name} exited before it was ready:\n${service.output()}`);
    try {
      const response = await fetch(`${service.origin}${probePath}`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastAnswer = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastAnswer = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.name} not ready within ${timeoutMs} ms (${lastAnswer}):\n${service.output()}`);
}

/** Starts a service and resolves once its readiness probe answers 200. */
export async function startReadyService(
  options: ServiceProcessOptions,
  timeoutMs?: number,
): Promise<ServiceProcess> {
  const service = startServiceProcess(options);
  try {
    await waitUntilReady(service, { timeoutMs });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

/** Runs a one-off TypeScript script (e.g. a migration) to completion; throws with its output if it fails. */
export async function runScript(
  entry: string,
  env: Record<string, string> = {},
  logFile?: string,
): Promise<void> {
  const { child, output } = spawnTypeScript(entry, env, logFile);
  // 'close', not 'exit': only then has all of the script's output been read, for the error below.
  await new Promise((resolve) => child.once('close', resolve));
  if (child.exitCode !== 0) {
    throw new Error(`${entry} failed (exit ${child.exitCode ?? child.signalCode}):\n${output()}`);
  }
}

// The platform's conventions, so every subgraph's end-to-end test starts services the same way.

function variablePrefix(serviceName: string): string {
  return serviceName.toUpperCase().replace(/-/g, '_');
}

export interface SubgraphUnderTest {
  name: string;
  database: TestDatabase;
  /** The running process; `restart()` replaces it. */
  process: ServiceProcess;
  /** Starts the subgraph again on the same port and database, e.g. after `process.stop()`. */
  restart(): Promise<ServiceProcess>;
  /** Stops the process and drops its database. */
  stop(): Promise<void>;
}

/**
 * A subgraph as its own process on a fresh database: `apps/<name>/src/migrate.ts` migrates it as the
 * owner (`<NAME>_MIGRATION_DATABASE_URL`), then `apps/<name>/src/main.ts` serves it as the application
 * role (`<NAME>_DATABASE_URL`), so row-level security applies as in production. Resolves once
 * `/health/ready` answers.
 */
export async function startSubgraphProcess(
  name: string,
  env: Record<string, string> = {},
): Promise<SubgraphUnderTest> {
  const database = await createTestDatabase(`${name}_e2e`);
  const prefix = variablePrefix(name);
  const serviceEnv = {
    ...env,
    [`${prefix}_DATABASE_URL`]: database.appUrl,
    [`${prefix}_MIGRATION_DATABASE_URL`]: database.ownerUrl,
  };
  try {
    await runScript(`apps/${name}/src/migrate.ts`, serviceEnv);
    const options = { name, entry: `apps/${name}/src/main.ts`, port: await freePort(), env: serviceEnv };
    const subgraph: SubgraphUnderTest = {
      name,
      database,
      process: await startReadyService(options),
      async restart() {
        subgraph.process = await startReadyService(options);
        return subgraph.process;
      },
      async stop() {
        await subgraph.process.stop();
        await database.drop();
      },
    };
    return subgraph;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * The gateway as its own process (`apps/gateway/src/main.ts`, the committed supergraph) in front of
 * the given subgraphs, each reached through its `<NAME>_URL`. Resolves once `/health/ready` answers.
 */
export async function startGatewayProcess(
  subgraphs: Pick<SubgraphUnderTest, 'name' | 'process'>[],
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const subgraphUrls = Object.fromEntries(
    subgraphs.map((subgraph) => [`${variablePrefix(subgraph.name)}_URL`, subgraph.process.graphqlUrl]),
  );
  return startReadyService({
    name: 'gateway',
    entry: 'apps/gateway/src/main.ts',
    port: await freePort(),
    env: { ...env, ...subgraphUrls },
  });
}
