import { useEffect, useState } from 'react';
import type { CredentialRef, InheritedSettings, SavedAuth } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { defaultSavedAuth, type ApiKeyPlacement } from '../../../shared/contract/auth';
import { Dialog } from '../../components/Dialog';
import { VariablesTable, type VariableRow } from '../variables/VariablesTable';
import { AUTH_FORMS, AUTH_FORM_TYPES } from '../auth/auth-forms';
import { ApiKeyFields } from '../auth/forms/ApiKeyFields';
import { storePendingSecrets } from '../auth/pending-secrets';
import type { PendingSecrets } from '../auth/SecretField';
import type { OtherAuth } from '../request/request-draft';
import { SettingsAuthForm } from './SettingsAuthForm';

interface SettingsDialogProps {
  id: string;
  onClose(): void;
  /** Called after a save; the sidebar needs none (main emits collections:changed). */
  onSaved?(): void;
}

type AuthMode = SavedAuth['type'];
type SourceMode = CredentialRef['source'];

/**
 * What a collection or folder hands down to its requests: AWS auth (a credential source, never
 * keys), headers and variables. Secret variable values are write-only, as in environments.
 */
export function SettingsDialog({ id, onClose, onSaved }: SettingsDialogProps) {
  const [title, setTitle] = useState('Settings');
  const [authMode, setAuthMode] = useState<AuthMode>('inherit');
  const [source, setSource] = useState<SourceMode>('inherit');
  const [sourceName, setSourceName] = useState('');
  const [region, setRegion] = useState('');
  const [service, setService] = useState('');
  const [headers, setHeaders] = useState<VariableRow[]>([]);
  const [variables, setVariables] = useState<VariableRow[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  /** The auth of another type than AWS, as its form edits it (vault ids and references only). */
  const [otherAuth, setOtherAuth] = useState<OtherAuth | undefined>();
  const [apiKeyBeside, setApiKeyBeside] = useState<ApiKeyPlacement | undefined>();
  const [pendingSecrets, setPendingSecrets] = useState<Record<string, string>>({});
  const pending: PendingSecrets = {
    values: pendingSecrets,
    set: (secretId, value) =>
      setPendingSecrets((all) => {
        const { [secretId]: _old, ...rest } = all;
        return value === undefined ? rest : { ...rest, [secretId]: value };
      }),
  };

  useEffect(() => {
    void invoke('collections:get-settings', { id }).then((result) => {
      if (!result.ok) return setMessage(result.error.message);
      const { settings, name, kind } = result.value;
      setTitle(`${kind === 'collection' ? 'Collection' : 'Folder'} settings: ${name}`);
      setAuthMode(settings.auth.type);
      if (settings.auth.type !== 'inherit' && settings.auth.type !== 'none' && settings.auth.type !== 'aws-sigv4')
        setOtherAuth(settings.auth);
      setApiKeyBeside('apiKey' in settings.auth ? settings.auth.apiKey : undefined);
      if (settings.auth.type === 'aws-sigv4') {
        const ref = settings.auth.credentialSource;
        setSource(ref.source);
        setSourceName(ref.source === 'profile' ? ref.profileId : ref.source === 'aws-profile' ? ref.profile : '');
        setRegion(settings.auth.region);
        setService(settings.auth.service);
      }
      setHeaders(settings.headers.map((h) => ({ ...h, isSecret: false })));
      setVariables(settings.variables);
    });
  }, [id]);

  const save = async () => {
    let credentialSource: CredentialRef = { source: 'inherit' };
    if (source === 'profile') credentialSource = { source, profileId: sourceName.trim() };
    else if (source === 'aws-profile') credentialSource = { source, profile: sourceName.trim() };
    else credentialSource = { source };
    const stored = await storePendingSecrets({ pendingSecrets }, () => setPendingSecrets({}));
    if (!stored.ok) return setMessage(stored.error.message);
    let auth: SavedAuth =
      authMode === 'aws-sigv4'
        ? {
            type: 'aws-sigv4',
            credentialSource,
            region: region.trim(),
            service: service.trim(),
            isQuerySigned: false,
            expiresInSeconds: 900,
          }
        : authMode === 'inherit' || authMode === 'none'
          ? { type: authMode }
          : otherAuth?.type === authMode
            ? otherAuth
            : defaultSavedAuth(authMode);
    if (auth.type !== 'inherit' && auth.type !== 'none' && auth.type !== 'api-key') {
      const { apiKey: _previous, ...rest } = auth;
      auth = { ...rest, ...(apiKeyBeside ? { apiKey: apiKeyBeside } : {}) } as SavedAuth;
    }
    const settings: Partial<InheritedSettings> = {
      auth,
      headers: headers
        .filter((h) => h.name.trim() !== '')
        .map((h) => ({ name: h.name.trim(), value: h.value, isEnabled: h.isEnabled })),
      variables: variables
        .filter((v) => v.name.trim() !== '')
        .map((v) => ({
          id: v.id ?? crypto.randomUUID(),
          name: v.name.trim(),
          value: v.value,
          isEnabled: v.isEnabled,
          isSecret: v.isSecret,
        })),
    };
    const result = await invoke('collections:update-settings', { id, settings });
    if (!result.ok) return setMessage(result.error.message);
    setVariables(result.value.variables);
    setMessage('Saved');
    onSaved?.();
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <h3>Auth</h3>
      <label className="field">
        <span>Auth for requests inside</span>
        <select
          aria-label="Auth for requests inside"
          value={authMode}
          onChange={(e) => setAuthMode(e.target.value as AuthMode)}
        >
          <option value="inherit">Inherit from parent</option>
          <option value="none">No auth</option>
          {AUTH_FORM_TYPES.map((value) => (
            <option key={value} value={value}>
              {AUTH_FORMS[value].label}
            </option>
          ))}
        </select>
      </label>
      {authMode !== 'inherit' && authMode !== 'none' && authMode !== 'aws-sigv4' && (
        <div className="form-grid">
          <SettingsAuthForm
            auth={otherAuth?.type === authMode ? otherAuth : defaultSavedAuth(authMode)}
            onChange={setOtherAuth}
            pending={pending}
          />
        </div>
      )}
      {authMode !== 'inherit' && authMode !== 'none' && AUTH_FORMS[authMode].hasApiKeyBeside && (
        <div className="form-grid">
          <span className="form-label">API key</span>
          <label className="radio">
            <input
              type="checkbox"
              checked={apiKeyBeside !== undefined}
              onChange={(e) => {
                const { type: _type, ...placement } = defaultSavedAuth('api-key');
                setApiKeyBeside(e.target.checked ? placement : undefined);
              }}
            />{' '}
            Also send an API key (an API Gateway usage plan)
          </label>
          {apiKeyBeside && (
            <ApiKeyFields
              idPrefix="settings-beside"
              placement={apiKeyBeside}
              pending={pending}
              onChange={setApiKeyBeside}
            />
          )}
        </div>
      )}
      {authMode === 'aws-sigv4' && (
        <div className="form-grid">
          <label className="field">
            <span>Credentials from</span>
            <select
              aria-label="Credentials from"
              value={source}
              onChange={(e) => setSource(e.target.value as SourceMode)}
            >
              <option value="inherit">Inherit from parent</option>
              <option value="profile">Shomei credential profile</option>
              <option value="aws-profile">AWS profile (~/.aws/config)</option>
              <option value="env">Environment variables (AWS_ACCESS_KEY_ID…)</option>
              <option value="default-chain">AWS default chain</option>
            </select>
          </label>
          {(source === 'profile' || source === 'aws-profile') && (
            <label className="field">
              <span>Profile</span>
              <input aria-label="Profile" value={sourceName} onChange={(e) => setSourceName(e.target.value)} />
            </label>
          )}
          <label className="field">
            <span>Region</span>
            <input
              aria-label="Settings region"
              placeholder="inherit or guess from host"
              value={region}
              onChange={(e) => setRegion(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Service</span>
            <input
              aria-label="Settings service"
              placeholder="inherit or guess from host"
              value={service}
              onChange={(e) => setService(e.target.value)}
            />
          </label>
        </div>
      )}
      <h3>Headers</h3>
      <VariablesTable noun="Header" rows={headers} onChange={setHeaders} hasSecret={false} />
      <h3>Variables</h3>
      <VariablesTable rows={variables} onChange={setVariables} />
      {message && <p role="status">{message}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save settings
        </button>
      </div>
    </Dialog>
  );
}
