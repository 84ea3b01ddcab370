import type { AwsProfileSummary } from '../../../shared/contract/credentials';
import type { AwsAuthDraft } from '../request/request-draft';

/** A `~/.aws` profile by name, with the names found there offered as suggestions. */
export function AwsCliProfileField({
  awsProfile,
  awsProfiles,
  aws,
}: {
  awsProfile: string;
  awsProfiles: readonly AwsProfileSummary[];
  aws(patch: Partial<AwsAuthDraft>): void;
}) {
  return (
    <>
      <label htmlFor="aws-cli-profile">AWS profile</label>
      <input
        id="aws-cli-profile"
        list="aws-cli-profiles"
        value={awsProfile}
        spellCheck={false}
        placeholder="default"
        onChange={(event) => aws({ awsProfile: event.target.value })}
      />
      <datalist id="aws-cli-profiles">
        {awsProfiles.map((p) => (
          <option key={p.name} value={p.name}>
            {p.kind}
            {p.region ? ` · ${p.region}` : ''}
          </option>
        ))}
      </datalist>
      <p className="hint form-grid-wide">
        Read from ~/.aws/config and ~/.aws/credentials when you send (role chains, credential_process and SSO included).
      </p>
    </>
  );
}
