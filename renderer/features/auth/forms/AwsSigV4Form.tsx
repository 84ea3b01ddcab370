import { useState } from 'react';
import { detectSigningTarget } from '../../../../shared/aws/signing-presets';
import { invoke } from '../../../api/client';
import type { DescribeReference } from '../../../components/reference-look';
import { PromptDialog } from '../../collections/PromptDialog';
import { useCredentials } from '../../credentials/use-credentials';
import {
  credentialSourceOf,
  type AwsAuthDraft,
  type CredentialChoice,
  type DraftAction,
  type EditorDraft,
} from '../../request/request-draft';
import { AwsCliProfileField } from '../AwsCliProfileField';
import { SavedProfileFields } from '../SavedProfileFields';
import { SignaturePreview, type SignaturePreviewValue } from '../SignaturePreview';
import { SigningOptionsFields } from '../SigningOptionsFields';
import { SigningScopeFields } from '../SigningScopeFields';
import { TypedKeysFields } from '../TypedKeysFields';

/** What the AWS form needs from the editor around it (its draft is the editor's own `aws`). */
export interface AwsSigV4FormProps {
  draft: EditorDraft;
  update(action: DraftAction): void;
  /** Marks `{{references}}` in the region and service as resolved or not. */
  describeReference?: DescribeReference | undefined;
  /** Opens the credential manager. */
  onManageCredentials?(): void;
  /** Signs the request into its query string without sending it. */
  onPresign?(): Promise<{ ok: true; url: string; expiresAt: string } | { ok: false; message: string }>;
  /** Signs the request as Send would, without sending it, for the preview. */
  onInspect?(): Promise<({ ok: true } & SignaturePreviewValue) | { ok: false; message: string }>;
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
 * AWS Signature Version 4. Keys come from a paste, typed fields, a saved profile (its secrets stay
 * in main), a `~/.aws` profile, the environment or the default chain.
 */
export function AwsSigV4Form({
  draft,
  update,
  describeReference,
  onManageCredentials,
  onPresign,
  onInspect,
}: AwsSigV4FormProps) {
  const aws = (patch: Partial<AwsAuthDraft>) => update({ type: 'aws', patch });
  const { profiles, vault, awsProfiles } = useCredentials();
  const [isNaming, setIsNaming] = useState(false);
  /** What the form last said; `source` marks a "Check identity" answer, valid only for that credential source. */
  const [note, setNote] = useState<{ ok: boolean; text: string; source?: string } | undefined>();
  const choice = draft.aws.credentialChoice;
  const { profileId, awsProfile, accessKeyId, secretAccessKey, sessionToken } = draft.aws;
  const sourceKey = [choice, profileId, awsProfile, accessKeyId, secretAccessKey, sessionToken].join('\n');
  // An identity checked for other credentials says nothing about these: it goes when they change.
  const shownNote = note?.source === undefined || note.source === sourceKey ? note : undefined;
  const detected = detectSigningTarget(draft.url);
  const [presigned, setPresigned] = useState<{ url: string; expiresAt: string } | undefined>();

  const [preview, setPreview] = useState<SignaturePreviewValue | undefined>();
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
  };

  const checkIdentity = async () => {
    const credentials = credentialSourceOf(draft.aws);
    if (!credentials)
      return setNote({
        ok: false,
        text: 'Inherited credentials are known only when the request is sent from its folder.',
      });
    const source = sourceKey;
    setNote({ ok: true, text: 'Asking STS who these credentials are…', source });
    const stsRegion = /^[a-z0-9-]+$/.test(draft.aws.region.trim()) ? draft.aws.region.trim() : undefined;
    const result = await invoke('credentials:check-identity', {
      credentials,
      ...(stsRegion ? { region: stsRegion } : {}),
    });
    setNote(
      result.ok
        ? {
            ok: true,
            text: `Account ${result.value.account} · ${result.value.arn} (key ${result.value.keyIdMasked})`,
            source,
          }
        : { ok: false, text: result.error.message, source },
    );
  };

  return (
    <>
      {/* Region and service first: they stay in view however long the credential fields get. */}
      <SigningScopeFields
        url={draft.url}
        region={draft.aws.region}
        service={draft.aws.service}
        detected={detected}
        describeReference={describeReference}
        aws={aws}
      />
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
        <TypedKeysFields keys={draft.aws} vault={vault} aws={aws} onSaveAsProfile={() => setIsNaming(true)} />
      )}
      {choice === 'profile' && (
        <SavedProfileFields profileId={draft.aws.profileId} profiles={profiles} vault={vault} aws={aws} />
      )}
      {choice === 'aws-profile' && (
        <AwsCliProfileField awsProfile={draft.aws.awsProfile} awsProfiles={awsProfiles} aws={aws} />
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
      <SigningOptionsFields
        auth={draft.aws}
        detected={detected}
        aws={aws}
        onPresign={onPresign ? () => void presign() : undefined}
      />
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
      {shownNote && (
        <p
          role={shownNote.ok ? 'status' : 'alert'}
          className={`form-grid-wide ${shownNote.ok ? 'hint' : 'warning'}`}
          data-testid="auth-note"
        >
          {shownNote.text}
        </p>
      )}
      {preview && <SignaturePreview preview={preview} />}
      <p className="hint form-grid-wide">
        Keys are sent to Shomei&apos;s main process, which signs the request; they never leave this machine otherwise.
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
  );
}
