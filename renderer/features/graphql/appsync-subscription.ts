import { isAppSyncApiHost, operationKindOf } from '../../../shared/appsync/appsync-realtime';
import type { EditorDraft } from '../request/request-draft';

/**
 * True when the draft is a GraphQL `subscription` to an AppSync API: an `*.appsync-api.*` host, or
 * AWS Signature with the service `appsync` (a custom domain). Its URL may still hold `{{variables}}`.
 */
export function isAppSyncSubscription(draft: EditorDraft): boolean {
  if (draft.bodyKind !== 'graphql') return false;
  if (operationKindOf(draft.graphql.query, draft.graphql.operationName) !== 'subscription') return false;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(draft.url.trim())?.[1] ?? '';
  return isAppSyncApiHost(host) || (draft.authType === 'aws-sigv4' && draft.aws.service.trim() === 'appsync');
}
