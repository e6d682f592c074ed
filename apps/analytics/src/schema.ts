import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The SDL beside this file (the build copies it next to the compiled code). */
export function loadAnalyticsTypeDefs(): DocumentNode {
  return parse(readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));
}
