import { z } from 'zod';
import { ConfigError, baseConfigShape, loadConfig, parseConfig } from './config';

const SECRET = 'a-test-secret-that-is-32-chars-long!';

function problemsOf(env: NodeJS.ProcessEnv, shape: z.ZodRawShape = baseConfigShape): string[] {
  try {
    parseConfig(shape, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('configuration was accepted');
}

describe('parseConfig', () => {
  it('fills every default when only PORT and a secret are set', () => {
    expect(parseConfig(baseConfigShape, { PORT: '4001', JWT_SECRET: SECRET })).toEqual({
      NODE_ENV: 'development',
      PORT: 4001,
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: '',
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'crm-platform',
      JWT_AUDIENCE: 'crm-api',
      SHUTDOWN_TIMEOUT_MS: 15000,
    });
  });

  it('refuses a topic prefix Kafka could not use in a topic name', () => {
    expect(() =>
      parseConfig(baseConfigShape, { PORT: '4001', JWT_SECRET: SECRET, KAFKA_TOPIC_PREFIX: 'my env/' }),
    ).toThrow(/KAFKA_TOPIC_PREFIX/);
  });

  it('accepts port 0 (pick a free port), as tests use it', () => {
    expect(parseConfig(baseConfigShape, { PORT: '0', JWT_SECRET: SECRET }).PORT).toBe(0);
  });

  it.each([['abc'], ['70000'], ['-1'], ['80.5']])('names PORT when it is %j', (port) => {
    expect(problemsOf({ PORT: port, JWT_SECRET: SECRET })).toEqual([expect.stringMatching(/^PORT /)]);
  });

  it.each([[{}], [{ PORT: '' }]])(
    'names PORT when it is missing or empty (%j), rather than picking a random port',
    (env) => {
      expect(problemsOf({ ...env, JWT_SECRET: SECRET })).toEqual([expect.stringMatching(/^PORT /)]);
    },
  );

  it.each([['localhost'], ['127.0.0.1:9092,broker-2'], ['host:port']])(
    'names KAFKA_BROKERS when it is %j',
    (brokers) => {
      expect(problemsOf({ PORT: '4001', JWT_SECRET: SECRET, KAFKA_BROKERS: brokers })).toEqual([
        'KAFKA_BROKERS must be host:port[,host:port…]',
      ]);
    },
  );

  it('accepts a comma-separated broker list', () => {
    const config = parseConfig(baseConfigShape, {
      PORT: '1',
      JWT_SECRET: SECRET,
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
    });
    expect(config.KAFKA_BROKERS).toBe('kafka-1:9092, kafka-2:9092');
  });

  it('requires a JWT secret or a JWKS URL', () => {
    expect(problemsOf({ PORT: '4001' })).toEqual(['JWT_SECRET or JWT_JWKS_URL must be set']);
  });

  it('reports the missing JWT setting together with other bad variables', () => {
    expect(problemsOf({ PORT: 'x' })).toEqual([
      expect.stringMatching(/^PORT /),
      'JWT_SECRET or JWT_JWKS_URL must be set',
    ]);
  });

  it('treats an empty JWT_SECRET as not set', () => {
    expect(problemsOf({ PORT: '4001', JWT_SECRET: '' })).toEqual(['JWT_SECRET or JWT_JWKS_URL must be set']);
  });

  it('is satisfied by a JWKS URL alone (an external identity provider)', () => {
    const config = parseConfig(baseConfigShape, {
      PORT: '4001',
      JWT_JWKS_URL: 'https://idp.example.test/jwks.json',
    });
    expect(config.JWT_JWKS_URL).toBe('https://idp.example.test/jwks.json');
    expect(config.JWT_SECRET).toBeUndefined();
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(problemsOf({ PORT: '4001', JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET must be at least 32 characters',
    ]);
  });

  it('names JWT_JWKS_URL when it is not a URL', () => {
    expect(problemsOf({ PORT: '4001', JWT_JWKS_URL: 'idp/jwks' })).toEqual([
      expect.stringMatching(/^JWT_JWKS_URL /),
    ]);
  });

  it('does not ask for a JWT setting in a shape that has none (e.g. a tool that only needs Kafka)', () => {
    const shape = { KAFKA_BROKERS: baseConfigShape.KAFKA_BROKERS };
    expect(parseConfig(shape, {})).toEqual({ KAFKA_BROKERS: '127.0.0.1:9092' });
  });

  it("validates a service's own variables beside the base ones", () => {
    const shape = { ...baseConfigShape, ACCOUNTS_DATABASE_URL: z.url() };
    expect(problemsOf({ PORT: '4001', JWT_SECRET: SECRET, ACCOUNTS_DATABASE_URL: 'nope' }, shape)).toEqual([
      expect.stringMatching(/^ACCOUNTS_DATABASE_URL /),
    ]);
  });

  it('reports every bad variable at once, on one line', () => {
    const error = (() => {
      try {
        parseConfig(baseConfigShape, { PORT: 'x', LOG_LEVEL: 'chatty', JWT_SECRET: SECRET });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('configuration was accepted');
    })();
    expect(error.problems).toEqual([expect.stringMatching(/^PORT /), expect.stringMatching(/^LOG_LEVEL /)]);
    expect(error.message).toMatch(/^invalid configuration: PORT .*; LOG_LEVEL /);
    expect(error.message).not.toContain('\n');
  });
});

describe('loadConfig', () => {
  let exit: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit');
    }) as never);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    exit.mockRestore();
    stderr.mockRestore();
  });

  it('returns the parsed configuration when it is valid', () => {
    expect(loadConfig(baseConfigShape, { PORT: '4001', JWT_SECRET: SECRET }).PORT).toBe(4001);
    expect(exit).not.toHaveBeenCalled();
  });

  it('prints one line naming the bad variable and exits with status 1', () => {
    expect(() => loadConfig(baseConfigShape, { PORT: 'http', JWT_SECRET: SECRET })).toThrow('process.exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(stderr).toHaveBeenCalledTimes(1);
    const written = String(stderr.mock.calls[0][0]);
    expect(written).toMatch(/^invalid configuration: PORT [^\n]*\n$/);
  });
});
