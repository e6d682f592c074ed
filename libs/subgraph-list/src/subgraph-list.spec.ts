import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { portOf, readSubgraphList } from './subgraph-list';

function listFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'subgraphs-')), 'subgraphs.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('the subgraph list', () => {
  it('reads the committed apps/gateway/subgraphs.json, accounts included', () => {
    const accounts = readSubgraphList().find((entry) => entry.name === 'accounts');
    expect(accounts).toEqual({
      name: 'accounts',
      url: 'http://127.0.0.1:4001/graphql',
      schema: 'apps/accounts/src/schema.graphql',
    });
    expect(accounts && portOf(accounts)).toBe(4001);
  });

  it('refuses two subgraphs with the same name', () => {
    const entry = {
      name: 'orders',
      url: 'http://127.0.0.1:4004/graphql',
      schema: 'apps/orders/src/schema.graphql',
    };
    expect(() => readSubgraphList(listFile([entry, entry]))).toThrow('subgraph names must be unique');
  });

  it('names the entry and field that is wrong', () => {
    const file = listFile([{ name: 'Orders Service', url: 'not a url', schema: '' }]);
    expect(() => readSubgraphList(file)).toThrow(/0\.name must be lower-case.*0\.url/);
  });

  it('refuses an empty list', () => {
    expect(() => readSubgraphList(listFile([]))).toThrow(/\(list\)/);
  });
});
