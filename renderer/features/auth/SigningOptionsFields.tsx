import type { SigningTarget } from '../../../shared/aws/signing-presets';
import type { AwsAuthDraft } from '../request/request-draft';
import { SigningAlgorithmField } from './SigningAlgorithmField';

/** Where the signature goes (header or presigned URL), the payload hash and the session token. */
export function SigningOptionsFields({
  auth,
  detected,
  aws,
  onPresign,
}: {
  auth: AwsAuthDraft;
  /** What the URL's host says, when it is an AWS host. */
  detected: SigningTarget | undefined;
  aws(patch: Partial<AwsAuthDraft>): void;
  onPresign?: (() => void) | undefined;
}) {
  return (
    <>
      <SigningAlgorithmField auth={auth} detected={detected} aws={aws} />
      <label htmlFor="aws-sign-into">Sign into</label>
      <div className="inline-row">
        <select
          id="aws-sign-into"
          value={auth.isQuerySigned ? 'query' : 'header'}
          onChange={(event) => aws({ isQuerySigned: event.target.value === 'query' })}
        >
          <option value="header">Authorization header</option>
          <option value="query">Query string (presigned URL)</option>
        </select>
        {auth.isQuerySigned && (
          <>
            <label htmlFor="aws-expires">Expires in (s)</label>
            <input
              id="aws-expires"
              className="narrow"
              type="number"
              min={1}
              max={604800}
              value={auth.expiresInSeconds}
              onChange={(event) =>
                aws({
                  expiresInSeconds: Math.max(1, Math.min(604_800, Math.floor(Number(event.target.value)) || 1)),
                })
              }
            />
          </>
        )}
        {onPresign && (
          <button type="button" onClick={onPresign}>
            Copy presigned URL
          </button>
        )}
      </div>
      <label htmlFor="aws-payload">Payload</label>
      <select
        id="aws-payload"
        value={auth.payload}
        onChange={(event) => aws({ payload: event.target.value as AwsAuthDraft['payload'] })}
      >
        <option value="default">
          Service default (
          {detected?.service === auth.service.trim() && detected.payload === 'unsigned'
            ? 'UNSIGNED-PAYLOAD'
            : 'signed SHA-256 of the body'}
          )
        </option>
        <option value="signed">Signed SHA-256 of the body</option>
        {(auth.payload === 'unsigned' || detected?.isUnsignedPayloadAllowed === true || !detected) && (
          <option value="unsigned">UNSIGNED-PAYLOAD (the body is not covered by the signature)</option>
        )}
      </select>
      <span className="form-label">Session token</span>
      <label className="radio">
        <input
          type="checkbox"
          checked={auth.isSessionTokenSigned}
          onChange={(event) => aws({ isSessionTokenSigned: event.target.checked })}
        />{' '}
        Signed (off: added after signing, as AWS IoT wants)
      </label>
    </>
  );
}
