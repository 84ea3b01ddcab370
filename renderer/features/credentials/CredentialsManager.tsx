import { useState } from 'react';
import type { BaseSource, CredentialProfileSummary } from '../../../shared/contract/credentials';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { PromptDialog } from '../collections/PromptDialog';
import { ExpiryCountdown } from './ExpiryCountdown';
import { PasteCredentials } from './PasteCredentials';
import { useCredentials } from './use-credentials';
import { VaultUnlock } from './VaultUnlock';
import { AppDefaultCredentials } from '../trust/AppDefaultCredentials';
import { WorkingDirectorySetting } from '../trust/WorkingDirectorySetting';

type AddMode = 'paste' | 'keys' | 'role';

/** Where an AssumeRole profile gets the keys it calls STS with, as one select value. */
function baseFromValue(value: string): BaseSource | undefined {
  if (value === 'env' || value === 'default-chain') return { source: value };
  if (value.startsWith('profile:')) return { source: 'profile', profileId: value.slice('profile:'.length) };
  if (value.startsWith('aws:')) return { source: 'aws-profile', profile: value.slice('aws:'.length) };
  return undefined;
}

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
  const [role, setRole] = useState({
    base: '',
    roleArn: '',
    sessionName: 'shomei',
    externalId: '',
    durationSeconds: '3600',
    mfaSerial: '',
    stsEndpoint: '',
    stsRegion: '',
  });
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
      const r = profile.assumeRole;
      const base =
        r.base.source === 'profile'
          ? `profile:${r.base.profileId}`
          : r.base.source === 'aws-profile'
            ? `aws:${r.base.profile}`
            : r.base.source;
      setMode('role');
      setRole({
        base,
        roleArn: r.roleArn,
        sessionName: r.sessionName,
        externalId: r.externalId ?? '',
        durationSeconds: String(r.durationSeconds),
        mfaSerial: r.mfaSerial ?? '',
        stsEndpoint: r.stsEndpoint ?? '',
        stsRegion: r.stsRegion ?? '',
      });
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
    } else {
      const base = baseFromValue(role.base);
      if (!base) return report(false, 'Choose where the role gets the keys it calls STS with.');
      input = {
        ...id,
        name,
        assumeRole: {
          base,
          roleArn: role.roleArn,
          sessionName: role.sessionName,
          durationSeconds: Number(role.durationSeconds),
          ...(role.externalId.trim() ? { externalId: role.externalId } : {}),
          ...(role.mfaSerial.trim() ? { mfaSerial: role.mfaSerial } : {}),
          ...(role.stsEndpoint.trim() ? { stsEndpoint: role.stsEndpoint } : {}),
          ...(role.stsRegion.trim() ? { stsRegion: role.stsRegion } : {}),
        },
      };
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
    if (result.ok) report(true, `Assumed ${profile.assumeRole?.roleArn ?? 'the role'} for “${profile.name}”.`);
    else if (result.error.code === 'MFA_REQUIRED') setMfaFor(profile);
    else report(false, result.error.message);
  };

  return (
    <Dialog title="Credentials" onClose={onClose}>
      <div className="credentials-manager">
        <VaultUnlock vault={vault} />
        <AppDefaultCredentials />
        <WorkingDirectorySetting />
        <table className="credentials-table" aria-label="Saved credential profiles">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Token</th>
              <th>Expiry</th>
              <th>Account</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {profiles.length === 0 && (
              <tr>
                <td colSpan={6} className="hint">
                  No saved credentials yet.
                </td>
              </tr>
            )}
            {profiles.map((profile) => (
              <tr key={profile.id} data-testid="credential-row">
                <td>
                  {profile.name}
                  {profile.assumeRole && <div className="hint">assumes {profile.assumeRole.roleArn}</div>}
                  {profile.problem && <div className="warning">{profile.problem}</div>}
                </td>
                <td>
                  <code>{profile.keyIdMasked ?? '—'}</code>
                </td>
                <td>{profile.hasSessionToken ? 'yes' : 'no'}</td>
                <td>
                  {profile.expiration ? (
                    <ExpiryCountdown expiration={profile.expiration} />
                  ) : profile.kind === 'keys' ? (
                    // Temporary keys pasted without their expiry: unknown, not "never".
                    profile.hasSessionToken ? (
                      'not given'
                    ) : (
                      'never'
                    )
                  ) : (
                    '—'
                  )}
                </td>
                <td>{profile.accountId ?? ''}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => void check(profile)}>
                    Check identity
                  </button>
                  {profile.kind === 'assume-role' && (
                    <button type="button" onClick={() => void assume(profile)}>
                      Assume now
                    </button>
                  )}
                  <button type="button" onClick={() => edit(profile)}>
                    Edit
                  </button>
                  <button type="button" onClick={() => setRenaming(profile)}>
                    Rename
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${profile.name}`}
                    onClick={() =>
                      void invoke('credentials:delete', { id: profile.id }).then((result) => {
                        if (!result.ok) report(false, result.error.message);
                      })
                    }
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
            ] as const
          )
            .filter(([value]) => !editing || (editing.kind === 'assume-role') === (value === 'role'))
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
          {mode === 'role' && (
            <>
              <label htmlFor="role-base">Using</label>
              <select
                id="role-base"
                value={role.base}
                onChange={(event) => setRole({ ...role, base: event.target.value })}
              >
                <option value="">Choose the source of the calling keys…</option>
                {profiles.map((p) => (
                  <option key={p.id} value={`profile:${p.id}`}>
                    Saved profile {p.name}
                  </option>
                ))}
                {awsProfiles.map((p) => (
                  <option key={p.name} value={`aws:${p.name}`}>
                    ~/.aws profile {p.name}
                  </option>
                ))}
                <option value="env">Environment variables</option>
                <option value="default-chain">Default chain</option>
              </select>
              <label htmlFor="role-arn">Role ARN</label>
              <input
                id="role-arn"
                spellCheck={false}
                value={role.roleArn}
                placeholder="arn:aws:iam::123456789012:role/Name"
                onChange={(event) => setRole({ ...role, roleArn: event.target.value })}
              />
              <label htmlFor="role-session">Session name</label>
              <input
                id="role-session"
                value={role.sessionName}
                onChange={(event) => setRole({ ...role, sessionName: event.target.value })}
              />
              <label htmlFor="role-external-id">External ID</label>
              <input
                id="role-external-id"
                value={role.externalId}
                onChange={(event) => setRole({ ...role, externalId: event.target.value })}
              />
              <label htmlFor="role-duration">Duration (s)</label>
              <input
                id="role-duration"
                type="number"
                min={900}
                max={43200}
                value={role.durationSeconds}
                onChange={(event) => setRole({ ...role, durationSeconds: event.target.value })}
              />
              <label htmlFor="role-mfa">MFA serial</label>
              <input
                id="role-mfa"
                spellCheck={false}
                value={role.mfaSerial}
                placeholder="arn:aws:iam::123456789012:mfa/me (optional)"
                onChange={(event) => setRole({ ...role, mfaSerial: event.target.value })}
              />
              <label htmlFor="role-sts-endpoint">STS endpoint</label>
              <input
                id="role-sts-endpoint"
                spellCheck={false}
                value={role.stsEndpoint}
                placeholder="default for the region (optional)"
                onChange={(event) => setRole({ ...role, stsEndpoint: event.target.value })}
              />
              <label htmlFor="role-sts-region">STS region</label>
              <input
                id="role-sts-region"
                spellCheck={false}
                value={role.stsRegion}
                placeholder="us-east-1 (optional)"
                onChange={(event) => setRole({ ...role, stsRegion: event.target.value })}
              />
            </>
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
