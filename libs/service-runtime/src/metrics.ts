import { Router, type Request, type RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The route pattern that served the request, never the raw path: a label value per distinct URL
 * (ids, scanners probing random paths) would grow the registry without bound. A mounted
 * middleware such as `/graphql` has no route, only its mount path; nothing matched is `unmatched`.
 */
function routeLabel(req: Request): string {
  const routePath: unknown = req.route?.path;
  return `${req.baseUrl ?? ''}${typeof routePath === 'string' ? routePath : ''}` || 'unmatched';
}

/** One registry per process, with Node's default metrics and the HTTP metrics every service has. */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.httpDuration.startTimer({ method: req.method });
      res.on('finish', () => stop({ route: routeLabel(req), status: String(res.statusCode) }));
      next();
    };
  }

  router(): Router {
    const router = Router();
    router.get('/metrics', async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    });
    return router;
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Histogram<L> {
    return new Histogram({ name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge read when Prometheus scrapes, e.g. pool sizes or consumer lag. */
  observedGauge(name: string, help: string, read: () => number | Promise<number>): Gauge {
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }
}
