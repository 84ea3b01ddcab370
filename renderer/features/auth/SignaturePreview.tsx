import type { SigningSummary } from '../../../shared/contract/http';

/** What *Preview signature* shows: what Send would sign now, without sending. */
export interface SignaturePreviewValue {
  url: string;
  headers: Array<[string, string]>;
  signing: SigningSummary;
}

/** The signed request a preview produced: URL, headers, canonical request and string to sign. */
export function SignaturePreview({ preview }: { preview: SignaturePreviewValue }) {
  return (
    <div className="form-grid-wide signature" data-testid="signature-preview">
      <h3>About to be sent</h3>
      <p className="mono">{preview.url}</p>
      <pre className="code">{preview.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}</pre>
      <h3>Canonical request</h3>
      <pre className="code" data-testid="preview-canonical-request">
        {preview.signing.canonicalRequest}
      </pre>
      <h3>String to sign</h3>
      <pre className="code">{preview.signing.stringToSign}</pre>
      <p className="mono">
        {preview.signing.algorithm === 'sigv4a' ? `SigV4a, region set ${preview.signing.region} · ` : ''}
        Scope {preview.signing.credentialScope} · signed headers {preview.signing.signedHeaders}
      </p>
      <p className="hint">
        Signed now for the preview; Send signs again at its own instant (the date and signature change, nothing else).
      </p>
    </div>
  );
}
