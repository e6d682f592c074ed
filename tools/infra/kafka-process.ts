import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InfraError } from './infra-error';
import { REPO_ROOT, infraPaths } from './paths';
import { isProcessAlive, processCommandLine, readPidFile, waitForExit } from './process-control';
import { lastLine, runCommand } from './run-command';
import { renderServerProperties } from './server-properties';
import type { BrokerAddress } from './settings';

const BROKER_MAIN_CLASS = 'kafka.Kafka';
const STORAGE_TOOL_CLASS = 'kafka.tools.StorageTool';

/** The JVM expands a trailing `*` in a classpath entry to every jar in that folder. */
const CLASSPATH = path.join(infraPaths.kafkaLibsDir, '*');
const LOG4J_OPTION = `-Dlog4j.configuration=file:${infraPaths.kafkaLog4jConfig}`;

function serverPropertiesFor(broker: BrokerAddress): string {
  const template = readFileSync(infraPaths.kafkaPropertiesTemplate, 'utf8');
  return renderServerProperties(template, { broker, dataDir: infraPaths.kafkaDataDir });
}

export function writeServerProperties(broker: BrokerAddress): void {
  mkdirSync(path.dirname(infraPaths.kafkaServerProperties), { recursive: true });
  writeFileSync(infraPaths.kafkaServerProperties, serverPropertiesFor(broker));
}

/** Whether the broker infra:up started last was configured to listen at this address. */
export function wasStartedFor(broker: BrokerAddress): boolean {
  try {
    return readFileSync(infraPaths.kafkaServerProperties, 'utf8') === serverPropertiesFor(broker);
  } catch {
    return false;
  }
}

/** Formats the KRaft storage once; returns false when it already was (meta.properties exists). */
export async function formatStorageOnce(): Promise<boolean> {
  if (existsSync(path.join(infraPaths.kafkaDataDir, 'meta.properties'))) return false;
  const clusterId = lastLine((await runStorageTool(['random-uuid'])).stdout);
  await runStorageTool(['format', '-t', clusterId, '-c', infraPaths.kafkaServerProperties]);
  return true;
}

async function runStorageTool(args: string[]): Promise<{ stdout: string }> {
  const result = await runCommand('java', ['-cp', CLASSPATH, LOG4J_OPTION, STORAGE_TOOL_CLASS, ...args]);
  if (result.exitCode !== 0) {
    throw new InfraError(`kafka: StorageTool ${args[0]} failed (${lastLine(result.output)})`);
  }
  return result;
}

export interface BrokerProcess {
  pid: number;
  /** Why the process is no longer running, or undefined while it runs. */
  exitReason: () => string | undefined;
}

/**
 * Starts the broker detached, in its own process group with its output in the log file, so that it
 * outlives this script (and a Ctrl-C of `npm start`), and records its pid for infra:down.
 */
export function startBrokerProcess(): BrokerProcess {
  mkdirSync(path.dirname(infraPaths.kafkaLogFile), { recursive: true });
  const logFd = openSync(infraPaths.kafkaLogFile, 'w');
  try {
    const child = spawn(
      'java',
      ['-Xmx512m', LOG4J_OPTION, '-cp', CLASSPATH, BROKER_MAIN_CLASS, infraPaths.kafkaServerProperties],
      { cwd: REPO_ROOT, detached: true, stdio: ['ignore', logFd, logFd] },
    );
    let exitReason: string | undefined;
    child.on('exit', (code, signal) => (exitReason = `the broker exited with ${signal ?? `code ${code}`}`));
    child.on('error', (error) => (exitReason = `java failed to start: ${error.message}`));
    if (child.pid === undefined) throw new InfraError('kafka: could not start `java`');
    child.unref();
    writeFileSync(infraPaths.kafkaPidFile, `${child.pid}\n`);
    return { pid: child.pid, exitReason: () => exitReason };
  } finally {
    closeSync(logFd);
  }
}

/**
 * The pid of the broker that infra:up started, when it still runs. The command line is checked too:
 * after a reboot the recorded pid may belong to an unrelated process, which must never be signalled.
 */
export function runningStartedBrokerPid(): number | undefined {
  const pid = readPidFile(infraPaths.kafkaPidFile);
  if (pid === undefined || !isProcessAlive(pid)) return undefined;
  const commandLine = processCommandLine(pid) ?? '';
  const isOurBroker =
    commandLine.includes(BROKER_MAIN_CLASS) && commandLine.includes(infraPaths.kafkaServerProperties);
  return isOurBroker ? pid : undefined;
}

export function forgetStartedBroker(): void {
  rmSync(infraPaths.kafkaPidFile, { force: true });
}

/** Kafka needs a few seconds for a controlled shutdown; past this it is killed. */
const GRACEFUL_STOP_TIMEOUT_MS = 20_000;

/** SIGTERM, then SIGKILL if the broker is still there after 20 s; then forgets the pid. */
export async function stopBrokerProcess(pid: number): Promise<'stopped' | 'killed'> {
  signalIfAlive(pid, 'SIGTERM');
  let outcome: 'stopped' | 'killed' = 'stopped';
  if (!(await waitForExit(pid, GRACEFUL_STOP_TIMEOUT_MS))) {
    signalIfAlive(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
    outcome = 'killed';
  }
  forgetStartedBroker();
  return outcome;
}

/** Sends a signal, tolerating a process that exited on its own in the meantime. */
function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
