import { Writable } from 'node:stream';
import { logLevel as KafkaLogLevel } from 'kafkajs';
import pino from 'pino';
import { kafkaLogLevelFor, pinoLogCreator } from './kafka-logging';

function capturingLogger(level: pino.Level) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe('pinoLogCreator', () => {
  it('writes a kafkajs entry as one structured pino line at the matching level', async () => {
    const { logger, lines } = capturingLogger('debug');
    const log = pinoLogCreator(logger)(KafkaLogLevel.DEBUG);

    log({
      namespace: 'Consumer',
      level: KafkaLogLevel.WARN,
      label: 'WARN',
      log: {
        message: 'group is rebalancing',
        timestamp: '2026-01-01T00:00:00Z',
        logger: 'kafkajs',
        groupId: 'g1',
      },
    });
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'group is rebalancing',
      kafkaNamespace: 'Consumer',
      groupId: 'g1',
      component: 'kafkajs',
    });
    expect(lines[0]).not.toHaveProperty('timestamp');
    expect(lines[0]).not.toHaveProperty('logger');
  });
});

describe('kafkaLogLevelFor', () => {
  it.each([
    ['trace', KafkaLogLevel.DEBUG],
    ['debug', KafkaLogLevel.DEBUG],
    ['info', KafkaLogLevel.INFO],
    ['warn', KafkaLogLevel.WARN],
    ['error', KafkaLogLevel.ERROR],
    ['fatal', KafkaLogLevel.ERROR],
    ['silent', KafkaLogLevel.NOTHING],
  ])('maps pino %s to the kafkajs level that logs no more than pino keeps', (pinoLevel, kafkaLevel) => {
    expect(kafkaLogLevelFor(pinoLevel)).toBe(kafkaLevel);
  });
});
