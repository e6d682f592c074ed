import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import {
  baseConfigShape,
  parseConfig,
  createLogger,
  startSubgraph,
  type RunningSubgraph,
} from '@crm/subgraph';

/** Shared by the subgraphs and the gateway, as in production; at least 32 characters. */
export const TEST_JWT_SECRET = 'gateway-integration-tests-secret-0123456789';

export function fixtureSdl(name: string): string {
  return readFileSync(path.join(__dirname, 'fixtures', `${name}.graphql`), 'utf8');
}

/**
 * The supergraph of the fixture subgraphs at the given URLs, composed the way
 * tools/schema/compose-supergraph.ts composes the real one (tested there).
 */
export function composeFixtureSupergraph(subgraphs: { name: string; url: string }[]): string {
  const result = composeServices(
    subgraphs.map(({ name, url }) => ({ name, url, typeDefs: parse(fixtureSdl(name)) })),
  );
  if (result.errors) {
    throw new Error(`fixtures do not compose: ${result.errors.map((error) => error.message).join('; ')}`);
  }
  return result.supergraphSdl;
}

function subgraphConfig(port: number) {
  return parseConfig(baseConfigShape, {
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
  });
}

interface MemberRow {
  id: string;
  name: string;
  managerId: string;
}

// Two members who manage each other: a query can nest `manager` as deep as it likes.
const MEMBERS: MemberRow[] = [
  { id: 'm1', name: 'Ada', managerId: 'm2' },
  { id: 'm2', name: 'Grace', managerId: 'm1' },
];

/** `directory`: who is calling (as the subgraph sees it) and a self-referencing Member type. */
export function startDirectorySubgraph(port = 0): Promise<RunningSubgraph> {
  const memberById = (id: string) => MEMBERS.find((member) => member.id === id);
  return startSubgraph({
    name: 'directory',
    typeDefs: parse(fixtureSdl('directory')),
    resolvers: {
      Query: {
        whoami: (_source, _args, context) =>
          context.caller ? { ...context.caller, requestId: context.requestId } : null,
        members: () => MEMBERS,
      },
      Member: {
        __resolveReference: (reference: { id: string }) => memberById(reference.id),
        manager: (member: MemberRow) => memberById(member.managerId),
      },
    },
    accessRules: { Query: { whoami: 'AUTHENTICATED', members: 'AUTHENTICATED' }, Mutation: {} },
    config: subgraphConfig(port),
    logger: createLogger('directory', 'silent'),
    createLoaders: () => ({}),
    readinessChecks: [],
    onShutdown: [],
  });
}

/** `notes`: a second subgraph that keeps answering while `directory` is down. */
export function startNotesSubgraph(port = 0): Promise<RunningSubgraph> {
  const notes = [{ id: 'n1', text: 'call back on Monday', memberId: 'm1' }];
  return startSubgraph({
    name: 'notes',
    typeDefs: parse(fixtureSdl('notes')),
    resolvers: {
      Query: { latestNotes: () => notes },
      Member: {
        __resolveReference: (reference: { id: string }) => reference,
        notes: (member: { id: string }) => notes.filter((note) => note.memberId === member.id),
      },
    },
    accessRules: { Query: { latestNotes: 'AUTHENTICATED' }, Mutation: {} },
    config: subgraphConfig(port),
    logger: createLogger('notes', 'silent'),
    createLoaders: () => ({}),
    readinessChecks: [],
    onShutdown: [],
  });
}
