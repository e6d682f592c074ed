import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * apps/gateway/subgraphs.json: the one place that lists the subgraphs (adding a subgraph is one line
 * there). The gateway, composition, the dev runner and CI all read it through this module.
 * The same relative path holds from src/ and from dist/.
 */
export const SUBGRAPH_LIST_PATH = path.resolve(__dirname, '../../../apps/gateway/subgraphs.json');

const subgraphEntry = z.object({
  // Becomes the supergraph's join__Graph value and the <NAME>_URL variable, so keep it simple.
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  url: z.url(),
  /** The subgraph's SDL file, relative to the repository root. */
  schema: z.string().min(1),
});

export type SubgraphEntry = z.infer<typeof subgraphEntry>;

const subgraphList = z
  .array(subgraphEntry)
  .min(1)
  .refine((entries) => new Set(entries.map((entry) => entry.name)).size === entries.length, {
    message: 'subgraph names must be unique',
  });

export function readSubgraphList(file = SUBGRAPH_LIST_PATH): SubgraphEntry[] {
  const result = subgraphList.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(list)'} ${issue.message}`,
    );
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The port a subgraph listens on locally, from its URL in the list. */
export function portOf(entry: SubgraphEntry): number {
  return Number(new URL(entry.url).port);
}
