import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';
import type { Level, Logger } from 'pino';

type PinoMethod = 'error' | 'warn' | 'info' | 'debug';

const PINO_METHOD_BY_KAFKA_LEVEL: Record<KafkaLogLevel, PinoMethod | undefined> = {
  [KafkaLogLevel.NOTHING]: undefined,
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/**
 * The kafkajs level matching a pino level, so kafkajs does not even build the entries pino would
 * drop (its DEBUG output is large).
 */
export function kafkaLogLevelFor(level: Level | 'silent' | string): KafkaLogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return KafkaLogLevel.DEBUG;
    case 'info':
      return KafkaLogLevel.INFO;
    case 'warn':
      return KafkaLogLevel.WARN;
    case 'error':
    case 'fatal':
      return KafkaLogLevel.ERROR;
    default:
      return KafkaLogLevel.NOTHING;
  }
}

/**
 * Routes kafkajs's own log lines into the service's pino logger as structured JSON, instead of
 * kafkajs's default console output which would break the one-JSON-object-per-line log stream.
 */
export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const method = PINO_METHOD_BY_KAFKA_LEVEL[level];
      if (!method) return;
      // kafkajs repeats its own timestamp and logger name in every entry; pino has both already.
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { message, timestamp, logger: kafkaLoggerName, ...details } = log;
      kafkaLogger[method]({ kafkaNamespace: namespace, ...details }, message);
    };
}
