import { Kafka, logLevel, type Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatBrokers, type BrokerAddress } from './settings';

/** A consumer group nobody uses: asking for it proves the broker's group coordinator is up. */
const READINESS_PROBE_GROUP = 'crm-infra-readiness-probe';

/**
 * Runs `work` with a connected kafkajs admin. Short timeouts and no retries: callers poll when they
 * want to wait, and a broker that is not there should be reported in about a second. kafkajs' own
 * logging is off; its errors still reach the caller.
 */
export async function withKafkaAdmin<T>(
  brokers: BrokerAddress[],
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const kafka = new Kafka({
    clientId: 'crm-infra',
    brokers: formatBrokers(brokers),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Whether a broker answers a metadata request. */
export async function doesBrokerAnswer(brokers: BrokerAddress[]): Promise<boolean> {
  try {
    await withKafkaAdmin(brokers, (admin) => admin.describeCluster());
    return true;
  } catch {
    return false;
  }
}

/** Whether the broker answers metadata requests and can coordinate consumer groups. */
async function isBrokerReady(brokers: BrokerAddress[]): Promise<boolean> {
  try {
    await withKafkaAdmin(brokers, async (admin) => {
      await admin.describeCluster();
      await admin.describeGroups([READINESS_PROBE_GROUP]);
    });
    return true;
  } catch {
    return false;
  }
}

export interface ReadinessWait {
  timeoutMs: number;
  /** Polled between attempts: a reason to stop waiting (the broker process exited, say), or undefined. */
  reasonToGiveUp?: () => string | undefined;
}

/** Resolves once the broker is ready; rejects with the reason it will not become ready. */
export async function waitForBrokerReady(brokers: BrokerAddress[], wait: ReadinessWait): Promise<void> {
  const deadline = Date.now() + wait.timeoutMs;
  while (!(await isBrokerReady(brokers))) {
    const reason = wait.reasonToGiveUp?.();
    if (reason !== undefined) throw new Error(reason);
    if (Date.now() >= deadline) throw new Error(`not ready after ${wait.timeoutMs / 1000} s`);
    await sleep(500);
  }
}
