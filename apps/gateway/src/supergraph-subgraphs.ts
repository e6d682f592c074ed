import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type EnumTypeDefinitionNode,
} from 'graphql';
import type { SubgraphEndpoint } from './health';

function isGraphEnum(definition: DefinitionNode): definition is EnumTypeDefinitionNode {
  return definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph';
}

function stringArgument(directive: ConstDirectiveNode, name: string): string {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  if (argument?.value.kind !== Kind.STRING) throw new Error(`@join__graph without a string "${name}"`);
  return argument.value.value;
}

/**
 * The subgraphs a supergraph was composed from, read from its `join__Graph` enum
 * (`ACCOUNTS @join__graph(name: "accounts", url: "…")`): the supergraph file is the one runtime
 * source of which subgraphs exist.
 */
export function subgraphsInSupergraph(supergraphSdl: string): SubgraphEndpoint[] {
  const graphEnum = parse(supergraphSdl).definitions.find(isGraphEnum);
  if (!graphEnum) throw new Error('not a supergraph: it has no join__Graph enum');
  return (graphEnum.values ?? []).map((value) => {
    const directive = value.directives?.find((candidate) => candidate.name.value === 'join__graph');
    if (!directive) throw new Error(`join__Graph.${value.name.value} has no @join__graph`);
    return { name: stringArgument(directive, 'name'), url: stringArgument(directive, 'url') };
  });
}
