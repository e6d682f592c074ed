import { generateAccountsCsv } from './accounts-csv-fixture';

describe('generateAccountsCsv', () => {
  it('writes a header and one line per row, breaking exactly one cell of every n-th row', () => {
    const { csv, validRows, invalidRows } = generateAccountsCsv({ rows: 20, invalidEvery: 5 });
    const lines = csv.trimEnd().split('\n');

    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(
      'externalId,legalName,kind,emails,phones,industry,employeeCount,tier,tags,lifecycleStage',
    );
    expect(validRows).toBe(16);
    expect([...invalidRows.keys()]).toEqual([5, 10, 15, 20]);
    expect(new Set(invalidRows.values()).size).toBe(4);
    expect(lines[10]).toMatch(/,LEAD$/); // row 10 (the file's 11th line) has an unknown stage
  });

  it('leaves the externalId column out when rows are matched by email', () => {
    const { csv } = generateAccountsCsv({ rows: 1, keyBy: 'email' });
    expect(csv.split('\n')[0]).not.toContain('externalId');
  });
});
