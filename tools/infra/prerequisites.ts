import { InfraError } from './infra-error';
import { isCommandOnPath, runCommand } from './run-command';

const MINIMUM_JAVA_MAJOR_VERSION = 17;

/**
 * The major version in `java -version` output: `openjdk version "17.0.15"` → 17, and the old
 * scheme `java version "1.8.0_392"` → 8.
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

async function installedJavaMajorVersion(): Promise<number | undefined> {
  if (!isCommandOnPath('java')) return undefined;
  const { output } = await runCommand('java', ['-version']);
  return parseJavaMajorVersion(output);
}

/**
 * Fails with the one line that names the ways out when this machine cannot run a Kafka broker
 * from jars. Maven is only needed when the jars are not fetched yet.
 */
export async function requireKafkaToolchain(
  brokerLabel: string,
  options: { needsMaven: boolean },
): Promise<void> {
  const javaVersion = await installedJavaMajorVersion();
  const hasJava = javaVersion !== undefined && javaVersion >= MINIMUM_JAVA_MAJOR_VERSION;
  const hasMaven = !options.needsMaven || isCommandOnPath('mvn');
  if (!hasJava || !hasMaven) {
    throw new InfraError(
      `no Kafka at ${brokerLabel} and no Java ${MINIMUM_JAVA_MAJOR_VERSION}+/Maven to start one: install Java ${MINIMUM_JAVA_MAJOR_VERSION} and Maven, or run \`docker compose up -d kafka\``,
    );
  }
}
