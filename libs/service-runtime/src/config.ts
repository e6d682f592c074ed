import { z } from 'zod';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Settings every deployable process reads; each service extends this shape with its own. */
export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  LOG_LEVEL: logLevel.default('info'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .refine((value) => value.split(',').every((broker) => /^[^:\s]+:\d+$/.test(broker.trim())), {
      message: 'must be host:port[,host:port…]',
    }),
  /**
   * Prepended to every topic name and consumer group: lets several environments (or parallel test
   * runs) share one Kafka cluster without reading each other's events. Empty in production.
   */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'may contain only letters, digits, ".", "_" and "-"')
    .default(''),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().default('crm-platform'),
  JWT_AUDIENCE: z.string().default('crm-api'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
};

export type BaseConfig = z.infer<z.ZodObject<typeof baseConfigShape>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a shape. A process must not start half-configured: callers
 * at start-up use `loadConfigOrExit`, which prints this one line and exits.
 */
export function parseConfig<TShape extends z.ZodRawShape>(
  shape: TShape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<TShape>> {
  // An empty variable (`PORT=` in an env file, `${PORT}` of an unset variable in compose) means unset:
  // parsed as given, z.coerce would turn '' into 0 and the service would listen on a random port.
  const provided = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = z.object(shape).safeParse(provided);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  // Checked even when other variables are bad, so one start-up attempt reports everything to fix.
  if (
    'JWT_SECRET' in shape &&
    provided['JWT_SECRET'] === undefined &&
    provided['JWT_JWKS_URL'] === undefined
  ) {
    problems.push('JWT_SECRET or JWT_JWKS_URL must be set');
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

export function loadConfig<TShape extends z.ZodRawShape>(
  shape: TShape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<TShape>> {
  try {
    return parseConfig(shape, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
