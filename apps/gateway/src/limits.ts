import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ParseOptions, ValidationRule } from 'graphql';

export interface OperationLimits {
  MAX_DEPTH: number;
  MAX_ALIASES: number;
  MAX_TOKENS: number;
  MAX_COST: number;
}

/** What the gateway's Apollo Server needs to enforce the limits. */
export interface LimitProtection {
  plugins: ApolloServerPlugin<BaseContext>[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  allowBatchedHttpRequests: false;
  includeStacktraceInErrorResponses: false;
}

/**
 * Refuses abusive operations before they are planned, so a depth, alias or cost bomb never reaches
 * a subgraph. Limits are exposed in the error ("Query depth limit of 12 exceeded, found 15") because
 * an honest client needs to know what to change. Field suggestions ("Did you mean …") would let
 * anyone map the schema while introspection is off, so they are blocked in production too.
 *
 * The token limit is graphql-js's own parser limit rather than armor's: armor's Apollo plugin
 * throws from `parsingDidStart`, which Apollo Server answers with HTTP 500, while the parser's limit
 * is a plain syntax error (HTTP 400, GRAPHQL_PARSE_FAILED), and it stops lexing at the limit.
 */
export function operationLimits(limits: OperationLimits, isProduction: boolean): LimitProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.MAX_DEPTH, exposeLimits: true },
    maxAliases: { n: limits.MAX_ALIASES, exposeLimits: true },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.MAX_COST, exposeLimits: true },
    blockFieldSuggestion: { enabled: isProduction },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: limits.MAX_TOKENS } };
}
