import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout, one object a line, with the service name on every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
  });
}
