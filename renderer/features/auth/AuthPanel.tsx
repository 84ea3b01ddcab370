import { useState } from 'react';
import { detectSigningTarget } from '../../../shared/aws/signing-presets';
import type { SigningSummary } from '../../../shared/contract/http';
import { invoke } from '../../api/client';
import type { DescribeReference } from '../../components/reference-look';
import { VariableInput } from '../../components/VariableInput';
import { PromptDialog } from '../collections/PromptDialog';
import { ExpiryCountdown } from '../credentials/ExpiryCountdown';
import { PasteCredentials } from '../credentials/PasteCredentials';
import { credentialsChanged, useCredentials } from '../credentials/use-credentials';
import { VaultUnlock } from '../credentials/VaultUnlock';
import {
  credentialSourceOf,
  type AwsAuthDraft,
  type CredentialChoice,
  type DraftAction,
  type RequestDraft,
} from '../request/request-draft';

/** What the Auth tab needs from the editor around it. */
export interface AuthPanelProps {
  draft: RequestDraft;
  update(action: DraftAction): void;
  /** Marks `{{references}}` in the region and service as resolved or not. */
  describeReference?: DescribeReference | undefined;
  /** Opens the credential manager. */
  onManageCredentials?(): void;
  /** Signs the request into its query string without sending it. */
  onPresign?(): Promise<{ ok: true; url: string; expiresAt: string } | { ok: false; message: string }>;
  /** Signs the request as Send would, without sending it, for the preview. */
  onInspect?(): Promise<
    | { ok: true; url: string; headers: Array<[string, string]>; signing: SigningSummary }
    | { ok: false; message: string }
  >;
}

const CHOICES: Array<[CredentialChoice, string]> = [
  ['typed', 'Keys typed or pasted here'],
  ['profile', 'Saved credential profile'],
  ['aws-profile', '~/.aws profile'],
  ['env', 'Environment variables'],
  ['default-chain', 'Default chain (env, ~/.aws, container or instance role)'],
  ['inherit', 'Inherit from folder / collection'],
];

/**
 * The Auth tab: no auth, or AWS Signature Version 4. Keys come from a paste, typed fields, a saved
 * profile (its secrets stay in main), a `~/.aws` profile, the environment or the default chain.
 */
