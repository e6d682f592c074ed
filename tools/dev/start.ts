/**
 * `npm start`: infrastructure, migrations, every subgraph, the gateway and a demo tenant, in the
 * foreground until Ctrl-C, which stops everything it started.
 */
import { randomBytes } from 'node:crypto';
import { startReadyService, type ServiceProcess } from '@crm/testing';
import { bringDownInfrastructure, bringUpInfrastructure, type StartedInfrastructure } from '../infra/up-down';
import { migrateAllSubgraphs } from './migrate';
import { seedDemoTenant } from './seed-demo';
import { portOf, readSubgraphList } from '@crm/subgraph-list';
import { logFileOf } from './log-files';
import { startMessageSinks, type MessageSinks } from './message-sinks';

const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 4000);

const running: ServiceProcess[] = [];
let infrastructure: StartedInfrastructure | undefined;
let messageSinks: MessageSinks | undefined;
let stopping = false;

async function stopEverything(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await Promise.all(running.map((service) => service.stop()));
  await messageSinks?.stop();
  if (infrastructure) await bringDownInfrastructure(infrastructure);
  console.log('stopped');
}

async function start(name: string, port: number, env: Record<string, string>): Promise<void> {
  const service = await startReadyService({
    name,
    entry: `apps/${name}/src/main.ts`,
    port,
    env,
    logFile: logFileOf(name),
  });
  running.push(service);
  void service.whenExited().then(() => {
    if (!stopping) console.error(`${name} exited unexpectedly: see ${logFileOf(name)}`);
  });
  console.log(`${name}: ready on :${port}`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopEverything().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopEverything().then(() => process.exit(0)));

  infrastructure = await bringUpInfrastructure();
  messageSinks = await startMessageSinks();
  // A fresh signing secret per run: tokens from an earlier run stop working, which is what a
  // development stack should do. Production sets JWT_SECRET (or JWT_JWKS_URL) explicitly.
  const env = {
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    MARKETING_LINK_SECRET: process.env.MARKETING_LINK_SECRET ?? randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    SMTP_URL: messageSinks.smtpUrl,
    SMS_PROVIDER_URL: messageSinks.smsProviderUrl,
  };
  await migrateAllSubgraphs(env);
  for (const subgraph of readSubgraphList()) await start(subgraph.name, portOf(subgraph), env);
  await start('gateway', GATEWAY_PORT, env);

  const endpoint = `http://localhost:${GATEWAY_PORT}/graphql`;
  const demo = await seedDemoTenant(endpoint);
  console.log(`
CRM platform running. GraphQL endpoint: ${endpoint}
Demo tenant "${demo.tenantName}" with ${demo.accounts} accounts. Log in with:
  mutation { login(email: "${demo.email}", password: "${demo.password}") { token } }
then send  Authorization: Bearer <token>.  Logs: .infra/logs/.  Mail sent: ${messageSinks.mailDirectory}.
Ctrl-C stops everything.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopEverything();
  process.exit(1);
});
