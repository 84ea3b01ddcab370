import { useEffect, useState } from 'react';
import type { TrustSettingsView } from '../../../shared/contract/trust';
import { invoke } from '../../api/client';
import { trustChanged } from './trust-events';

type Choice = 'off' | 'default-chain' | 'env';

/**
 * The app-wide credential source for requests that choose none. Off until the user turns it on:
 * then a request whose Auth tab, folders and collection say "inherit" is refused, not signed
 * with whatever the machine has.
 */
export function AppDefaultCredentials() {
  const [settings, setSettings] = useState<TrustSettingsView | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    void invoke('trust:settings', {}).then((result) => {
      if (result.ok) setSettings(result.value);
    });
  }, []);
  if (!settings) return null;
  const choice: Choice = settings.defaultCredentialSource?.source ?? 'off';
  const choose = async (next: Choice) => {
    const result = await invoke('trust:update-settings', {
      defaultCredentialSource: next === 'off' ? null : { source: next },
    });
    if (!result.ok) return setProblem(result.error.message);
    setProblem(undefined);
    setSettings(result.value);
    trustChanged();
  };
  return (
    <label className="app-default-credentials">
      When a request chooses no credentials{' '}
      <select
        aria-label="When a request chooses no credentials"
        value={choice}
        onChange={(event) => void choose(event.target.value as Choice)}
      >
        <option value="off">refuse to send (choose per request)</option>
        <option value="default-chain">use the default chain (environment, ~/.aws, instance role)</option>
        <option value="env">use the environment's AWS_* keys</option>
      </select>
      {problem && <span className="warning">{problem}</span>}
    </label>
  );
}
