import { useEffect, useState } from 'react';
import type { CredentialRef, InheritedSettings, SavedAuth } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { VariablesTable, type VariableRow } from '../variables/VariablesTable';

interface SettingsDialogProps {
  id: string;
  onClose(): void;
  onSaved(): void;
}

type AuthMode = 'inherit' | 'none' | 'aws-sigv4';
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

  useEffect(() => {
    void invoke('collections:get-settings', { id }).then((result) => {
      if (!result.ok) return setMessage(result.error.message);
      const { settings, name, kind } = result.value;
      setTitle(`${kind === 'collection' ? 'Collection' : 'Folder'} settings: ${name}`);
      setAuthMode(settings.auth.type);
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
    const auth: SavedAuth =
      authMode === 'aws-sigv4'
        ? {
            type: 'aws-sigv4',
            credentialSource,
            region: region.trim(),
            service: service.trim(),
            isQuerySigned: false,
            expiresInSeconds: 900,
          }
        : { type: authMode };
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
    onSaved();
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
          <option value="aws-sigv4">AWS Signature</option>
        </select>
      </label>
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
