import { brokerFailureCause } from './kafka-log';

describe('brokerFailureCause', () => {
  it('gives the first ERROR and the exception that explains it', () => {
    const log = [
      '[2026-11-26 18:02:23,101] INFO [BrokerServer id=1] Starting broker (kafka.server.BrokerServer)',
      '[2026-11-26 18:02:23,500] ERROR Unable to start acceptor for ListenerName(PLAINTEXT) (kafka.network.DataPlaneAcceptor)',
      'org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.',
      '\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:734)',
      '[2026-11-26 18:02:23,600] ERROR [BrokerServer id=1] Fatal error during broker startup. (kafka.server.BrokerServer)',
    ].join('\n');
    expect(brokerFailureCause(log)).toBe(
      'Unable to start acceptor for ListenerName(PLAINTEXT) (kafka.network.DataPlaneAcceptor) — org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.',
    );
  });

  it('gives the ERROR alone when no exception follows it', () => {
    const log =
      '[2026-11-26 18:02:23,600] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)\n[x] INFO bye';
    expect(brokerFailureCause(log)).toBe('Exiting Kafka due to fatal exception (kafka.Kafka$)');
  });

  it('gives nothing for a log without errors', () => {
    expect(brokerFailureCause('[2026-11-26 18:02:23,101] INFO started (kafka.Kafka)\n')).toBeUndefined();
  });
});
