import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { operationLimits } from './limits';

const schema = buildSchema(`
  type Member { id: ID! name: String! manager: Member }
  type Query { members: [Member!]! }
`);

const limits = { MAX_DEPTH: 5, MAX_ALIASES: 3, MAX_TOKENS: 40, MAX_COST: 60 };

function nested(depth: number): string {
  return depth === 0 ? 'id' : `manager { ${nested(depth - 1)} }`;
}

function validationErrors(query: string): string[] {
  const { validationRules } = operationLimits(limits, false);
  return validate(schema, parse(query), [...specifiedRules, ...validationRules]).map(
    (error) => error.message,
  );
}

describe('operationLimits', () => {
  it('accepts an operation exactly at the depth limit and refuses one level deeper, saying so', () => {
    expect(validationErrors(`{ members { ${nested(3)} } }`)).toEqual([]);
    expect(validationErrors(`{ members { ${nested(4)} } }`)).toEqual([
      expect.stringContaining('Query depth limit of 5 exceeded, found 6'),
    ]);
  });

  it('refuses more aliases than allowed', () => {
    expect(validationErrors('{ a: members { id } b: members { id } c: members { id } }')).toEqual([]);
    expect(
      validationErrors('{ a: members { id } b: members { id } c: members { id } d: members { id } }'),
    ).toEqual([expect.stringContaining('Aliases limit of 3 exceeded, found 4')]);
  });

  it('refuses an operation that costs more than the budget', () => {
    // Cost grows with breadth and, by a factor per level, with depth: 12 names three managers down.
    const names = Array.from({ length: 12 }, (_, index) => `n${index}: name`).join(' ');
    const wide = `{ members { manager { manager { manager { ${names} } } } } }`;
    const { validationRules } = operationLimits({ ...limits, MAX_ALIASES: 100 }, false);

    const errors = validate(schema, parse(wide), validationRules).map((error) => error.message);

    expect(errors).toEqual([expect.stringContaining('Query Cost limit of 60 exceeded')]);
  });

  it('stops parsing at the token limit with a syntax error', () => {
    const { parseOptions } = operationLimits(limits, false);
    const bomb = `{ ${Array.from({ length: 50 }, () => '__typename').join(' ')} }`;

    expect(() => parse(bomb, parseOptions)).toThrow(/Document contains more tha[nt] 40 tokens/);
  });

  it('blocks field suggestions only in production, where introspection is off too', () => {
    const suggestionBlockers = (isProduction: boolean) =>
      operationLimits(limits, isProduction).plugins.length;

    expect(suggestionBlockers(true)).toBe(suggestionBlockers(false) + 1);
  });
});
