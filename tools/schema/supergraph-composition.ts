import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  /** The subgraph's SDL (Federation 2). */
  sdl: string;
}

export type CompositionOutcome =
  | { supergraphSdl: string; errors?: undefined }
  | { errors: string[]; supergraphSdl?: undefined };

/**
 * Composes subgraph SDLs into the supergraph the gateway serves. Pure (no files, no network), so
 * compose-supergraph.ts (the gateway's `compose` and `compose-check` targets) and the tests share
 * it. The gateway process itself never composes: it loads the composed file. Every problem is
 * reported, not just the first, so one run shows everything there is to fix.
 */
export function composeSupergraph(subgraphs: SubgraphSource[]): CompositionOutcome {
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const syntaxErrors: string[] = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      syntaxErrors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (syntaxErrors.length > 0) return { errors: syntaxErrors };

  const result = composeServices(services);
  if (result.errors) {
    return {
      errors: result.errors.map((error) => {
        const code = error.extensions['code'];
        return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
      }),
    };
  }
  return { supergraphSdl: result.supergraphSdl };
}
