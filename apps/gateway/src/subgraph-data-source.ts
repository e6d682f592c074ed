import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { FORWARDED_HEADER_NAMES } from './forwarded-headers';
import type { GatewayContext } from './request-context';
import {
  SUBGRAPH_UNAVAILABLE,
  describeFetchFailure,
  subgraphRefusalError,
  subgraphUnavailableError,
} from './subgraph-errors';

// Apollo's fetcher types come from a transitive package; take them from the class instead.
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  logger: Logger;
  onUnavailable: (subgraphName: string) => void;
}

/**
 * How the gateway talks to one subgraph: it forwards exactly the allow-listed headers, bounds each
 * fetch by a timeout, and turns every failure into an error that names the subgraph. A failed
 * fetch fails only that subgraph's part of the plan; the next request simply tries again, so a
 * subgraph that comes back is used again without restarting the gateway.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
    const fetchWithoutDeadline = this.fetcher;
    this.fetcher = (url, init) =>
      fetchWithoutDeadline(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Only operations carry a client request; Apollo's health checks and schema loads have nothing to forward.
    if (!('incomingRequestContext' in options)) return;
    const { forwardedHeaders } = options.context;
    for (const name of FORWARDED_HEADER_NAMES) {
      const value = forwardedHeaders[name];
      if (value !== undefined) options.request.http?.headers.set(name, value);
    }
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response);
    return (
      subgraphRefusalError(this.options.name, body) ??
      subgraphUnavailableError(this.options.name, `answered HTTP ${response.status}`)
    );
  }

  override didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    _fetchResponse?: FetcherResponse,
    context?: GatewayContext,
  ): void {
    const failure =
      error instanceof GraphQLError
        ? error
        : subgraphUnavailableError(this.options.name, describeFetchFailure(error, this.options.timeoutMs));
    if (failure.extensions['code'] === SUBGRAPH_UNAVAILABLE) {
      this.options.onUnavailable(this.options.name);
      this.options.logger.warn(
        { err: error, subgraph: this.options.name, requestId: context?.forwardedHeaders['x-request-id'] },
        'subgraph unavailable',
      );
    }
    throw failure;
  }
}
