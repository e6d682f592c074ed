import { readFileSync } from 'node:fs';
import { createLogger, stopOnSignals } from '@crm/service-runtime';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const gateway = await startGateway({ config, logger, supergraphSdl });
  stopOnSignals(gateway, logger, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
