import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { areJarsCurrent, markJarsCurrent, mavenFailureCause, pomFingerprint } from './kafka-jars';

const POM = '<project><version>3.9.1</version></project>';

describe('the jar marker', () => {
  let libsDir: string;

  beforeEach(() => {
    libsDir = mkdtempSync(path.join(os.tmpdir(), 'crm-kafka-libs-'));
  });

  afterEach(() => rmSync(libsDir, { recursive: true, force: true }));

  it('fingerprints a pom by its content', () => {
    expect(pomFingerprint(POM)).toBe(pomFingerprint(POM));
    expect(pomFingerprint(POM)).not.toBe(pomFingerprint(POM.replace('3.9.1', '3.9.2')));
  });

  it('treats a folder without marker as needing a fetch, even with jars in it', () => {
    writeFileSync(path.join(libsDir, 'kafka_2.13-3.9.1.jar'), '');
    expect(areJarsCurrent(libsDir, POM)).toBe(false);
  });

  it('treats a missing folder as needing a fetch', () => {
    expect(areJarsCurrent(path.join(libsDir, 'absent'), POM)).toBe(false);
  });

  it('accepts the folder once marked for the same pom', () => {
    markJarsCurrent(libsDir, POM);
    expect(areJarsCurrent(libsDir, POM)).toBe(true);
  });

  it('asks for a new fetch when the pom changed after marking', () => {
    markJarsCurrent(libsDir, POM);
    expect(areJarsCurrent(libsDir, POM.replace('3.9.1', '3.9.2'))).toBe(false);
  });
});

describe('mavenFailureCause', () => {
  it("gives Maven's first [ERROR] with content, without colour codes", () => {
    const output = [
      '\x1b[0m\x1b[0m[ERROR] Failed to execute goal on project kafka-broker-runtime: Could not resolve dependencies',
      '[ERROR] ',
      '[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.',
    ].join('\n');
    expect(mavenFailureCause(output)).toBe(
      'Failed to execute goal on project kafka-broker-runtime: Could not resolve dependencies',
    );
  });

  it('falls back to the last line when Maven printed no [ERROR]', () => {
    expect(mavenFailureCause('Error: JAVA_HOME is not defined correctly.\n')).toBe(
      'Error: JAVA_HOME is not defined correctly.',
    );
  });
});
