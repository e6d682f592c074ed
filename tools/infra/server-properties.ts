import type { BrokerAddress } from './settings';

export interface ServerPropertiesInput {
  broker: BrokerAddress;
  /** Absolute: the broker resolves relative paths against its own working directory. */
  dataDir: string;
}

/** The KRaft controller listens on the port after the broker's (9092 → 9093). */
export function controllerPortFor(broker: BrokerAddress): number {
  return broker.port + 1;
}

/** Fills the {{PLACEHOLDERS}} of infra/kafka/server.properties.template. */
export function renderServerProperties(template: string, { broker, dataDir }: ServerPropertiesInput): string {
  const values: Record<string, string> = {
    BROKER_HOST: broker.host,
    BROKER_PORT: String(broker.port),
    CONTROLLER_PORT: String(controllerPortFor(broker)),
    DATA_DIR: dataDir,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(`server.properties template: unknown placeholder ${placeholder}`);
    return value;
  });
}
