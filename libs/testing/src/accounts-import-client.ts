/** A client of the accounts CSV import (POST /imports/accounts) for tests, benchmarks and the CLI. */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

export interface CsvUploadOptions {
  /** The accounts service's origin, e.g. `http://127.0.0.1:4001`. */
  origin: string;
  token: string;
  /** The CSV: streamed as it is read when a stream. */
  body: Readable | Buffer | string;
  /** The size of a streamed body, sent as Content-Length so the job can tell its percentDone. */
  totalBytes?: number;
  /** Header → field. */
  mapping?: Record<string, string>;
  /** Resume this job. */
  jobId?: string;
  idempotencyKey?: string;
  /** Each line of the answer as it arrives (started, progress…, completed or failed). */
  onLine?: (line: ImportAnswerLine) => void;
}

export interface ImportAnswerLine {
  event: 'started' | 'progress' | 'completed' | 'failed';
  job?: Record<string, unknown>;
  errors?: { row: number; column: string | null; message: string }[];
  error?: { code: string; message?: string };
}

export interface CsvUploadResult {
  status: number;
  /** From the X-Import-Job-Id header; null when the upload was refused. */
  jobId: string | null;
  lines: ImportAnswerLine[];
  /** The JSON body of a refused upload (`{ error }`). */
  refusal?: unknown;
}

function uploadUrl(options: CsvUploadOptions): URL {
  const url = new URL('/imports/accounts', options.origin);
  if (options.mapping) url.searchParams.set('mapping', JSON.stringify(options.mapping));
  if (options.jobId) url.searchParams.set('jobId', options.jobId);
  return url;
}

/**
 * Streams the CSV to the service and resolves once the answer has ended. Rejects when the
 * connection breaks (e.g. the service died): the job can then be resumed with its id.
 */
export function uploadAccountsCsv(options: CsvUploadOptions): Promise<CsvUploadResult> {
  const url = uploadUrl(options);
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  const length = Buffer.isBuffer(body) ? body.length : options.totalBytes;
  const headers: http.OutgoingHttpHeaders = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'text/csv; charset=utf-8',
    ...(length !== undefined ? { 'content-length': length } : {}),
    ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method: 'POST', headers }, (response) => {
      const status = response.statusCode ?? 0;
      const jobHeader = response.headers['x-import-job-id'];
      const jobId = typeof jobHeader === 'string' ? jobHeader : null;
      const lines: ImportAnswerLine[] = [];
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        const complete = pending.split('\n');
        pending = complete.pop() ?? '';
        if (status !== 200) return;
        for (const text of complete.filter((line) => line.trim() !== '')) {
          const line = JSON.parse(text) as ImportAnswerLine;
          lines.push(line);
          options.onLine?.(line);
        }
      });
      response.once('error', reject);
      response.once('end', () => {
        if (status === 200) {
          resolve({ status, jobId, lines });
        } else {
          resolve({ status, jobId, lines, refusal: JSON.parse(pending || 'null') as unknown });
        }
      });
    });
    request.once('error', reject);
    if (Buffer.isBuffer(body)) {
      request.end(body);
    } else {
      body.once('error', (error) => request.destroy(error));
      body.pipe(request);
    }
  });
}
