import { readFileSync } from 'node:fs';
import { infraPaths } from './paths';
import { renderServerProperties } from './server-properties';
import { parseKafkaBrokers } from './settings';

function renderForBrokers(kafkaBrokers: string): Map<string, string> {
  const template = readFileSync(infraPaths.kafkaPropertiesTemplate, 'utf8');
  const [broker] = parseKafkaBrokers(kafkaBrokers);
  const rendered = renderServerProperties(template, { broker, dataDir: '/repo/.infra/kafka/data' });
  const properties = rendered
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]);
  return new Map(properties);
}

describe('renderServerProperties', () => {
  it('listens where KAFKA_BROKERS points, with the controller on the next port', () => {
    const properties = renderForBrokers('127.0.0.1:9092');
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
  });

  it('follows another host and port', () => {
    const properties = renderForBrokers('localhost:29092');
    expect(properties.get('listeners')).toBe('PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093');
    expect(properties.get('controller.quorum.voters')).toBe('1@localhost:29093');
  });

  it('keeps the data in the given absolute folder', () => {
    expect(renderForBrokers('127.0.0.1:9092').get('log.dirs')).toBe('/repo/.infra/kafka/data');
  });

  it('configures a single-node KRaft broker that tests can use at once', () => {
    const properties = renderForBrokers('127.0.0.1:9092');
    expect(Object.fromEntries(properties)).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.listener.names': 'CONTROLLER',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'true',
      'num.partitions': '6',
      'log.retention.hours': '168',
    });
  });

  it('leaves no placeholder unfilled', () => {
    const template = readFileSync(infraPaths.kafkaPropertiesTemplate, 'utf8');
    const [broker] = parseKafkaBrokers('127.0.0.1:9092');
    expect(renderServerProperties(template, { broker, dataDir: '/data' })).not.toMatch(/\{\{|\}\}/);
  });

  it('refuses a template with a placeholder it does not know', () => {
    const [broker] = parseKafkaBrokers('127.0.0.1:9092');
    expect(() => renderServerProperties('x={{NODE_NAME}}', { broker, dataDir: '/data' })).toThrow(
      /NODE_NAME/,
    );
  });
});
