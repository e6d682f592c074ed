import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeaderRecordingProxy {
  url: string;
  /** The headers of every request that reached the subgraph behind the proxy, oldest first. */
  received: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

/**
 * A transparent HTTP hop in front of a real subgraph that remembers the request headers, so a
 * test can see exactly what the gateway sent over the wire.
 */
export async function startHeaderRecordingProxy(targetUrl: string): Promise<HeaderRecordingProxy> {
  const target = new URL(targetUrl);
  const received: IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    received.push(request.headers);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    received,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
