import { InfraError } from './infra-error';

export const DEFAULT_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

export interface BrokerAddress {
  host: string;
  port: number;
}

export interface InfraSettings {
  /** A superuser connection: creating databases and roles needs one. */
  postgresAdminUrl: string;
  /** Set as crm_app's password when given; local servers trust loopback connections without one. */
  crmAppPassword: string | undefined;
  kafkaBrokers: BrokerAddress[];
}

export function readInfraSettings(env: NodeJS.ProcessEnv): InfraSettings {
  return {
    postgresAdminUrl: parsePostgresUrl(env.POSTGRES_ADMIN_URL || DEFAULT_POSTGRES_ADMIN_URL),
    crmAppPassword: env.CRM_APP_PASSWORD || undefined,
    kafkaBrokers: parseKafkaBrokers(env.KAFKA_BROKERS || DEFAULT_KAFKA_BROKERS),
  };
}

function parsePostgresUrl(value: string): string {
  const isPostgresUrl = URL.canParse(value) && ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  if (!isPostgresUrl) {
    throw new InfraError(`POSTGRES_ADMIN_URL must look like ${DEFAULT_POSTGRES_ADMIN_URL}, got "${value}"`);
  }
  return value;
}

/** Parses KAFKA_BROKERS: comma-separated `host:port` pairs, as kafkajs takes them. */
export function parseKafkaBrokers(value: string): BrokerAddress[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    throw new InfraError(`KAFKA_BROKERS must list at least one host:port, like ${DEFAULT_KAFKA_BROKERS}`);
  }
  return entries.map((entry) => {
    const match = /^([^\s:]+):(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      throw new InfraError(`KAFKA_BROKERS: "${entry}" is not host:port (like ${DEFAULT_KAFKA_BROKERS})`);
    }
    return { host: match[1], port };
  });
}

export function formatBrokers(brokers: BrokerAddress[]): string[] {
  return brokers.map(({ host, port }) => `${host}:${port}`);
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The URL with any password replaced, fit for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
