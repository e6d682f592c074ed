import { InvalidInputError } from '@crm/subgraph';
import { parseImportMapping, resolveColumns } from './import-mapping';

function fieldErrorsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('parseImportMapping', () => {
  it('reads a JSON object of header → field, Persian headers included', () => {
    expect(parseImportMapping('{"نام شرکت":"legalName","Mail":"emails"}')).toEqual({
      'نام شرکت': 'legalName',
      Mail: 'emails',
    });
  });

  it('is null when no mapping is given', () => {
    expect(parseImportMapping(undefined)).toBeNull();
    expect(parseImportMapping('')).toBeNull();
  });

  it.each([
    ['not JSON', '{oops', [{ field: 'mapping', message: 'must be a JSON object of header → field' }]],
    ['an array', '["legalName"]', [{ field: 'mapping', message: 'must be a JSON object of header → field' }]],
    [
      'an unknown field',
      '{"Name":"companyName"}',
      [{ field: 'mapping.Name', message: expect.stringContaining('legalName') }],
    ],
    [
      'one field twice',
      '{"A":"legalName","B":"legalName"}',
      [{ field: 'mapping', message: 'maps several columns to legalName' }],
    ],
  ])('refuses %s, naming the problem', (_case, value, fields) => {
    expect(fieldErrorsOf(() => parseImportMapping(value))).toEqual(fields);
  });
});

describe('resolveColumns', () => {
  it('matches headers to field names ignoring case, spaces, "_" and "-", and ignores other columns', () => {
    const columns = resolveColumns(['ID', 'Legal Name', 'e-mail', 'contact_first_name', 'notes'], null);
    expect(typeof columns).toBe('object');
    if (typeof columns === 'string') return;
    expect([...columns.indexOf]).toEqual([
      ['legalName', 1],
      ['emails', 2],
      ['contactFirstName', 3],
    ]);
    expect(columns.headerOf.get('emails')).toBe('e-mail');
  });

  it('uses only the mapped columns when a mapping is given', () => {
    const columns = resolveColumns(['نام', 'legalName'], { نام: 'legalName' });
    expect(typeof columns !== 'string' && [...columns.indexOf]).toEqual([['legalName', 0]]);
  });

  it('explains a mapped column missing from the header', () => {
    expect(resolveColumns(['Name'], { Company: 'legalName' })).toBe(
      'the mapped column "Company" is not in the file\'s header',
    );
  });

  it('explains a header without any column naming the account', () => {
    expect(resolveColumns(['tier', 'tags'], null)).toMatch(/no column maps to displayName/);
  });
});
