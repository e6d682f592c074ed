import path from 'node:path';
import { ConfigError } from '@crm/service-runtime';
import { parseGatewayConfig, urlVariableOf } from './config';

const SECRET = { JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' };
const SUBGRAPHS = [
  { name: 'accounts', url: 'http://127.0.0.1:4001/graphql', schema: 'apps/accounts/src/schema.graphql' },
  {
    name: 'price-lists',
    url: 'http://127.0.0.1:4009/graphql',
    schema: 'apps/price-lists/src/schema.graphql',
  },
];

describe('parseGatewayConfig', () => {
  it('defaults to port 4000, the committed supergraph and the URLs in subgraphs.json', () => {
    const config = parseGatewayConfig(SECRET, SUBGRAPHS);

    expect(config.PORT).toBe(4000);
    expect(config.SUPERGRAPH_PATH).toBe(path.resolve(__dirname, '../supergraph.graphql'));
    expect(config.subgraphUrls).toEqual({
      accounts: 'http://127.0.0.1:4001/graphql',
      'price-lists': 'http://127.0.0.1:4009/graphql',
    });
    expect(config).toMatchObject({ MAX_DEPTH: 12, MAX_ALIASES: 15, MAX_TOKENS: 2000, MAX_COST: 5000 });
  });

  it('lets <NAME>_URL point a subgraph elsewhere without recomposing', () => {
    const config = parseGatewayConfig({ ...SECRET, ACCOUNTS_URL: 'http://accounts:4001/graphql' }, SUBGRAPHS);

    expect(config.subgraphUrls['accounts']).toBe('http://accounts:4001/graphql');
  });

  it('names the variable of a subgraph with a dash in its name', () => {
    expect(urlVariableOf('price-lists')).toBe('PRICE_LISTS_URL');
  });

  it('refuses a malformed subgraph URL or limit, naming the variable', () => {
    expect(() => parseGatewayConfig({ ...SECRET, ACCOUNTS_URL: 'not a url' }, SUBGRAPHS)).toThrow(
      /ACCOUNTS_URL/,
    );
    expect(() => parseGatewayConfig({ ...SECRET, MAX_DEPTH: '0' }, SUBGRAPHS)).toThrow(/MAX_DEPTH/);
  });

  it('refuses to start without a way to verify tokens', () => {
    expect(() => parseGatewayConfig({}, SUBGRAPHS)).toThrow(ConfigError);
  });
});
