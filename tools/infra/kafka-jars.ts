import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { InfraError } from './infra-error';
import { lastLine, runCommand } from './run-command';

/** Written into the libs folder after a complete fetch; holds the hash of the pom it came from. */
const MARKER_FILE_NAME = '.pom-sha256';

export function pomFingerprint(pomXml: string): string {
  return createHash('sha256').update(pomXml).digest('hex');
}

/** Whether libsDir holds a complete fetch of exactly this pom's dependencies. */
export function areJarsCurrent(libsDir: string, pomXml: string): boolean {
  try {
    return readFileSync(path.join(libsDir, MARKER_FILE_NAME), 'utf8').trim() === pomFingerprint(pomXml);
  } catch {
    return false;
  }
}

export function markJarsCurrent(libsDir: string, pomXml: string): void {
  writeFileSync(path.join(libsDir, MARKER_FILE_NAME), `${pomFingerprint(pomXml)}\n`);
}

/**
 * Copies the pom's dependencies into libsDir with Maven. The folder is emptied first: jars of an
 * older pom left beside the new ones would put two Kafka versions on the classpath. Maven's own
 * ~/.m2 cache makes a re-fetch (after a clean clone, say) download nothing.
 */
export async function fetchJars(pomFile: string, libsDir: string): Promise<void> {
  const pomXml = readFileSync(pomFile, 'utf8');
  rmSync(libsDir, { recursive: true, force: true });
  mkdirSync(libsDir, { recursive: true });
  const { exitCode, output } = await runCommand('mvn', [
    '-q',
    '-B',
    '-f',
    pomFile,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${libsDir}`,
  ]);
  if (exitCode !== 0) {
    throw new InfraError(`kafka: Maven could not fetch the broker jars: ${mavenFailureCause(output)}`);
  }
  markJarsCurrent(libsDir, pomXml);
}

/** Maven's first non-empty [ERROR] line, without the colour codes it prints even in batch mode. */
export function mavenFailureCause(output: string): string {
  const plain = stripVTControlCharacters(output);
  const errorLine = plain.split('\n').find((line) => /\[ERROR\]\s+\S/.test(line));
  return errorLine === undefined ? lastLine(plain) : errorLine.replace(/^.*?\[ERROR\]\s+/, '').trim();
}
