import { InvalidInputError } from '@crm/subgraph';
import { parseSegmentRules } from './segment-rules';

function fieldsOf(rules: unknown): string[] {
  try {
    parseSegmentRules(rules);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields.map((field) => field.field);
    throw error;
  }
  throw new Error('expected the rules to be rejected');
}

describe('parseSegmentRules', () => {
  it('accepts a nested tree and keeps it as given', () => {
    const rules = {
      and: [
        { field: 'salesModel', op: 'eq', value: 'B2C' },
        {
          not: {
            or: [
              { field: 'city', op: 'in', value: ['Tehran'] },
              { field: 'rfmScore', op: 'gte', value: 444 },
            ],
          },
        },
      ],
    };
    expect(parseSegmentRules(rules)).toEqual(rules);
  });

  it.each<[string, unknown, string[]]>([
    [
      'an unknown field',
      {
        and: [
          { field: 'salesModel', op: 'eq', value: 'B2C' },
          { field: 'password', op: 'eq', value: 'x' },
        ],
      },
      ['rules.and[1].field'],
    ],
    ['an operator the field does not support', { field: 'salesModel', op: 'gt', value: 'B2C' }, ['rules.op']],
    [
      'an enum value outside the enum',
      { or: [{ field: 'salesModel', op: 'eq', value: 'B2X' }] },
      ['rules.or[0].value'],
    ],
    ['a list where a scalar belongs', { field: 'city', op: 'eq', value: ['Tehran'] }, ['rules.value']],
    ['an empty list', { field: 'city', op: 'in', value: [] }, ['rules.value']],
    [
      'a bad list element',
      { field: 'purchasedProductId', op: 'in', value: ['not-a-uuid'] },
      ['rules.value[0]'],
    ],
    ['a fractional amount', { field: 'totalSpentMinor', op: 'gte', value: 10.5 }, ['rules.value']],
    ['a date without offset', { field: 'lastOrderAt', op: 'gt', value: '2026-01-01' }, ['rules.value']],
    ['an RFM score out of range', { field: 'rfmRecency', op: 'eq', value: 6 }, ['rules.value']],
    ['an empty group', { and: [] }, ['rules.and']],
    ['an extra key', { field: 'city', op: 'eq', value: 'x', sql: '1=1' }, ['rules.sql']],
    ['a node that is not an object', { not: 'city' }, ['rules.not']],
    [
      'several bad nodes',
      { and: [{ field: 'nope', op: 'eq', value: 1 }, { not: { field: 'tier', op: 'like', value: 'a' } }] },
      ['rules.and[0].field', 'rules.and[1].not.op'],
    ],
  ])('reports %s on its path', (_name, rules, paths) => {
    expect(fieldsOf(rules)).toEqual(paths);
  });

  it('limits depth', () => {
    let deep: unknown = { field: 'city', op: 'eq', value: 'x' };
    for (let level = 0; level < 12; level += 1) deep = { not: deep };
    expect(fieldsOf(deep)[0]).toMatch(/^rules(\.not)+$/);
  });
});
