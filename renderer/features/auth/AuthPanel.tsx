import type { AwsAuthDraft, DraftAction, RequestDraft } from '../request/request-draft';

interface AuthPanelProps {
  draft: RequestDraft;
  update(action: DraftAction): void;
}

/** The Auth tab: no auth, or AWS Signature Version 4 with keys, region and service. */
export function AuthPanel({ draft, update }: AuthPanelProps) {
  const aws = (patch: Partial<AwsAuthDraft>) => update({ type: 'aws', patch });
  return (
    <div className="form-grid">
      <label htmlFor="auth-type">Auth type</label>
      <select id="auth-type" value={draft.authType} onChange={(event) => update({ type: 'authType', authType: event.target.value as RequestDraft['authType'] })}>
        <option value="none">No auth</option>
        <option value="aws-sigv4">AWS Signature</option>
      </select>
      {draft.authType === 'aws-sigv4' ? (
        <>
          <label htmlFor="aws-access-key-id">Access key ID</label>
          <input id="aws-access-key-id" value={draft.aws.accessKeyId} autoComplete="off" spellCheck={false} placeholder="AKIA… or ASIA…" onChange={(event) => aws({ accessKeyId: event.target.value })} />
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
            onChange={(event) => aws({ sessionToken: event.target.value })}
          />
          <label htmlFor="aws-region">Region</label>
          <input id="aws-region" value={draft.aws.region} spellCheck={false} placeholder="us-east-1" onChange={(event) => aws({ region: event.target.value })} />
          <label htmlFor="aws-service">Service</label>
          <input id="aws-service" value={draft.aws.service} spellCheck={false} placeholder="execute-api" onChange={(event) => aws({ service: event.target.value })} />
          <p className="hint form-grid-wide">Keys are sent to Shomei&apos;s main process, which signs the request; they never leave this machine otherwise.</p>
        </>
      ) : (
        <p className="hint form-grid-wide">This request is sent without authentication.</p>
      )}
    </div>
  );
}
