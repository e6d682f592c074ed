export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLResult {
  /** The HTTP status: 401 and 400 refusals are part of what tests assert. */
  status: number;
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorBody[];
}

export interface GraphQLRequestOptions {
  token?: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** One GraphQL POST over real HTTP, the way a browser or a mobile app sends it. */
export async function postGraphQL(
  url: string,
  query: string,
  options: GraphQLRequestOptions = {},
): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult, 'status'>;
  return { status: response.status, ...body };
}

/** The data of a result that must have succeeded; otherwise an error that shows what went wrong. */
export function dataOf(result: GraphQLResult, operation: string): Record<string, unknown> {
  if (result.errors?.length || !result.data) {
    throw new Error(`${operation} failed (HTTP ${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
