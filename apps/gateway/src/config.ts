import path from 'node:path';
import { z } from 'zod';
import { baseConfigShape, loadConfig, parseConfig } from '@crm/service-runtime';
import { readSubgraphList, type SubgraphEntry } from '@crm/subgraph-list';

const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const gatewaySettingsShape = {
  ...baseConfigShape,
  PORT: baseConfigShape.PORT.default(4000),
  /** The composed supergraph (tools/schema/compose-supergraph.ts); the gateway never introspects. */
  SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '../supergraph.graphql')),
  MAX_DEPTH: limit(12),
  MAX_ALIASES: limit(15),
  MAX_TOKENS: limit(2000),
  MAX_COST: limit(5000),
  /** A subgraph that accepts the connection but never answers must not hold the client forever. */
  SUBGRAPH_TIMEOUT_MS: limit(10000),
};

type GatewaySettings = z.infer<z.ZodObject<typeof gatewaySettingsShape>>;

export type GatewayConfig = GatewaySettings & {
  /** Where each subgraph is reached at runtime, by subgraph name (`<NAME>_URL` overrides). */
  subgraphUrls: Record<string, string>;
};

/** `accounts` → `ACCOUNTS_URL`: deployments point the gateway elsewhere without recomposing. */
export function urlVariableOf(subgraphName: string): string {
  return `${subgraphName.toUpperCase().replace(/-/g, '_')}_URL`;
}

function subgraphUrlShape(subgraphs: SubgraphEntry[]) {
  return Object.fromEntries(
    subgraphs.map((subgraph) => [urlVariableOf(subgraph.name), z.url().default(subgraph.url)]),
  );
}

function readGatewayConfig(
  read: typeof parseConfig,
  env: NodeJS.ProcessEnv,
  subgraphs: SubgraphEntry[],
): GatewayConfig {
  const settings = read(gatewaySettingsShape, env);
  const urls = read(subgraphUrlShape(subgraphs), env);
  return {
    ...settings,
    subgraphUrls: Object.fromEntries(
      subgraphs.map((subgraph) => [subgraph.name, urls[urlVariableOf(subgraph.name)]]),
    ),
  };
}

/** Throws ConfigError: for tests and tools. */
export function parseGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
  subgraphs = readSubgraphList(),
): GatewayConfig {
  return readGatewayConfig(parseConfig, env, subgraphs);
}

/** Prints one line and exits on a bad value: for start-up. */
export function loadGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
  subgraphs = readSubgraphList(),
): GatewayConfig {
  return readGatewayConfig(loadConfig, env, subgraphs);
}
