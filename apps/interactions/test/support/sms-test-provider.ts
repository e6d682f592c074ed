import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsRequest {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: { to: string; text: string; reference: string };
}

export interface SmsTestProvider {
  url: string;
  /** Every request, duplicates included. */
  requests: SmsRequest[];
  /** What a phone would receive: one message per idempotency key, as a real provider de-duplicates. */
  delivered(): SmsRequest[];
  stop(): Promise<void>;
}

/** A local HTTP SMS provider that records requests and honours Idempotency-Key. */
export async function startSmsTestProvider(): Promise<SmsTestProvider> {
  const requests: SmsRequest[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      requests.push({ authorization: request.headers.authorization, idempotencyKey, body: JSON.parse(raw) });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `sms-${idempotencyKey}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    requests,
    delivered: () => [...new Map(requests.map((request) => [request.idempotencyKey, request])).values()],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
