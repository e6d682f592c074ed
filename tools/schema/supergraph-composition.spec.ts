import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph, type SubgraphSource } from './supergraph-composition';

const FIXTURES = path.resolve(__dirname, '../../apps/gateway/test/fixtures');

function fixture(name: string, port: number): SubgraphSource {
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    sdl: readFileSync(path.join(FIXTURES, `${name}.graphql`), 'utf8'),
  };
}

describe('composeSupergraph', () => {
  it('composes the fixture subgraphs into a supergraph that records each subgraph and its URL', () => {
    const outcome = composeSupergraph([fixture('directory', 4101), fixture('notes', 4102)]);

    expect(outcome.errors).toBeUndefined();
    expect(outcome.supergraphSdl).toContain(
      'DIRECTORY @join__graph(name: "directory", url: "http://127.0.0.1:4101/graphql")',
    );
    expect(outcome.supergraphSdl).toContain(
      'NOTES @join__graph(name: "notes", url: "http://127.0.0.1:4102/graphql")',
    );
    expect(outcome.supergraphSdl).toContain('notes: [Note!]! @join__field(graph: NOTES)');
  });

  it('fails on two subgraphs defining the same non-shareable field with different types, naming the field', () => {
    const outcome = composeSupergraph([fixture('directory', 4101), fixture('rival-directory', 4103)]);

    expect(outcome.supergraphSdl).toBeUndefined();
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FIELD_TYPE_MISMATCH: .*"Member\.name".*"directory".*"rival-directory"/),
        expect.stringMatching(/^INVALID_FIELD_SHARING: Non-shareable field "Member\.name"/),
      ]),
    );
  });

  it('reports a syntax error with the name of the subgraph it is in', () => {
    const outcome = composeSupergraph([
      { name: 'broken', url: 'http://127.0.0.1:4104/graphql', sdl: 'type Query {' },
    ]);

    expect(outcome.errors).toEqual([expect.stringMatching(/^broken: Syntax Error/)]);
  });
});
