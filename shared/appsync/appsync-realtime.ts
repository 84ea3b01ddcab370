import { parse, type OperationDefinitionNode } from 'graphql';
import { z } from 'zod';

/**
 * AWS AppSync's real-time protocol for GraphQL subscriptions (the `graphql-ws` subprotocol as
 * AppSync speaks it, not the newer `graphql-transport-ws`): what both sides of Shomei need to
 * know of it. See https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
 */

/** The WebSocket subprotocol AppSync's real-time endpoint asks for. */
export const APPSYNC_SUBPROTOCOL = 'graphql-ws';

/** The `payload` query parameter of the connection URL: base64 of `{}`. */
export const APPSYNC_EMPTY_PAYLOAD = 'e30=';

/** The headers AppSync's documentation signs for IAM (`connection_init` and each `start`), besides `host` and `x-amz-date`. */
export const APPSYNC_IAM_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['accept', 'application/json, text/javascript'],
  ['content-encoding', 'amz-1.0'],
  ['content-type', 'application/json; charset=UTF-8'],
];

const APPSYNC_API_HOST = /^([a-z0-9]+)\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/i;

/**
 * The real-time URL for a GraphQL endpoint: `https://<id>.appsync-api.<region>.amazonaws.com/graphql`
 * becomes `wss://<id>.appsync-realtime-api.<region>.amazonaws.com/graphql`; any other host (a custom
 * domain, a local stand-in) gets `/realtime` after its path, as AppSync's custom domains do, and
 * `http:` becomes `ws:`. Undefined for a URL that is not http(s).
 */
export function realtimeUrlOf(graphqlUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(graphqlUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const match = APPSYNC_API_HOST.exec(url.hostname);
  const path = url.pathname === '' ? '/' : url.pathname;
  if (match) {
    const host = `${match[1]}.appsync-realtime-api.${match[2]}.amazonaws.com${match[3] ?? ''}`;
    return `${scheme}//${host}${url.port ? `:${url.port}` : ''}${path}`;
  }
  return `${scheme}//${url.host}${path.replace(/\/$/, '')}/realtime`;
}

/** True for a host of AppSync's GraphQL API (`<id>.appsync-api.<region>.amazonaws.com`). */
export function isAppSyncApiHost(host: string): boolean {
  return APPSYNC_API_HOST.test(host.replace(/:\d+$/, ''));
}

/**
 * The kind of operation a GraphQL document runs: the one named `operationName`, or its only one.
 * Undefined when the document does not parse or the choice is ambiguous.
 */
export function operationKindOf(query: string, operationName = ''): OperationDefinitionNode['operation'] | undefined {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
    );
  } catch {
    return undefined;
  }
  const name = operationName.trim();
  const chosen =
    name === '' ? (operations.length === 1 ? operations[0] : undefined) : operations.find((op) => op.name?.value === name);
  return chosen?.operation;
}

/** An error as AppSync sends it in `connection_error` and `error` messages. */
export const AppSyncErrorSchema = z
  .object({
    errorType: z.string().optional(),
    errorCode: z.union([z.number(), z.string()]).optional(),
    message: z.string().optional(),
  })
  .passthrough();
export type AppSyncError = z.infer<typeof AppSyncErrorSchema>;

const ErrorsPayloadSchema = z.object({ errors: z.array(AppSyncErrorSchema).max(100).default([]) }).passthrough();

/** Every message AppSync's real-time endpoint sends; anything else is not AppSync speaking. */
export const AppSyncServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('connection_ack'),
    payload: z.object({ connectionTimeoutMs: z.number().int().positive().max(3_600_000) }).passthrough(),
  }),
  z.object({ type: z.literal('connection_error'), payload: ErrorsPayloadSchema.optional() }),
  z.object({ type: z.literal('ka') }),
  z.object({ type: z.literal('start_ack'), id: z.string() }),
  z.object({ type: z.literal('data'), id: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.string().optional(), payload: ErrorsPayloadSchema.optional() }),
  z.object({ type: z.literal('complete'), id: z.string() }),
]);
export type AppSyncServerMessage = z.infer<typeof AppSyncServerMessageSchema>;

/** AppSync's errors in one line: `UnauthorizedException: Permission denied; …`. */
export function describeAppSyncErrors(errors: readonly AppSyncError[] | undefined): string {
  const lines = (errors ?? []).map((error) =>
    [error.errorType ?? (error.errorCode === undefined ? undefined : String(error.errorCode)), error.message]
      .filter((part): part is string => part !== undefined && part !== '')
      .join(': '),
  );
  return lines.filter((line) => line !== '').join('; ') || 'no reason given';
}
