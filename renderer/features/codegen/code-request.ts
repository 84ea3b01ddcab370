import { composeGraphqlBody } from '../../../shared/graphql/graphql-body';
import type { CodeRequest } from '../../../shared/codegen/generate-code';
import type { CredentialProfileSummary } from '../../../shared/contract/credentials';
import { textBodyOf } from '../../../shared/encoding/body-encoding';
import { sendOptionsOf, type EditorDraft } from '../request/request-draft';

const LANGUAGES = { json: 'json', xml: 'xml', text: 'raw' } as const;

/** The body as text for generated code, encoded as Send encodes it; undefined with a reason for bodies that are files. */
export function bodyOf(draft: EditorDraft): { body?: string; contentType?: string; note?: string } {
  switch (draft.bodyKind) {
    case 'none':
      return {};
    case 'json':
    case 'xml':
    case 'text': {
      const { text, contentType } = textBodyOf({
        kind: 'text',
        language: LANGUAGES[draft.bodyKind],
        text: draft.bodyText,
      });
      return { body: text, contentType };
    }
    case 'graphql': {
      const composed = composeGraphqlBody(draft.graphql);
      if (!composed.ok) return { note: composed.message };
      const { text, contentType } = textBodyOf({ kind: 'text', language: 'graphql', text: composed.text });
      return { body: text, contentType };
    }
    case 'form': {
      const { text, contentType } = textBodyOf({ kind: 'form-urlencoded', rows: draft.formRows });
      return { body: text, contentType };
    }
    default:
      return {
        note: 'File and multipart bodies are left out of generated code: add them with your tool of choice (the signature then covers them at run time).',
      };
  }
}

/**
 * The editor's request as the code generator takes it: enabled headers, the body encoded as Send
 * encodes it (with its Content-Type unless a header sets one), the scope, whether a session token
 * is expected and the send options. Holds no secret. `note` says what was left out.
 */
export function codeRequestOf(
  draft: EditorDraft,
  profile: CredentialProfileSummary | undefined,
): { request: CodeRequest; note?: string | undefined } {
  const { body, contentType, note } = bodyOf(draft);
  const headers = draft.headers
    .filter((h) => h.isEnabled && h.name.trim() !== '')
    .map((h): [string, string] => [h.name.trim(), h.value]);
  if (contentType && !headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', contentType]);
  const hasSessionToken =
    draft.aws.credentialChoice === 'typed' ? draft.aws.sessionToken.trim() !== '' : (profile?.hasSessionToken ?? true);
  // Generated code signs with SigV4 only: say so rather than hand over code the endpoint will refuse.
  const sigv4aNote =
    draft.authType === 'aws-sigv4' && draft.aws.algorithm === 'sigv4a'
      ? `This request signs with SigV4a (region set ${draft.aws.regionSet.trim() || '*'}); the code below signs with SigV4, which SigV4a endpoints such as S3 Multi-Region Access Points refuse. Use the AWS SDK or @smithy/signature-v4a for it.`
      : undefined;
  const notes = [note, sigv4aNote].filter((text): text is string => text !== undefined);
  return {
    request: {
      method: draft.method,
      url: draft.url.trim(),
      headers,
      ...(body === undefined ? {} : { body }),
      region: draft.aws.region.trim() || 'us-east-1',
      service: draft.aws.service.trim() || 'execute-api',
      hasSessionToken,
      ...(profile?.assumeRole ? { roleArn: profile.assumeRole.roleArn } : {}),
      options: sendOptionsOf(draft.options),
    },
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}
