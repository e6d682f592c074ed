import { dataOf, postGraphQL } from '@crm/testing';

/** One GraphQL operation through the gateway as the demo user: its data, or a thrown error naming the seed. */
export type GatewayCall = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export function gatewayCaller(gatewayUrl: string, token: string, seed: string): GatewayCall {
  return async (query, variables = {}) =>
    dataOf(await postGraphQL(gatewayUrl, query, { token, variables }), `${seed} demo`);
}