export function AuthPanel({
  draft,
  update,
  describeReference,
  onManageCredentials,
  onPresign,
  onInspect,
}: AuthPanelProps) {
  const aws = (patch: Partial<AwsAuthDraft>) => update({ type: 'aws', patch });
  const { profiles, vault, awsProfiles } = useCredentials();
  const [isNaming, setIsNaming] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | undefined>();
  const choice = draft.aws.credentialChoice;
  const profile = profiles.find((p) => p.id === draft.aws.profileId);
  const detected = detectSigningTarget(draft.url);
  const isFollowingUrl =
    detected !== undefined &&
    detected.region === draft.aws.region.trim() &&
    detected.service === draft.aws.service.trim();
  const [presigned, setPresigned] = useState<{ url: string; expiresAt: string } | undefined>();

  const [preview, setPreview] = useState<
    { url: string; headers: Array<[string, string]>; signing: SigningSummary } | undefined
  >();
  const inspect = async () => {
    if (!onInspect) return;
    const result = await onInspect();
    if (!result.ok) {
      setPreview(undefined);
      return setNote({ ok: false, text: result.message });
    }
    setPreview(result);
  };

  const presign = async () => {
    if (!onPresign) return;
    const result = await onPresign();
    if (!result.ok) return setNote({ ok: false, text: result.message });
    setPresigned(result);
    try {
      await navigator.clipboard.writeText(result.url);
      setNote({
        ok: true,
        text: `Presigned URL copied; it works until ${new Date(result.expiresAt).toLocaleString()}.`,
      });
    } catch {
      setNote({
        ok: true,
        text: `Presigned URL made (select and copy it below); it works until ${new Date(result.expiresAt).toLocaleString()}.`,
      });
    }
  };

  const saveAsProfile = async (name: string) => {
    setIsNaming(false);
    const source = credentialSourceOf(draft.aws);
    if (source?.source !== 'inline') return;
    const { source: _source, ...keys } = source;
    const result = await invoke('credentials:save', { name, keys });
    if (!result.ok) return setNote({ ok: false, text: result.error.message });
    // From now on the renderer holds only the profile's id: the typed secrets are dropped.
    aws({
      credentialChoice: 'profile',
      profileId: result.value.id,
      accessKeyId: '',
      secretAccessKey: '',
      sessionToken: '',
      expiration: '',
    });
    setNote({ ok: true, text: `Saved as “${name}”; the keys are now kept encrypted in Shomei’s vault.` });
    credentialsChanged();
  };

  const checkIdentity = async () => {
    const credentials = credentialSourceOf(draft.aws);
    if (!credentials)
      return setNote({
        ok: false,
        text: 'Inherited credentials are known only when the request is sent from its folder.',
      });
    setNote({ ok: true, text: 'Asking STS who these credentials are…' });
    const stsRegion = /^[a-z0-9-]+$/.test(draft.aws.region.trim()) ? draft.aws.region.trim() : undefined;
    const result = await invoke('credentials:check-identity', {
      credentials,
      ...(stsRegion ? { region: stsRegion } : {}),
    });
    setNote(
      result.ok
        ? { ok: true, text: `Account ${result.value.account} · ${result.value.arn} (key ${result.value.keyIdMasked})` }
        : { ok: false, text: result.error.message },
    );
  };

  return (
    <div className="form-grid">
      <label htmlFor="auth-type">Auth type</label>
      <select
        id="auth-type"
        value={draft.authType}
        onChange={(event) => update({ type: 'authType', authType: event.target.value as RequestDraft['authType'] })}
      >
        <option value="none">No auth</option>
        <option value="aws-sigv4">AWS Signature</option>
      </select>
      {draft.authType === 'aws-sigv4' ? (
        <>
          <label htmlFor="aws-credential-source">Credentials</label>
          <div className="inline-row">
            <select
              id="aws-credential-source"
              value={choice}
              onChange={(event) => aws({ credentialChoice: event.target.value as CredentialChoice })}
            >
              {CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {onManageCredentials && (
              <button type="button" onClick={onManageCredentials}>
                Manage…
              </button>
            )}
          </div>
          {choice === 'typed' && (
            <>
              <span className="form-label">Paste</span>
              <PasteCredentials
                onParsed={(value) =>
                  aws({
                    accessKeyId: value.accessKeyId,
                    secretAccessKey: value.secretAccessKey,
                    sessionToken: value.sessionToken ?? '',
                    expiration: value.expiration?.toISOString() ?? '',
                  })
                }
              />
              <label htmlFor="aws-access-key-id">Access key ID</label>
              <input
                id="aws-access-key-id"
                value={draft.aws.accessKeyId}
                autoComplete="off"
                spellCheck={false}
                placeholder="AKIA… or ASIA…"
                onChange={(event) => aws({ accessKeyId: event.target.value })}
              />
              <label htmlFor="aws-secret-access-key">Secret access key</label>
              <input
                id="aws-secret-access-key"
                type="password"
                value={draft.aws.secretAccessKey}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => aws({ secretAccessKey: event.target.value })}
              />
              <label htmlFor="aws-session-token">Session token</label>
              <input
                id="aws-session-token"
                type="password"
                value={draft.aws.sessionToken}
                autoComplete="off"
                spellCheck={false}
                placeholder="Only for temporary credentials"
                onChange={(event) =>
                  aws({ sessionToken: event.target.value, ...(event.target.value === '' ? { expiration: '' } : {}) })
                }
              />
              {draft.aws.expiration && (
                <>
                  <span className="form-label">Expiry</span>
                  <ExpiryCountdown expiration={draft.aws.expiration} />
                </>
              )}
              <span />
              <div className="inline-row">
                <button
                  type="button"
                  disabled={draft.aws.accessKeyId.trim() === '' || draft.aws.secretAccessKey.trim() === ''}
                  onClick={() => setIsNaming(true)}
                >
                  Save as profile…
                </button>
              </div>
              {vault && vault.state !== 'ready' && (
                <div className="form-grid-wide">
                  <VaultUnlock vault={vault} />
                </div>
              )}
            </>
          )}
          {choice === 'profile' && (
            <>
              <label htmlFor="aws-profile-id">Profile</label>
              <select
                id="aws-profile-id"
                value={draft.aws.profileId}
                onChange={(event) => aws({ profileId: event.target.value })}
              >
                <option value="">Choose a saved profile…</option>
                {profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ·{' '}
                    {p.kind === 'assume-role' ? `assumes ${p.assumeRole?.roleArn ?? 'a role'}` : (p.keyIdMasked ?? '')}
                  </option>
                ))}
                {draft.aws.profileId !== '' && !profile && (
                  <option value={draft.aws.profileId}>{draft.aws.profileId} (not set up here)</option>
                )}
              </select>
              {profile?.expiration && (
                <>
                  <span className="form-label">Expiry</span>
                  <ExpiryCountdown
                    expiration={profile.expiration}
                    renewHint={
                      profile.kind === 'assume-role'
                        ? 'Shomei assumes the role again on the next send'
                        : 'paste fresh keys into this profile'
                    }
                  />
                </>
              )}
              {vault && vault.state !== 'ready' && (
                <div className="form-grid-wide">
                  <VaultUnlock vault={vault} />
                </div>
              )}
            </>
          )}
          {choice === 'aws-profile' && (
            <>
              <label htmlFor="aws-cli-profile">AWS profile</label>
              <input
                id="aws-cli-profile"
                list="aws-cli-profiles"
                value={draft.aws.awsProfile}
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
                Read from ~/.aws/config and ~/.aws/credentials when you send (role chains, credential_process and SSO
                included).
              </p>
            </>
          )}
          {(choice === 'env' || choice === 'default-chain') && (
            <p className="hint form-grid-wide">
              {choice === 'env'
                ? 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of the environment Shomei runs in.'
                : 'Environment variables, then ~/.aws files, then a container or EC2 instance role — resolved by Shomei’s main process when you send.'}
            </p>
          )}
          {choice === 'inherit' && (
            <p className="hint form-grid-wide">Uses the credentials set on the request’s folder or collection.</p>
          )}
          <label htmlFor="aws-region">Region</label>
          <VariableInput
            id="aws-region"
            value={draft.aws.region}
            spellCheck={false}
            placeholder="us-east-1"
            describeReference={describeReference}
            onChange={(event) => aws({ region: event.target.value })}
          />
          <label htmlFor="aws-service">Service</label>
          <VariableInput
            id="aws-service"
            value={draft.aws.service}
            spellCheck={false}
            placeholder="execute-api"
            describeReference={describeReference}
            onChange={(event) => aws({ service: event.target.value })}
          />
          <span />
          <p className="hint" data-testid="signing-scope">
            {isFollowingUrl && detected ? (
              <>
                Signing as <strong>{detected.service}</strong> in <strong>{detected.region}</strong> ({detected.label},
                from the URL)
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
            ) : draft.url.trim() === '' ? (
              'Region and service follow the URL for AWS hosts (API Gateway, Lambda URLs, S3, …).'
            ) : (
              'A custom domain: Shomei signs with the region and service above.'
            )}
          </p>
          <label htmlFor="aws-sign-into">Sign into</label>
          <div className="inline-row">
            <select
              id="aws-sign-into"
              value={draft.aws.isQuerySigned ? 'query' : 'header'}
              onChange={(event) => aws({ isQuerySigned: event.target.value === 'query' })}
            >
              <option value="header">Authorization header</option>
              <option value="query">Query string (presigned URL)</option>
            </select>
            {draft.aws.isQuerySigned && (
              <>
                <label htmlFor="aws-expires">Expires in (s)</label>
                <input
                  id="aws-expires"
                  className="narrow"
                  type="number"
                  min={1}
                  max={604800}
                  value={draft.aws.expiresInSeconds}
                  onChange={(event) =>
                    aws({
                      expiresInSeconds: Math.max(1, Math.min(604_800, Math.floor(Number(event.target.value)) || 1)),
                    })
                  }
                />
              </>
            )}
            {onPresign && (
              <button type="button" onClick={() => void presign()}>
                Copy presigned URL
              </button>
            )}
          </div>
          <label htmlFor="aws-payload">Payload</label>
          <select
            id="aws-payload"
            value={draft.aws.payload}
            onChange={(event) => aws({ payload: event.target.value as AwsAuthDraft['payload'] })}
          >
            <option value="default">
              Service default (
              {detected?.service === draft.aws.service.trim() && detected.payload === 'unsigned'
                ? 'UNSIGNED-PAYLOAD'
                : 'signed SHA-256 of the body'}
              )
            </option>
            <option value="signed">Signed SHA-256 of the body</option>
            {(draft.aws.payload === 'unsigned' || detected?.isUnsignedPayloadAllowed === true || !detected) && (
              <option value="unsigned">UNSIGNED-PAYLOAD (the body is not covered by the signature)</option>
            )}
          </select>
          <span className="form-label">Session token</span>
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.aws.isSessionTokenSigned}
              onChange={(event) => aws({ isSessionTokenSigned: event.target.checked })}
            />{' '}
            Signed (off: added after signing, as AWS IoT wants)
          </label>
          {presigned && (
            <textarea
              className="form-grid-wide mono"
              aria-label="Presigned URL"
              readOnly
              rows={3}
              value={presigned.url}
              data-testid="presigned-url"
            />
          )}
          <span />
          <div className="inline-row">
            <button type="button" onClick={() => void checkIdentity()} disabled={choice === 'inherit'}>
              Check identity
            </button>
            {onInspect && (
              <button type="button" onClick={() => void inspect()}>
                Preview signature
              </button>
            )}
          </div>
          {note && (
            <p
              role={note.ok ? 'status' : 'alert'}
              className={`form-grid-wide ${note.ok ? 'hint' : 'warning'}`}
              data-testid="auth-note"
            >
              {note.text}
            </p>
          )}
          {preview && (
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
                Scope {preview.signing.credentialScope} · signed headers {preview.signing.signedHeaders}
              </p>
              <p className="hint">
                Signed now for the preview; Send signs again at its own instant (the date and signature change, nothing
                else).
              </p>
            </div>
          )}
          <p className="hint form-grid-wide">
            Keys are sent to Shomei&apos;s main process, which signs the request; they never leave this machine
            otherwise.
          </p>
          {isNaming && (
            <PromptDialog
              title="Save credentials as a profile"
              label="Profile name"
              confirm="Save"
              onSubmit={(name) => void saveAsProfile(name)}
              onClose={() => setIsNaming(false)}
            />
          )}
        </>
      ) : (
        <p className="hint form-grid-wide">This request is sent without authentication.</p>
      )}
    </div>
  );
}
