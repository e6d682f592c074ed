import { InfraError } from './infra-error';
import { isLoopbackHost, parseKafkaBrokers, readInfraSettings, redactUrl } from './settings';

describe('parseKafkaBrokers', () => {
  it('reads one host:port', () => {
    expect(parseKafkaBrokers('127.0.0.1:9092')).toEqual([{ host: '127.0.0.1', port: 9092 }]);
  });

  it('reads a comma-separated list, ignoring blanks around entries', () => {
    expect(parseKafkaBrokers(' kafka-1:9092 , kafka-2:19092,')).toEqual([
      { host: 'kafka-1', port: 9092 },
      { host: 'kafka-2', port: 19092 },
    ]);
  });

  it.each(['', 'localhost', 'localhost:', ':9092', 'localhost:0', 'localhost:70000', 'localhost:90x2'])(
    'refuses %p with a message naming KAFKA_BROKERS',
    (value) => {
      expect(() => parseKafkaBrokers(value)).toThrow(InfraError);
      expect(() => parseKafkaBrokers(value)).toThrow(/KAFKA_BROKERS/);
    },
  );
});

describe('readInfraSettings', () => {
  it('defaults to the local superuser and the local broker', () => {
    expect(readInfraSettings({})).toEqual({
      postgresAdminUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      crmAppPassword: undefined,
      kafkaBrokers: [{ host: '127.0.0.1', port: 9092 }],
    });
  });

  it('takes the environment over the defaults', () => {
    const settings = readInfraSettings({
      POSTGRES_ADMIN_URL: 'postgresql://admin:secret@db:5433/postgres',
      CRM_APP_PASSWORD: 'app-secret',
      KAFKA_BROKERS: 'localhost:29092',
    });
    expect(settings).toEqual({
      postgresAdminUrl: 'postgresql://admin:secret@db:5433/postgres',
      crmAppPassword: 'app-secret',
      kafkaBrokers: [{ host: 'localhost', port: 29092 }],
    });
  });

  it('refuses an admin URL that is not a PostgreSQL URL', () => {
    expect(() => readInfraSettings({ POSTGRES_ADMIN_URL: 'mysql://root@localhost/test' })).toThrow(
      /POSTGRES_ADMIN_URL/,
    );
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['10.0.0.5', false],
    ['kafka', false],
  ])('%s → %p', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://admin:secret@db:5432/postgres')).toBe(
      'postgres://admin:***@db:5432/postgres',
    );
  });

  it('leaves a URL without password unchanged', () => {
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });
});
