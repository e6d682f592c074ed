import type { Logger } from 'pino';
import type { Caller } from '@crm/service-runtime';
import { UnauthenticatedError } from './errors';

export interface SubgraphContext<TLoaders> {
  requestId: string;
  caller: Caller | null;
  logger: Logger;
  /** Created per request, so batching and caching never cross requests or tenants. */
  loaders: TLoaders;
}

export function requireCaller(context: { caller: Caller | null }): Caller {
  if (!context.caller) throw new UnauthenticatedError();
  return context.caller;
}
