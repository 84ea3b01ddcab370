import { useState } from 'react';
import type { CredentialProfileSummary } from '../../../shared/contract/credentials';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { PromptDialog } from '../collections/PromptDialog';
import {
  CognitoIdentityFields,
  EMPTY_COGNITO_IDENTITY,
  cognitoIdentityDraft,
  cognitoIdentitySettings,
} from './CognitoIdentityFields';
import { CredentialProfilesTable } from './CredentialProfilesTable';
import { AssumeRoleFields, EMPTY_ASSUME_ROLE, assumeRoleDraft, assumeRoleSettings } from './AssumeRoleFields';
import { PasteCredentials } from './PasteCredentials';
import { useCredentials } from './use-credentials';
import { VaultUnlock } from './VaultUnlock';
import { AppDefaultCredentials } from '../trust/AppDefaultCredentials';
import { WorkingDirectorySetting } from '../trust/WorkingDirectorySetting';

type AddMode = 'paste' | 'keys' | 'role' | 'cognito';

/**
 * The credential manager: the vault's protection and lock, every saved profile as a summary
 * (masked key, token, live expiry, account), and adding keys by paste or by hand, or an AssumeRole
 * on top of any other source. Secret fields are write-only: they go to main and never come back.
 */
export function CredentialsManager({ onClose }: { onClose(): void }) {
  const { profiles, vault, awsProfiles } = useCredentials();
  const [mode, setMode] = useState<AddMode>('paste');
  const [name, setName] = useState('');
  const [pasted, setPasted] = useState<string | undefined>();
  const [keys, setKeys] = useState({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  const [role, setRole] = useState(EMPTY_ASSUME_ROLE);
  const [pool, setPool] = useState(EMPTY_COGNITO_IDENTITY);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [renaming, setRenaming] = useState<CredentialProfileSummary | undefined>();
  const [mfaFor, setMfaFor] = useState<CredentialProfileSummary | undefined>();
  /** The profile being edited; its secret fields stay blank (write-only) and are kept when left blank. */
  const [editing, setEditing] = useState<CredentialProfileSummary | undefined>();

  const edit = (profile: CredentialProfileSummary) => {
    setEditing(profile);
    setName(profile.name);
    setMessage(undefined);
    if (profile.assumeRole) {
      setMode('role');
      setRole(assumeRoleDraft(profile.assumeRole));
    } else if (profile.cognitoIdentity) {
      setMode('cognito');
      setPool(cognitoIdentityDraft(profile.cognitoIdentity));
    } else {
      setMode('paste');
    }
  };

  const report = (ok: boolean, text: string) => setMessage({ ok, text });

  const add = async () => {
    let input;
    const id = editing ? { id: editing.id } : {};
    if (mode === 'paste') {
      if (!pasted && !editing) return report(false, 'Paste credentials first.');
      input = pasted ? { ...id, name, pastedText: pasted } : { ...id, name };
    } else if (mode === 'keys') {
      if (editing && keys.accessKeyId.trim() === '' && keys.secretAccessKey.trim() === '') input = { ...id, name };
      else
        input = {
          ...id,
          name,
          keys: {
            accessKeyId: keys.accessKeyId,
            secretAccessKey: keys.secretAccessKey,
            ...(keys.sessionToken.trim() ? { sessionToken: keys.sessionToken } : {}),
          },
        };
    } else if (mode === 'cognito') {
      input = { ...id, name, cognitoIdentity: cognitoIdentitySettings(pool) };
    } else {
      const assumeRole = assumeRoleSettings(role);
      if (!assumeRole) return report(false, 'Choose where the role gets the keys it calls STS with.');
      input = { ...id, name, assumeRole };
    }
    const result = await invoke('credentials:save', input);
    if (!result.ok) return report(false, result.error.message);
    report(true, `Saved “${result.value.name}”.`);
    setEditing(undefined);
    setName('');
    setPasted(undefined);
    setKeys({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  };

  const check = async (profile: CredentialProfileSummary) => {
    report(true, `Asking STS who “${profile.name}” is…`);
    const result = await invoke('credentials:check-identity', {
      credentials: { source: 'profile', profileId: profile.id },
      ...(profile.assumeRole?.stsEndpoint ? { stsEndpoint: profile.assumeRole.stsEndpoint } : {}),
      ...(profile.assumeRole?.stsRegion ? { region: profile.assumeRole.stsRegion } : {}),
    });
    if (result.ok) report(true, `“${profile.name}” is account ${result.value.account} · ${result.value.arn}`);
    else if (result.error.code === 'MFA_REQUIRED') setMfaFor(profile);
    else report(false, result.error.message);
  };

  const assume = async (profile: CredentialProfileSummary, mfaCode?: string) => {
    const result = await invoke('credentials:assume', { id: profile.id, ...(mfaCode ? { mfaCode } : {}) });
    if (result.ok)
      report(
        true,
        profile.cognitoIdentity
          ? `Got keys from ${profile.cognitoIdentity.identityPoolId} for “${profile.name}”.`
          : `Assumed ${profile.assumeRole?.roleArn ?? 'the role'} for “${profile.name}”.`,
      );
    else if (result.error.code === 'MFA_REQUIRED') setMfaFor(profile);
    else report(false, result.error.message);
  };

  return (
    <Dialog title="Credentials" onClose={onClose}>
      <div className="credentials-manager">
        <VaultUnlock vault={vault} />
        <AppDefaultCredentials />
        <WorkingDirectorySetting />
        <CredentialProfilesTable
          profiles={profiles}
          onCheck={(profile) => void check(profile)}
          onAssume={(profile) => void assume(profile)}
          onEdit={edit}
          onRename={setRenaming}
          onError={(text) => report(false, text)}
        />
        <h3>{editing ? `Edit “${editing.name}”` : 'Add credentials'}</h3>
        {editing && (
          <p className="hint">
            Saved secrets are never shown. Paste or type new keys to replace them, or leave the fields empty to keep
            them.{' '}
            <button type="button" className="link" onClick={() => setEditing(undefined)}>
              Stop editing
            </button>
          </p>
        )}
        <div className="inline-row" role="radiogroup" aria-label="Add credentials by">
          {(
            [
              ['paste', 'Paste'],
              ['keys', 'Type keys'],
              ['role', 'Assume a role'],
              ['cognito', 'Cognito identity pool'],
            ] as const
          )
            .filter(
              ([value]) =>
                !editing ||
                (editing.kind === 'assume-role'
                  ? value === 'role'
                  : editing.kind === 'cognito-identity'
                    ? value === 'cognito'
                    : value === 'paste' || value === 'keys'),
            )
            .map(([value, label]) => (
              <label key={value} className="radio">
                <input type="radio" name="add-mode" checked={mode === value} onChange={() => setMode(value)} /> {label}
              </label>
            ))}
        </div>
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <label htmlFor="credential-name">Name</label>
          <input
            id="credential-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="dev-account"
          />
          {mode === 'paste' && (
            <>
              <span className="form-label">Paste</span>
              <PasteCredentials label="Paste credentials to save" onParsed={(_value, text) => setPasted(text)} />
              {pasted && <p className="hint form-grid-wide">Ready to save (read again and encrypted in main).</p>}
            </>
          )}
          {mode === 'keys' && (
            <>
              <label htmlFor="new-key-id">Access key ID</label>
              <input
                id="new-key-id"
                autoComplete="off"
                spellCheck={false}
                value={keys.accessKeyId}
                onChange={(event) => setKeys({ ...keys, accessKeyId: event.target.value })}
              />
              <label htmlFor="new-secret">Secret access key</label>
              <input
                id="new-secret"
                type="password"
                autoComplete="off"
                value={keys.secretAccessKey}
                onChange={(event) => setKeys({ ...keys, secretAccessKey: event.target.value })}
              />
              <label htmlFor="new-token">Session token</label>
              <input
                id="new-token"
                type="password"
                autoComplete="off"
                value={keys.sessionToken}
                onChange={(event) => setKeys({ ...keys, sessionToken: event.target.value })}
              />
            </>
          )}
          {mode === 'cognito' && <CognitoIdentityFields value={pool} onChange={setPool} />}
          {mode === 'role' && (
            <AssumeRoleFields value={role} onChange={setRole} profiles={profiles} awsProfiles={awsProfiles} />
          )}
          <span />
          <div className="inline-row">
            <button type="submit" className="primary" disabled={name.trim() === ''}>
              {editing ? 'Save changes' : 'Save profile'}
            </button>
          </div>
        </form>
        {message && (
          <p
            role={message.ok ? 'status' : 'alert'}
            className={message.ok ? 'hint' : 'warning'}
            data-testid="credentials-message"
          >
            {message.text}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {renaming && (
        <PromptDialog
          title={`Rename “${renaming.name}”`}
          label="New name"
          initial={renaming.name}
          confirm="Rename"
          onClose={() => setRenaming(undefined)}
          onSubmit={(next) => {
            setRenaming(undefined);
            void invoke('credentials:rename', { id: renaming.id, name: next }).then((result) => {
              if (!result.ok) report(false, result.error.message);
            });
          }}
        />
      )}
      {mfaFor && (
        <PromptDialog
          title={`MFA code for “${mfaFor.name}”`}
          label="MFA code"
          confirm="Assume role"
          onClose={() => setMfaFor(undefined)}
          onSubmit={(code) => {
            const target = mfaFor;
            setMfaFor(undefined);
            void assume(target, code);
          }}
        />
      )}
    </Dialog>
  );
}
