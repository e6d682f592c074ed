import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from 'pino';
import { ServiceMetrics, createAccessTokenVerifier } from '@crm/service-runtime';
import type { GatewayConfig } from './config';
import { createErrorFormatter } from './error-formatting';
import { gatewayHealthRouter } from './health';
import { operationLimits } from './limits';
import { createRequestContext, type GatewayContext } from './request-context';
import { SubgraphDataSource } from './subgraph-data-source';
import { subgraphsInSupergraph } from './supergraph-subgraphs';

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  /** The composed supergraph's SDL (apps/gateway/supergraph.graphql in production). */
  supergraphSdl: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const HEALTH_PROBE_TIMEOUT_MS = 2000;

/** Starts the gateway: /graphql, /health/live, /health/ready and /metrics on one port. */
export async function startGateway({
  config,
  logger,
  supergraphSdl,
}: GatewayOptions): Promise<RunningGateway> {
  // Apollo's gateway otherwise reports anonymous usage data to Apollo when it is constructed;
  // set here rather than only in main so that tests never phone home either.
  process.env['APOLLO_TELEMETRY_DISABLED'] = '1';
  const isProduction = config.NODE_ENV === 'production';
  const subgraphs = subgraphsInSupergraph(supergraphSdl).map(({ name, url }) => ({
    name,
    url: config.subgraphUrls[name] ?? url,
  }));
  const urlOf = new Map(subgraphs.map(({ name, url }) => [name, url]));
  const endpointOf = (name: string): string => {
    const url = urlOf.get(name);
    if (!url) throw new Error(`subgraph ${name} is not in the supergraph`);
    return url;
  };

  const metrics = new ServiceMetrics('gateway');
  const unavailable = metrics.counter('gateway_subgraph_unavailable_total', 'Subgraph fetches that failed', [
    'subgraph',
  ]);

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: logger.child({ component: 'apollo-gateway' }),
    buildService: ({ name }) =>
      new SubgraphDataSource({
        name,
        url: endpointOf(name),
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        logger,
        onUnavailable: (subgraph) => unavailable.inc({ subgraph }),
      }),
  });

  const app = express();
  const httpServer = http.createServer(app);
  let isDraining = false;

  const limits = operationLimits(config, isProduction);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    // Shutdown belongs to stopOnSignals (main.ts); Apollo's own handler would stop the server and
    // re-raise the signal, which stopOnSignals takes for a second signal and exits with 1.
    stopOnTerminationSignals: false,
    introspection: !isProduction,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    includeStacktraceInErrorResponses: limits.includeStacktraceInErrorResponses,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: createErrorFormatter({ isProduction, logger }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      ...(isProduction ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  // Loads the supergraph; an invalid one fails here, so a gateway that listens has one.
  await apollo.start();

  app.use(metrics.httpMiddleware());
  app.use(
    gatewayHealthRouter({
      subgraphs,
      isDraining: () => isDraining,
      probeTimeoutMs: HEALTH_PROBE_TIMEOUT_MS,
    }),
  );
  app.use(metrics.router());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: createRequestContext(createAccessTokenVerifier(config)) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port, subgraphs }, 'gateway listening');

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    async stop() {
      isDraining = true;
      // Drains in-flight requests, closes the HTTP server and stops the gateway.
      await apollo.stop();
    },
  };
}
