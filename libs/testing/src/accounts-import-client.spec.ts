import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { uploadAccountsCsv } from './accounts-import-client';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the accounts service: records the upload and answers with the given lines. */
async function fakeService(status: number, answer: string) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body });
      response.writeHead(status, { 'x-import-job-id': 'job-1' });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('uploadAccountsCsv', () => {
  it('streams the CSV with the token, mapping, job id and size, and reads the answer line by line', async () => {
    const service = await fakeService(
      200,
      '{"event":"started","job":{"id":"job-1"}}\n{"event":"completed","job":{"id":"job-1"},"errors":[]}\n',
    );
    const seen: string[] = [];
    try {
      const result = await uploadAccountsCsv({
        origin: service.origin,
        token: 'the-token',
        body: Readable.from(['name\n', 'Acme\n']),
        totalBytes: 10,
        mapping: { name: 'legalName' },
        jobId: 'job-1',
        idempotencyKey: 'key-1',
        onLine: (line) => seen.push(line.event),
      });

      expect(result).toMatchObject({ status: 200, jobId: 'job-1' });
      expect(result.lines.map((line) => line.event)).toEqual(['started', 'completed']);
      expect(seen).toEqual(['started', 'completed']);
      const [request] = service.received;
      expect(request?.body).toBe('name\nAcme\n');
      expect(request?.headers).toMatchObject({
        authorization: 'Bearer the-token',
        'content-length': '10',
        'idempotency-key': 'key-1',
      });
      const url = new URL(request?.url ?? '', service.origin);
      expect(url.pathname).toBe('/imports/accounts');
      expect(JSON.parse(url.searchParams.get('mapping') ?? '')).toEqual({ name: 'legalName' });
      expect(url.searchParams.get('jobId')).toBe('job-1');
    } finally {
      await service.close();
    }
  });

  it('returns a refused upload with its status and error body', async () => {
    const service = await fakeService(403, '{"error":{"code":"FORBIDDEN"}}');
    try {
      const result = await uploadAccountsCsv({ origin: service.origin, token: 't', body: 'a\n' });
      expect(result).toMatchObject({ status: 403, lines: [], refusal: { error: { code: 'FORBIDDEN' } } });
    } finally {
      await service.close();
    }
  });

  it('rejects when nothing answers', async () => {
    const service = await fakeService(200, '');
    await service.close();
    await expect(uploadAccountsCsv({ origin: service.origin, token: 't', body: 'a\n' })).rejects.toThrow();
  });
});
