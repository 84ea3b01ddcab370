import { useMemo, useState } from 'react';
import {
  CODE_TARGETS,
  generateCode,
  type CodeTarget,
  type PythonCredentials,
} from '../../../shared/codegen/generate-code';
import { Dialog } from '../../components/Dialog';
import { useCredentials } from '../credentials/use-credentials';
import type { EditorDraft } from '../request/request-draft';
import type { OpenedRequest } from '../collections/saved-draft';
import { codeRequestOf } from './code-request';
import { useInheritedAuth } from './use-inherited-auth';

/**
 * "Code" for the request in the editor: curl, awscurl, Python or JavaScript that signs when it
 * runs, with credentials read from the environment (or the machine's role, or an assumed role) —
 * never baked in, never a frozen signature.
 */
export function CodeDialog({
  draft,
  opened,
  onClose,
}: {
  draft: EditorDraft;
  /** The saved request the tab shows: a request that inherits its auth gets code for that auth. */
  opened?: Pick<OpenedRequest, 'savedRequestId' | 'savedAuth'> | undefined;
  onClose(): void;
}) {
  const [target, setTarget] = useState<CodeTarget>('curl');
  const [pythonCredentials, setPythonCredentials] = useState<PythonCredentials>('env');
  /** The code last copied: "Copied" shows only while the code shown is that code. */
  const [copied, setCopied] = useState<string | undefined>();
  const { profiles } = useCredentials();
  const inherited = useInheritedAuth(
    opened?.savedRequestId,
    opened?.savedAuth.type === 'inherit' && draft.authType === 'none',
  );
  const profile =
    draft.aws.credentialChoice === 'profile' ? profiles.find((p) => p.id === draft.aws.profileId) : undefined;
  const generated = useMemo(() => {
    if (draft.websocket) {
      return {
        error:
          'Code is not generated for WebSocket requests yet. To connect from a terminal, choose Sign into: Query string in the Auth tab, Copy presigned URL, and run wscat -c "<that URL>".',
      };
    }
    const { request, note } = codeRequestOf(draft, profile, inherited);
    try {
      const code = generateCode(request, target, { pythonCredentials });
      return {
        ...code,
        notes: [
          ...(note ? [note] : []),
          ...(draft.url.includes('{{') ? ['{{variables}} are left as typed: replace them before running.'] : []),
          ...code.notes,
        ],
      };
    } catch (error) {
      return { error: error instanceof Error ? error.message : 'This request cannot be turned into code yet' };
    }
  }, [draft, target, pythonCredentials, profile, inherited]);

  return (
    <Dialog title="Code that signs live" onClose={onClose}>
      <div className="row code-dialog-picker">
        <label htmlFor="code-target">Language</label>
        <select id="code-target" value={target} onChange={(event) => setTarget(event.target.value as CodeTarget)}>
          {CODE_TARGETS.map((t) => (
            <option key={t.target} value={t.target}>
              {t.label}
            </option>
          ))}
        </select>
        {target.startsWith('python') && (
          <>
            <label htmlFor="code-python-credentials">Credentials</label>
            <select
              id="code-python-credentials"
              value={pythonCredentials}
              onChange={(event) => setPythonCredentials(event.target.value as PythonCredentials)}
            >
              <option value="env">From the environment (AWS_ACCESS_KEY_ID…)</option>
              <option value="instance-role">The role of the machine it runs on</option>
              <option value="assume-role">Assume a role in another account first</option>
            </select>
          </>
        )}
      </div>
      {'error' in generated ? (
        <p role="alert" className="warning">
          {generated.error}
        </p>
      ) : (
        <>
          <pre className="code generated-code" data-testid="generated-code" tabIndex={0}>
            {generated.code}
          </pre>
          {generated.notes.length > 0 && (
            <ul className="hint">
              {generated.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="dialog-actions">
        {!('error' in generated) && (
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(generated.code).then(
                () => setCopied(generated.code),
                () => setCopied(undefined),
              )
            }
          >
            {copied === generated.code ? 'Copied' : 'Copy'}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
