/** The three parts of a GraphQL request as the editor holds them: variables are JSON text. */
export interface GraphqlParts {
  query: string;
  /** JSON text of an object; empty for none. */
  variables: string;
  operationName: string;
}

/**
 * The JSON body of a GraphQL POST (`{"query", "variables"?, "operationName"?}`), the exact text
 * sent and signed. Refuses variables that are not a JSON object, with a message that says where.
 */
export function composeGraphqlBody(parts: GraphqlParts): { ok: true; text: string } | { ok: false; message: string } {
  let variables: unknown;
  if (parts.variables.trim() !== '') {
    try {
      variables = JSON.parse(parts.variables);
    } catch (error) {
      return {
        ok: false,
        message: `GraphQL variables are not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
      return { ok: false, message: 'GraphQL variables must be a JSON object, like {"id": "1"}' };
    }
  }
  const operationName = parts.operationName.trim();
  return {
    ok: true,
    text: JSON.stringify({
      query: parts.query,
      ...(variables === undefined ? {} : { variables }),
      ...(operationName === '' ? {} : { operationName }),
    }),
  };
}

/**
 * Reads a GraphQL JSON body back into its parts (variables pretty-printed); undefined when the
 * text is not such a body, so the caller can keep it as plain JSON and lose nothing.
 */
export function parseGraphqlBody(text: string): GraphqlParts | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { query, variables, operationName, ...rest } = value as Record<string, unknown>;
  if (typeof query !== 'string' || Object.keys(rest).length > 0) return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return {
    query,
    variables: variables === undefined || variables === null ? '' : JSON.stringify(variables, null, 2),
    operationName: typeof operationName === 'string' ? operationName : '',
  };
}

/**
 * A GraphQL body from an importer's parts, where variables may be an object or JSON text (Postman
 * stores text, Insomnia an object). Variables that are not a JSON object stay as they came, so the
 * user sees them and nothing is lost: the body then opens as plain JSON text.
 */
export function graphqlBodyFromImport(query: unknown, variables: unknown, operationName?: unknown): string {
  const variablesText =
    typeof variables === 'string'
      ? variables
      : variables === undefined || variables === null
        ? ''
        : JSON.stringify(variables);
  const composed = composeGraphqlBody({
    query: typeof query === 'string' ? query : '',
    variables: variablesText,
    operationName: typeof operationName === 'string' ? operationName : '',
  });
  if (composed.ok) return composed.text;
  return JSON.stringify({ query: typeof query === 'string' ? query : '', variables: variablesText });
}
