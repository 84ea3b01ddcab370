import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../shared/contract/channels';
import type { TrustSettingsView } from '../../../shared/contract/trust';
import { invoke } from '../../api/client';

/** The folder body files are read from, and the files allowed outside it (each can be taken back). */
export function WorkingDirectorySetting() {
  const [settings, setSettings] = useState<TrustSettingsView | undefined>();
  const [folder, setFolder] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    void invoke('trust:settings', {}).then((result) => {
      if (!result.ok) return;
      setSettings(result.value);
      setFolder(result.value.workingDirectory);
    });
  }, []);
  if (!settings) return null;
  const apply = async (input: ChannelInput<'trust:update-settings'>) => {
    const result = await invoke('trust:update-settings', input);
    if (!result.ok) return setProblem(result.error.message);
    setProblem(undefined);
    setSettings(result.value);
    setFolder(result.value.workingDirectory);
  };
  const forget = async (path: string) => {
    const result = await invoke('trust:forget-file', { path });
    if (result.ok) setSettings(result.value);
  };
  return (
    <div className="working-directory">
      <label>
        Body files are read only from{' '}
        <input
          aria-label="Working directory"
          value={folder}
          spellCheck={false}
          onChange={(event) => setFolder(event.target.value)}
        />
      </label>
      <button type="button" onClick={() => void apply({ workingDirectory: folder.trim() })}>
        Use this folder
      </button>
      {!settings.isWorkingDirectoryDefault && (
        <button type="button" onClick={() => void apply({ workingDirectory: null })}>
          Back to the default
        </button>
      )}
      {problem && <span className="warning">{problem}</span>}
      {settings.allowedFiles.length > 0 && (
        <ul aria-label="Files allowed outside it">
          {settings.allowedFiles.map((path) => (
            <li key={path}>
              <code>{path}</code>{' '}
              <button type="button" onClick={() => void forget(path)}>
                Stop allowing
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
