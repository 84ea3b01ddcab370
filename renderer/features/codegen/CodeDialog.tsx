import { useMemo, useState } from 'react';
import {
  CODE_TARGETS,
  generateCode,
  type CodeTarget,
  type PythonCredentials,
} from '../../../shared/codegen/generate-code';
import { Dialog } from '../../components/Dialog';
import { useCredentials } from '../credentials/use-credentials';
import { sendOptionsOf, type RequestDraft } from '../request/request-draft';

const CONTENT_TYPES = { json: 'application/json', xml: 'application/xml', text: 'text/plain; charset=utf-8' } as const;

/** The body as text for generated code; undefined with a reason for bodies that are files. */
function bodyOf(draft: RequestDraft): { body?: string; contentType?: string; note?: string } {
  switch (draft.bodyKind) {
    case 'none':
      return {};
    case 'json':
    case 'xml':
    case 'text':
      return { body: draft.bodyText, contentType: CONTENT_TYPES[draft.bodyKind] };
    case 'form':
      return {
        body: new URLSearchParams(
          draft.formRows.filter((r) => r.isEnabled && r.name !== '').map((r) => [r.name, r.value]),
        )
          .toString()
          .replace(/\+/g, '%20'),
        contentType: 'application/x-www-form-urlencoded',
      };
    default:
      return {
        note: 'File and multipart bodies are left out of generated code: add them with your tool of choice (the signature then covers them at run time).',
      };
  }
}

/**
 * "Code" for the request in the editor: curl, awscurl, Python or JavaScript that signs when it
 * runs, with credentials read from the environment (or the machine's role, or an assumed role) —
 * never baked in, never a frozen signature.
 */
export function CodeDialog({ draft, onClose }: { draft: RequestDraft; onClose(): void }) {
  const [target, setTarget] = useState<CodeTarget>('curl');
  const [pythonCredentials, setPythonCredentials] = useState<PythonCredentials>('env');
  const [copied, setCopied] = useState(false);
  const { profiles } = useCredentials();
  const profile =
    draft.aws.credentialChoice === 'profile' ? profiles.find((p) => p.id === draft.aws.profileId) : undefined;
  const generated = useMemo(() => {
    const { body, contentType, note } = bodyOf(draft);
    const headers = draft.headers
      .filter((h) => h.isEnabled && h.name.trim() !== '')
      .map((h): [string, string] => [h.name.trim(), h.value]);
    if (contentType && !headers.some(([name]) => name.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', contentType]);
    const hasSessionToken =
      draft.aws.credentialChoice === 'typed'
        ? draft.aws.sessionToken.trim() !== ''
        : (profile?.hasSessionToken ?? true);
    try {
      const code = generateCode(
        {
          method: draft.method,
          url: draft.url.trim(),
          headers,
          ...(body === undefined ? {} : { body }),
          region: draft.aws.region.trim() || 'us-east-1',
          service: draft.aws.service.trim() || 'execute-api',
          hasSessionToken,
          ...(profile?.assumeRole ? { roleArn: profile.assumeRole.roleArn } : {}),
          options: sendOptionsOf(draft.options),
        },
        target,
        { pythonCredentials },
      );
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
  }, [draft, target, pythonCredentials, profile]);

  return (
    <Dialog title="Code that signs live" onClose={onClose}>
      <div className="row">
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
          <pre className="code" data-testid="generated-code" tabIndex={0}>
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
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
