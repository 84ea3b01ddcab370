import type { SigningTarget } from '../../../shared/aws/signing-presets';
import { VariableInput } from '../../components/VariableInput';
import type { AwsAuthDraft } from '../request/request-draft';

/** SigV4 or SigV4a, and SigV4a's region set; warns when the host needs SigV4a and SigV4 is chosen. */
export function SigningAlgorithmField({
  auth,
  detected,
  aws,
}: {
  auth: AwsAuthDraft;
  /** What the URL's host says, when it is an AWS host. */
  detected: SigningTarget | undefined;
  aws(patch: Partial<AwsAuthDraft>): void;
}) {
  return (
    <>
      <label htmlFor="aws-algorithm">Algorithm</label>
      <div className="inline-row">
        <select
          id="aws-algorithm"
          value={auth.algorithm}
          onChange={(event) => aws({ algorithm: event.target.value === 'sigv4a' ? 'sigv4a' : 'sigv4' })}
        >
          <option value="sigv4">SigV4 (HMAC-SHA256, one region)</option>
          <option value="sigv4a">SigV4a (ECDSA P-256, a region set)</option>
        </select>
        {auth.algorithm === 'sigv4a' && (
          <>
            <label htmlFor="aws-region-set">Region set</label>
            <VariableInput
              id="aws-region-set"
              value={auth.regionSet}
              spellCheck={false}
              placeholder="*"
              onChange={(event) => aws({ regionSet: event.target.value })}
            />
          </>
        )}
      </div>
      {detected?.algorithm === 'sigv4a' && auth.algorithm !== 'sigv4a' && (
        <p className="hint form-grid-wide" role="status">
          {detected.label} hosts need SigV4a; SigV4 signatures are refused there.
        </p>
      )}
    </>
  );
}
