import { serviceRules } from '../../../shared/aws/service-rules';
import {
  BINARY_CONTENT_TYPE,
  FORM_CONTENT_TYPE,
  multipartContentType,
  TEXT_CONTENT_TYPES,
} from '../../../shared/encoding/body-encoding';
import type { EditorDraft } from './request-draft';

const BODY_TYPES: Partial<Record<EditorDraft['bodyKind'], string>> = {
  json: TEXT_CONTENT_TYPES.json,
  graphql: TEXT_CONTENT_TYPES.graphql,
  text: TEXT_CONTENT_TYPES.raw,
  xml: TEXT_CONTENT_TYPES.xml,
  form: FORM_CONTENT_TYPE,
  multipart: multipartContentType('… (fixed per send)'),
};

/** The headers Shomei adds itself, read-only, so nothing on the wire is a surprise. */
export function AddedHeaders({ draft }: { draft: EditorDraft }) {
  const has = (name: string) => draft.headers.some((h) => h.isEnabled && h.name.trim().toLowerCase() === name);
  let host = '';
  try {
    host = new URL(draft.url.trim()).host;
  } catch {
    host = '(from the URL)';
  }
  const isContentSha256Sent = serviceRules(draft.aws.service).isContentSha256Sent;
  const contentType =
    draft.bodyKind === 'binary' ? draft.binaryContentType || BINARY_CONTENT_TYPE : BODY_TYPES[draft.bodyKind];
  const rows: Array<[string, string]> = [['Host', host]];
  if (contentType && !has('content-type')) rows.push(['Content-Type', contentType]);
  if (draft.bodyKind !== 'none') rows.push(['Content-Length', '(the exact byte count)']);
  if (draft.authType === 'aws-sigv4' && !draft.aws.isQuerySigned) {
    rows.push(['X-Amz-Date', '(the signing time)']);
    if (isContentSha256Sent) rows.push(['X-Amz-Content-SHA256', '(the SHA-256 of the body, or UNSIGNED-PAYLOAD)']);
    rows.push(
      ['X-Amz-Security-Token', '(when the credentials have a session token)'],
      ['Authorization', 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…'],
    );
  }
  return (
    <table className="header-list added-headers" aria-label="Headers Shomei adds">
      <caption className="hint">Added by Shomei when it sends</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="hint">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
