import {
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  graphql,
  parseValue as parseLiteralValue,
  type ValueNode,
} from 'graphql';
import { DateTimeScalar, JSONScalar } from './scalars';

/** `type Query { echo(value: JSON): JSON }`: hands back what the scalar parsed. */
function echoSchema(): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: JSONScalar,
          args: { value: { type: JSONScalar } },
          resolve: (_source, args) => args['value'],
        },
      },
    }),
  });
}

describe('DateTime', () => {
  it('round-trips an instant through a client value and back to UTC ISO-8601', () => {
    const parsed = DateTimeScalar.parseValue('2026-11-26T10:00:00.000Z');
    expect(parsed).toEqual(new Date(Date.UTC(2026, 10, 26, 10)));
    expect(DateTimeScalar.serialize(parsed)).toBe('2026-11-26T10:00:00.000Z');
  });

  it('accepts any zone offset and answers in UTC', () => {
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('2026-11-26T13:30:00+03:30'))).toBe(
      '2026-11-26T10:00:00.000Z',
    );
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('2026-11-26T05:00:00.5-05:00'))).toBe(
      '2026-11-26T10:00:00.500Z',
    );
  });

  it('parses a string literal in the query', () => {
    expect(DateTimeScalar.parseLiteral(parseLiteralValue('"2026-11-26T10:00:00Z"'), {})).toEqual(
      new Date('2026-11-26T10:00:00Z'),
    );
  });

  it.each([
    ['a month that does not exist', '2026-13-01T00:00:00Z'],
    ['a day that does not exist in that month', '2026-02-30T00:00:00Z'],
    ['the 31st of a 30-day month', '2026-04-31T00:00:00Z'],
    ['29 February outside a leap year', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T23:60:00Z'],
    ['a date-time without a zone', '2026-11-26T10:00:00'],
    ['a date alone', '2026-11-26'],
    ['a zone offset beyond 23:59', '2026-11-26T10:00:00+24:00'],
    ['free text', 'next tuesday'],
    ['a number', 1764151200000],
  ])('rejects %s (%j) as BAD_USER_INPUT', (_case, value) => {
    try {
      DateTimeScalar.parseValue(value);
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      return;
    }
    throw new Error(`accepted ${String(value)}`);
  });

  it('accepts 29 February in a leap year', () => {
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('2028-02-29T00:00:00Z'))).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('rejects a literal that is not a string', () => {
    const literal: ValueNode = { kind: Kind.INT, value: '20261126' };
    expect(() => DateTimeScalar.parseLiteral(literal, {})).toThrow('DateTime must be a string');
  });

  it('refuses to serialize an invalid date rather than sending "Invalid Date"', () => {
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(
      'DateTime cannot represent an invalid date',
    );
  });
});

describe('JSON', () => {
  const schema = echoSchema();

  it('reads literals of every JSON kind, nested, with variables inside', async () => {
    const result = await graphql({
      schema,
      source: `query ($inner: JSON) { echo(value: { name: "Acme", size: 12, ratio: 0.5, active: true, note: null, tags: ["b2b", 3], inner: $inner }) }`,
      variableValues: { inner: { region: 'EU' } },
    });
    expect(result).toEqual({
      data: {
        echo: {
          name: 'Acme',
          size: 12,
          ratio: 0.5,
          active: true,
          note: null,
          tags: ['b2b', 3],
          inner: { region: 'EU' },
        },
      },
    });
  });

  it('passes variable values through unchanged', async () => {
    const value = { rules: [{ field: 'tier', op: 'eq', value: 'gold' }] };
    const result = await graphql({
      schema,
      source: 'query ($v: JSON) { echo(value: $v) }',
      variableValues: { v: value },
    });
    expect(result).toEqual({ data: { echo: value } });
  });

  it('rejects an enum literal, which has no JSON meaning', () => {
    expect(() => JSONScalar.parseLiteral(parseLiteralValue('GOLD'), {})).toThrow(
      'JSON cannot represent EnumValue',
    );
  });
});
