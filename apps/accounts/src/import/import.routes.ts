import express from 'express';
import type { AccessRule, HttpRouteTools } from '@crm/subgraph';
import type { AccountImportService } from './account-import.service';
import type { ImportJobModel } from './import-job';
import { parseImportMapping } from './import-mapping';
import { answerFailure, authorizedCaller, httpFailureOf } from './http-caller';

/** How many row errors the final line of an upload's answer carries (all are kept on the job). */
const ERRORS_IN_ANSWER = 100;

function firstValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

function contentLength(request: express.Request): number | null {
  const length = Number(request.headers['content-length']);
  return Number.isSafeInteger(length) && length > 0 ? length : null;
}

/** What the answer's lines carry about the job (not its internal run id). */
function jobView(job: ImportJobModel) {
  const { tenantId: _tenantId, runId: _runId, mapping: _mapping, ...view } = job;
  return view;
}

/**
 * POST /imports/accounts: the CSV is the request body, streamed (never held whole). Query
 * parameters: `mapping` (JSON header → field), `jobId` (resume that job); header `Idempotency-Key`
 * (the first upload with a key creates the job, later ones resume it).
 *
 * Problems found before reading the file (token, role, mapping, unknown job) are answered with their
 * status and `{ error }`. Otherwise the answer is 200 with the job id in `X-Import-Job-Id` and a body
 * of JSON lines, sent as the import goes: `started`, one `progress` per committed batch, then
 * `completed` or `failed` with the job and its first row errors.
 */
export function importRoutes(
  service: AccountImportService,
  tools: HttpRouteTools,
  rule: AccessRule,
): express.Router {
  const router = express.Router();
  router.post('/imports/accounts', async (request, response) => {
    let opened;
    let caller;
    try {
      caller = await authorizedCaller(tools, request, rule);
      opened = await service.openImport(caller, {
        mapping: parseImportMapping(firstValue(request.query.mapping)),
        jobId: firstValue(request.query.jobId),
        idempotencyKey: firstValue(request.headers['idempotency-key']),
        totalBytes: contentLength(request),
      });
    } catch (error) {
      request.resume();
      answerFailure(tools, response, error);
      return;
    }
    const send = (event: string, job: ImportJobModel, extra: object = {}) =>
      response.write(`${JSON.stringify({ event, job: jobView(job), ...extra })}\n`);
    response.status(200);
    response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('x-import-job-id', opened.job.id);
    response.flushHeaders();
    if (opened.isFinished) {
      request.resume(); // a completed job imports nothing more
    } else {
      send('started', opened.job);
    }
    try {
      const job = opened.isFinished
        ? opened.job
        : await service.runImport(caller, opened.job, request, (progress) => send('progress', progress));
      const errors = await service.errorsOf(caller.tenantId, job.id, ERRORS_IN_ANSWER);
      send(job.status === 'COMPLETED' ? 'completed' : 'failed', job, { errors });
    } catch (error) {
      const failure = httpFailureOf(error);
      if (!failure) tools.logger.error({ err: error, jobId: opened.job.id }, 'import failed');
      response.write(
        `${JSON.stringify({ event: 'failed', error: failure ?? { code: 'INTERNAL_SERVER_ERROR' } })}\n`,
      );
    }
    response.end();
  });
  return router;
}
