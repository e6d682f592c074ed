/**
 * There is no Docker engine in CI, so docker-compose.yml is checked against the code instead:
 * every subgraph of apps/gateway/subgraphs.json must be deployable from it as the code expects.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { portOf, readSubgraphList } from '@crm/subgraph-list';

const repoRoot = path.resolve(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const subgraphs = readSubgraphList();

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

describe('docker-compose.yml', () => {
  it.each(subgraphs.map((subgraph) => [subgraph.name, subgraph]))(
    'runs the %s subgraph from its own Dockerfile on the port the gateway expects, after its migrations',
    (name, subgraph) => {
      const port = portOf(subgraph);
      const app = service(name);
      const upper = name.toUpperCase();
      expect(app.build?.dockerfile).toBe(`apps/${name}/Dockerfile`);
      expect(existsSync(path.join(repoRoot, `apps/${name}/Dockerfile`))).toBe(true);
      expect(String(app.environment?.['PORT'])).toBe(String(port));
      expect(app.ports).toContain(`${port}:${port}`);
      expect(app.environment?.[`${upper}_DATABASE_URL`]).toMatch(
        new RegExp(`^postgres://crm_app:.*/crm_${name}$`),
      );
      expect(app.environment?.['KAFKA_BROKERS']).toBe('kafka:9092');
      expect(app.depends_on?.[`${name}-migrate`]).toEqual({ condition: 'service_completed_successfully' });

      const migrate = service(`${name}-migrate`);
      expect(migrate.build?.dockerfile).toBe(`apps/${name}/Dockerfile`);
      expect(migrate.command).toEqual(['node', `apps/${name}/dist/migrate.js`]);
      expect(existsSync(path.join(repoRoot, `apps/${name}/src/migrate.ts`))).toBe(true);
      expect(migrate.environment?.[`${upper}_MIGRATION_DATABASE_URL`]).toMatch(
        /^postgres:\/\/postgres:.*@postgres:5432\//,
      );
    },
  );

  it.each(['gateway', ...subgraphs.map((subgraph) => subgraph.name)])(
    'sets only environment variables the %s config knows, so a typo cannot go unnoticed',
    (name) => {
      const known = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
      const configSources = known(`apps/${name}/src/config.ts`) + known('libs/service-runtime/src/config.ts');
      const perSubgraphUrl = /^[A-Z_]+_URL$/;
      const jobs = [name, `${name}-migrate`].filter((job) => compose.services[job]);
      for (const job of jobs) {
        for (const variable of Object.keys(service(job).environment ?? {})) {
          const isKnown =
            configSources.includes(`${variable}:`) || (name === 'gateway' && perSubgraphUrl.test(variable));
          expect({ job, variable, isKnown }).toEqual({ job, variable, isKnown: true });
        }
      }
    },
  );

  it('points the gateway at every subgraph by service name', () => {
    const gateway = service('gateway');
    expect(gateway.build?.dockerfile).toBe('apps/gateway/Dockerfile');
    expect(gateway.ports).toContain('4000:4000');
    for (const subgraph of subgraphs) {
      expect(gateway.environment?.[`${subgraph.name.toUpperCase()}_URL`]).toBe(
        `http://${subgraph.name}:${portOf(subgraph)}/graphql`,
      );
    }
  });

  it('runs the same Kafka version the local bring-up fetches from Maven', () => {
    const pom = readFileSync(path.join(repoRoot, 'infra/kafka/pom.xml'), 'utf8');
    const version = /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
    expect(service('kafka').image).toBe(`apache/kafka:${version}`);
  });

  it('creates every subgraph database in the postgres init script', () => {
    const initSql = readFileSync(path.join(repoRoot, 'infra/postgres/init.sql'), 'utf8');
    for (const subgraph of subgraphs) expect(initSql).toContain(`('crm_${subgraph.name}')`);
  });
});
