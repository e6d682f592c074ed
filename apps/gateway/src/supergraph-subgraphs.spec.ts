import { subgraphsInSupergraph } from './supergraph-subgraphs';

describe('subgraphsInSupergraph', () => {
  it('lists each subgraph of the supergraph with the URL it was composed with', () => {
    const supergraph = `
      enum join__Graph {
        ACCOUNTS @join__graph(name: "accounts", url: "http://127.0.0.1:4001/graphql")
        PRICE_LISTS @join__graph(name: "price-lists", url: "http://127.0.0.1:4009/graphql")
      }
      type Query { ping: String }
    `;

    expect(subgraphsInSupergraph(supergraph)).toEqual([
      { name: 'accounts', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'price-lists', url: 'http://127.0.0.1:4009/graphql' },
    ]);
  });

  it('refuses a schema that is not a supergraph', () => {
    expect(() => subgraphsInSupergraph('type Query { ping: String }')).toThrow(/not a supergraph/);
  });
});
