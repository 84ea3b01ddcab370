import { useMemo } from 'react';
import type { SigningSummary } from '../../../shared/contract/http';
import { signedVsSent } from './signed-vs-sent';

/** What was signed: canonical request, string to sign, and each signed header against what was sent. */
export function SignatureView({
  signing,
  sentHeaders,
}: {
  signing: SigningSummary;
  sentHeaders: ReadonlyArray<readonly [string, string]>;
}) {
  const checks = useMemo(
    () => signedVsSent(signing.canonicalRequest, signing.signedHeaders, sentHeaders),
    [signing, sentHeaders],
  );
  return (
    <div className="signature">
      <p>
        Signed {signing.algorithm === 'sigv4a' ? 'with SigV4a (ECDSA P-256) ' : ''}as <strong>{signing.service}</strong>{' '}
        {signing.algorithm === 'sigv4a' ? 'for region set' : 'in'} <strong>{signing.region}</strong> (
        {signing.isQuerySigned ? 'query string' : 'Authorization header'})
      </p>
      <h3>Canonical request</h3>
      <pre className="code" data-testid="canonical-request">
        {signing.canonicalRequest}
      </pre>
      <h3>String to sign</h3>
      <pre className="code" data-testid="string-to-sign">
        {signing.stringToSign}
      </pre>
      <p className="mono">Signed headers: {signing.signedHeaders}</p>
      <h3>Signed vs sent</h3>
      <table className="header-list" aria-label="Signed vs sent" data-testid="signed-vs-sent">
        <thead>
          <tr>
            <th>Header</th>
            <th>Signed</th>
            <th>Sent</th>
            <th>Match</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.name}>
              <th scope="row">{check.name}</th>
              <td>{check.signed}</td>
              <td>{check.sent ?? '(not sent)'}</td>
              <td>{check.isSame ? '✓ same' : '✗ changed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
