import { readFileSync } from 'node:fs';
import { infraPaths } from './paths';
import { CRM_DATABASES } from './postgres';
import { parsePsqlScript, runPsqlScript, type SqlSession } from './psql-script';

describe('parsePsqlScript', () => {
  it('splits statements on ; and \\gexec, dropping comments', () => {
    const script = [
      '-- a comment; with a semicolon',
      "SELECT 'CREATE ROLE x' WHERE true",
      '\\gexec',
      'ALTER ROLE x LOGIN; -- trailing comment',
      '',
    ].join('\n');
    expect(parsePsqlScript(script)).toEqual([
      { sql: "SELECT 'CREATE ROLE x' WHERE true", executesResult: true },
      { sql: 'ALTER ROLE x LOGIN;', executesResult: false },
    ]);
  });

  it('keeps ; and -- inside quotes and dollar-quoted bodies', () => {
    const script = `SELECT 'a;b', '--c', "we;ird";\nDO $body$ BEGIN PERFORM 1; END $body$;\n`;
    expect(parsePsqlScript(script).map((step) => step.sql)).toEqual([
      `SELECT 'a;b', '--c', "we;ird";`,
      'DO $body$ BEGIN PERFORM 1; END $body$;',
    ]);
  });

  it('refuses other psql meta-commands rather than misreading them', () => {
    expect(() => parsePsqlScript('\\connect crm_orders\nSELECT 1;')).toThrow(/\\connect/);
  });

  it('refuses a statement left without terminator', () => {
    expect(() => parsePsqlScript('SELECT 1;\nSELECT 2')).toThrow(/SELECT 2/);
  });

  it('reads infra/postgres/init.sql', () => {
    const steps = parsePsqlScript(readFileSync(infraPaths.postgresInitSql, 'utf8'));
    expect(steps.map((step) => step.executesResult)).toEqual([true, false, true]);
  });
});

describe('infra/postgres/init.sql', () => {
  it('creates exactly the databases infra:up reports on', () => {
    const script = readFileSync(infraPaths.postgresInitSql, 'utf8');
    const valuesList = /VALUES([\s\S]*?)\)\s*SELECT/.exec(script)?.[1] ?? '';
    const listed = [...valuesList.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...CRM_DATABASES].sort());
  });
});

describe('runPsqlScript', () => {
  it('runs plain statements, and each non-null result cell of a \\gexec query, in order', async () => {
    const executed: string[] = [];
    const session: SqlSession = {
      query: async ({ text }) => {
        executed.push(text);
        return {
          rows:
            text === 'generate'
              ? [
                  ['CREATE DATABASE a', null],
                  ['GRANT b', 'GRANT c'],
                ]
              : [],
        };
      },
    };
    await runPsqlScript(session, [
      { sql: 'generate', executesResult: true },
      { sql: 'ALTER ROLE x;', executesResult: false },
    ]);
    expect(executed).toEqual(['generate', 'CREATE DATABASE a', 'GRANT b', 'GRANT c', 'ALTER ROLE x;']);
  });
});
