import { Router } from 'express';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface HealthOptions {
  /** How long a readiness check may take before it counts as failed. */
  checkTimeoutMs?: number;
}

const DEFAULT_CHECK_TIMEOUT_MS = 2000;

async function runCheck(
  { name, check }: ReadinessCheck,
  timeoutMs: number,
): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/health/live`: the process serves HTTP (restart it if not). `/health/ready`: its dependencies
 * answer (take it out of the load balancer if not). A draining process reports not ready.
 */
export function healthRouter(
  checks: ReadinessCheck[],
  isDraining: () => boolean,
  { checkTimeoutMs = DEFAULT_CHECK_TIMEOUT_MS }: HealthOptions = {},
): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await Promise.all(checks.map((check) => runCheck(check, checkTimeoutMs)));
    const ready = !isDraining() && results.every((result) => result.ok);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ok' : 'unavailable', draining: isDraining(), checks: results });
  });
  return router;
}
