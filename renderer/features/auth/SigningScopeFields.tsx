import type { SigningTarget } from '../../../shared/aws/signing-presets';
import type { DescribeReference } from '../../components/reference-look';
import { VariableInput } from '../../components/VariableInput';
import type { AwsAuthDraft } from '../request/request-draft';

/** Region and service, and whether they follow what the URL says. */
export function SigningScopeFields({
  url,
  region,
  service,
  detected,
  describeReference,
  aws,
}: {
  url: string;
  region: string;
  service: string;
  /** What the URL's host says, when it is an AWS host. */
  detected: SigningTarget | undefined;
  describeReference?: DescribeReference | undefined;
  aws(patch: Partial<AwsAuthDraft>): void;
}) {
  const isFollowingUrl =
    detected !== undefined && detected.region === region.trim() && detected.service === service.trim();
  return (
    <>
      <label htmlFor="aws-region">Region</label>
      <VariableInput
        id="aws-region"
        value={region}
        spellCheck={false}
        placeholder="us-east-1"
        describeReference={describeReference}
        onChange={(event) => aws({ region: event.target.value })}
      />
      <label htmlFor="aws-service">Service</label>
      <VariableInput
        id="aws-service"
        value={service}
        spellCheck={false}
        placeholder="execute-api"
        describeReference={describeReference}
        onChange={(event) => aws({ service: event.target.value })}
      />
      <span />
      <p className="hint" data-testid="signing-scope">
        {isFollowingUrl && detected ? (
          <>
            Signing as <strong>{detected.service}</strong> in <strong>{detected.region}</strong> ({detected.label}, from
            the URL)
          </>
        ) : detected ? (
          <>
            The URL says {detected.service} in {detected.region} ({detected.label}).{' '}
            <button
              type="button"
              className="link"
              onClick={() => aws({ region: detected.region, service: detected.service, isScopeOverridden: false })}
            >
              Use it
            </button>
          </>
        ) : url.trim() === '' ? (
          'Region and service follow the URL for AWS hosts (API Gateway, Lambda URLs, S3, …).'
        ) : (
          'A custom domain: Shomei signs with the region and service above.'
        )}
      </p>
    </>
  );
}
