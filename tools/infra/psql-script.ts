/**
 * Runs infra/postgres/init.sql through `pg` the way psql would, so docker-compose (psql) and
 * infra:up (this) execute one and the same file. Understands exactly what that file uses:
 * statements ending in `;`, and queries ending in `\gexec`, whose every result cell is then run as
 * a statement of its own. Any other psql meta-command is refused rather than misread.
 */

export interface ScriptStep {
  sql: string;
  /** `\gexec`: run the cells of the result as statements. */
  executesResult: boolean;
}

/** Splits a psql script into steps; quotes, dollar-quoted bodies and comments are respected. */
export function parsePsqlScript(script: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let current = '';
  let position = 0;
  const endStep = (executesResult: boolean): void => {
    const sql = current.trim();
    if (sql !== '') steps.push({ sql, executesResult });
    current = '';
  };

  while (position < script.length) {
    const rest = script.slice(position);
    const quoted = /^'(?:[^']|'')*'|^"(?:[^"]|"")*"/.exec(rest);
    const dollarTag = /^\$([A-Za-z_]\w*)?\$/.exec(rest);
    if (quoted) {
      current += quoted[0];
      position += quoted[0].length;
    } else if (dollarTag) {
      const closing = script.indexOf(dollarTag[0], position + dollarTag[0].length);
      if (closing === -1) throw new Error(`unterminated ${dollarTag[0]} body`);
      current += script.slice(position, closing + dollarTag[0].length);
      position = closing + dollarTag[0].length;
    } else if (rest.startsWith('--')) {
      const lineEnd = script.indexOf('\n', position);
      position = lineEnd === -1 ? script.length : lineEnd;
    } else if (rest.startsWith(';')) {
      current += ';';
      endStep(false);
      position += 1;
    } else if (rest.startsWith('\\')) {
      const metaCommand = /^\\\w*/.exec(rest)?.[0] ?? '\\';
      if (metaCommand !== '\\gexec') throw new Error(`unsupported psql meta-command ${metaCommand}`);
      endStep(true);
      position += metaCommand.length;
    } else {
      current += script[position];
      position += 1;
    }
  }
  if (current.trim() !== '')
    throw new Error(`statement without a terminating ; or \\gexec: ${current.trim()}`);
  return steps;
}

/** The part of a pg client this needs: one connection, statements run in order. */
export interface SqlSession {
  query(config: { text: string; rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
}

export async function runPsqlScript(session: SqlSession, steps: ScriptStep[]): Promise<void> {
  for (const step of steps) {
    const { rows } = await session.query({ text: step.sql, rowMode: 'array' });
    if (!step.executesResult) continue;
    // psql's \gexec runs each non-null cell, row by row, left to right.
    for (const cell of rows.flat()) {
      if (cell !== null) await session.query({ text: String(cell), rowMode: 'array' });
    }
  }
}
