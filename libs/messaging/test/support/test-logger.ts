import pino, { type Logger } from 'pino';

/** Silent unless TEST_LOG_LEVEL asks otherwise (e.g. TEST_LOG_LEVEL=debug to watch kafkajs). */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
