import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { ChannelInput } from '../../../shared/contract';
import { invoke } from '../../api/client';

/** What fetching a schema came to: the schema, or what to tell the user. */
export type IntrospectionOutcome = { ok: true; schema: GraphQLSchema } | { ok: false; message: string };

/**
 * Reads the endpoint's schema by sending GraphQL's introspection query as a POST through the
 * same send as the request itself: the same URL, headers, auth and signature (so an IAM-protected
 * AppSync API answers), in main; the answer is parsed here with `buildClientSchema`.
 */
export async function introspectSchema(input: ChannelInput<'request:presign-draft'>): Promise<IntrospectionOutcome> {
  const result = await invoke('request:send-draft', {
    ...input,
    requestId: crypto.randomUUID(),
    request: {
      ...input.request,
      method: 'POST',
      body: { kind: 'text', language: 'graphql', text: JSON.stringify({ query: getIntrospectionQuery() }) },
    },
  });
  if (!result.ok) return { ok: false, message: result.error.message };
  const response = result.value;
  if (response.status < 200 || response.status > 299) {
    return {
      ok: false,
      message: `The schema could not be read: the server answered ${response.status} ${response.statusText}`,
    };
  }
  if (response.body.bodyId !== undefined || response.body.isTruncated) {
    return { ok: false, message: 'The schema is larger than Shomei reads for introspection (2 MB)' };
  }
  let json: { data?: unknown; errors?: Array<{ message?: unknown }> };
  try {
    json = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(response.body.base64), (c) => c.charCodeAt(0))),
    ) as typeof json;
  } catch {
    return { ok: false, message: 'The introspection answer is not JSON' };
  }
  if (json.errors?.length)
    return { ok: false, message: `The server refused introspection: ${String(json.errors[0]?.message ?? 'an error')}` };
  try {
    return { ok: true, schema: buildClientSchema(json.data as IntrospectionQuery) };
  } catch (error) {
    return {
      ok: false,
      message: `The introspection answer is not a schema: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
