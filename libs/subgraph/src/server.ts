import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { Kind, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import {
  ServiceMetrics,
  authenticateRequest,
  createAccessTokenVerifier,
  healthRouter,
  type BaseConfig,
  type Caller,
  type ReadinessCheck,
} from '@crm/service-runtime';
import { enforceAccessRules, type AccessRules } from './access-rules';
import { requireTokenPlugin } from './authentication';
import type { SubgraphContext } from './context';
import { createErrorFormatter, errorRequestIds } from './error-formatting';
import { operationMetricsPlugin } from './operation-metrics';
import { DateTimeScalar, JSONScalar } from './scalars';

export interface SubgraphOptions<TLoaders> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  accessRules: AccessRules;
  config: BaseConfig;
  logger: Logger;
  createLoaders: (caller: Caller | null) => TLoaders;
  readinessChecks: ReadinessCheck[];
  /** Run in order after HTTP has drained: stop consumers and relays, then close pools. */
  onShutdown: Array<() => Promise<void>>;
  /** Lets the service add its own gauges (pool sizes, relay backlog, consumer lag). */
  registerMetrics?: (metrics: ServiceMetrics) => void;
  /**
   * HTTP endpoints beside /graphql (public tracking links, uploads). They are served, drained and
   * measured like /graphql; `authenticate` gives a route the same caller /graphql would see.
   */
  httpRoutes?: (tools: HttpRouteTools) => express.Router;
}

export interface HttpRouteTools {
  /** The caller of a request's bearer token; null without one; throws on a malformed or invalid one. */
  authenticate(request: express.Request): Promise<Caller | null>;
  logger: Logger;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

function declaredScalars(typeDefs: DocumentNode): Set<string> {
  return new Set(
    typeDefs.definitions.flatMap((definition) =>
      definition.kind === Kind.SCALAR_TYPE_DEFINITION ? [definition.name.value] : [],
    ),
  );
}

function withScalars<TContext>(
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap<TContext>,
): GraphQLResolverMap<TContext> {
  const scalars = declaredScalars(typeDefs);
  return {
    ...(scalars.has('DateTime') ? { DateTime: DateTimeScalar } : {}),
    ...(scalars.has('JSON') ? { JSON: JSONScalar } : {}),
    ...resolvers,
  } as GraphQLResolverMap<TContext>;
}

/**
 * Every hook runs even when an earlier one fails: a consumer that could not disconnect must not
 * keep the database pool open. The first failure is rethrown once all have run.
 */
async function runShutdownHooks(hooks: Array<() => Promise<void>>, logger: Logger): Promise<void> {
  const failures: unknown[] = [];
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      logger.error({ err: error }, 'shutdown step failed');
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/** Starts one federated subgraph: /graphql, /health/live, /health/ready and /metrics on one port. */
export async function startSubgraph<TLoaders>(options: SubgraphOptions<TLoaders>): Promise<RunningSubgraph> {
  const { config, logger } = options;
  const isProduction = config.NODE_ENV === 'production';
  const verifyToken = createAccessTokenVerifier(config);
  const metrics = new ServiceMetrics(options.name);
  options.registerMetrics?.(metrics);

  const schema = enforceAccessRules(
    buildSubgraphSchema({
      typeDefs: options.typeDefs,
      // The map is typed by our context; the builder only stores it, so widening here is safe.
      resolvers: withScalars(options.typeDefs, options.resolvers) as GraphQLResolverMap<unknown>,
    }),
    options.accessRules,
  );

  const app = express();
  const httpServer = http.createServer(app);
  let draining = false;

  const requestIds = errorRequestIds();
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    // Apollo's own messages go through pino too, so every log line stays one JSON object.
    logger,
    introspection: !isProduction,
    // stopOnSignals owns SIGTERM: Apollo re-raising it would look like a second signal and exit 1.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger, requestIds.requestIdOf),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Inline traces feed Apollo's hosted studio, which this platform does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      requestIds.plugin,
      requireTokenPlugin(options.accessRules),
      operationMetricsPlugin(metrics),
      ...(isProduction
        ? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDisableSuggestions()]
        : []),
    ],
  });
  await apollo.start();

  app.use(metrics.httpMiddleware());
  app.use(healthRouter(options.readinessChecks, () => draining));
  app.use(metrics.router());
  if (options.httpRoutes) {
    app.use(
      options.httpRoutes({
        authenticate: (request) => authenticateRequest(request.headers.authorization, verifyToken),
        logger,
      }),
    );
  }
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const header = req.headers['x-request-id'];
        const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
        const caller = await authenticateRequest(req.headers.authorization, verifyToken);
        return {
          requestId,
          caller,
          logger: logger.child({ requestId, tenantId: caller?.tenantId }),
          loaders: options.createLoaders(caller),
        };
      },
    }),
  );

  // Without the error listener a taken port would leave this promise pending forever: a service
  // that never starts and never says why.
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.PORT, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port }, `${options.name} subgraph listening`);

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    metrics,
    async stop() {
      draining = true;
      await apollo.stop();
      await runShutdownHooks(options.onShutdown, logger);
    },
  };
}
