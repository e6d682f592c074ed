import { Router } from 'express';

export interface SubgraphEndpoint {
  name: string;
  /** The subgraph's GraphQL endpoint; its liveness probe is `/health/live` on the same origin. */
  url: string;
}

export interface GatewayHealthOptions {
  subgraphs: SubgraphEndpoint[];
  isDraining: () => boolean;
  probeTimeoutMs: number;
}

interface SubgraphStatus {
  name: string;
  live: boolean;
  error?: string;
}

/** `fetch` says only "fetch failed" and keeps the useful part (ECONNREFUSED, a timeout) in `cause`. */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

async function probeSubgraph(subgraph: SubgraphEndpoint, timeoutMs: number): Promise<SubgraphStatus> {
  try {
    const response = await fetch(new URL('/health/live', subgraph.url), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok
      ? { name: subgraph.name, live: true }
      : { name: subgraph.name, live: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return { name: subgraph.name, live: false, error: failureReason(error) };
  }
}

/**
 * `/health/live`: the gateway process serves HTTP. `/health/ready`: at least one subgraph answers
 * its own `/health/live`, with every subgraph's status in the body. The supergraph needs no check:
 * the gateway listens only once it has loaded it. Readiness deliberately does not require every
 * subgraph: taking all gateways out of the load balancer because one subgraph is down would turn a
 * partial outage into a total one (the others still answer, and the client gets an error naming
 * the missing service).
 */
export function gatewayHealthRouter(options: GatewayHealthOptions): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const subgraphs = await Promise.all(
      options.subgraphs.map((subgraph) => probeSubgraph(subgraph, options.probeTimeoutMs)),
    );
    const draining = options.isDraining();
    const ready = !draining && subgraphs.some((subgraph) => subgraph.live);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', draining, subgraphs });
  });
  return router;
}
