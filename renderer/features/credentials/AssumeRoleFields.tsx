import type {
  AssumeRoleSettings,
  AwsProfileSummary,
  BaseSource,
  CredentialProfileSummary,
} from '../../../shared/contract/credentials';

/** The AssumeRole fields as typed; `base` is one select value (`profile:<id>`, `aws:<name>`, `env`, `default-chain`). */
export interface AssumeRoleDraft {
  base: string;
  roleArn: string;
  sessionName: string;
  externalId: string;
  durationSeconds: string;
  mfaSerial: string;
  stsEndpoint: string;
  stsRegion: string;
}

export const EMPTY_ASSUME_ROLE: AssumeRoleDraft = {
  base: '',
  roleArn: '',
  sessionName: 'shomei',
  externalId: '',
  durationSeconds: '3600',
  mfaSerial: '',
  stsEndpoint: '',
  stsRegion: '',
};

/** The saved settings' form state. */
export function assumeRoleDraft(r: AssumeRoleSettings): AssumeRoleDraft {
  const base =
    r.base.source === 'profile'
      ? `profile:${r.base.profileId}`
      : r.base.source === 'aws-profile'
        ? `aws:${r.base.profile}`
        : r.base.source;
  return {
    base,
    roleArn: r.roleArn,
    sessionName: r.sessionName,
    externalId: r.externalId ?? '',
    durationSeconds: String(r.durationSeconds),
    mfaSerial: r.mfaSerial ?? '',
    stsEndpoint: r.stsEndpoint ?? '',
    stsRegion: r.stsRegion ?? '',
  };
}

/** Where an AssumeRole profile gets the keys it calls STS with, as one select value. */
function baseFromValue(value: string): BaseSource | undefined {
  if (value === 'env' || value === 'default-chain') return { source: value };
  if (value.startsWith('profile:')) return { source: 'profile', profileId: value.slice('profile:'.length) };
  if (value.startsWith('aws:')) return { source: 'aws-profile', profile: value.slice('aws:'.length) };
  return undefined;
}

/** The form state as settings to save (empty optional fields left out); undefined while no calling keys are chosen. */
export function assumeRoleSettings(role: AssumeRoleDraft): AssumeRoleSettings | undefined {
  const base = baseFromValue(role.base);
  if (!base) return undefined;
  return {
    base,
    roleArn: role.roleArn,
    sessionName: role.sessionName,
    durationSeconds: Number(role.durationSeconds),
    ...(role.externalId.trim() ? { externalId: role.externalId } : {}),
    ...(role.mfaSerial.trim() ? { mfaSerial: role.mfaSerial } : {}),
    ...(role.stsEndpoint.trim() ? { stsEndpoint: role.stsEndpoint } : {}),
    ...(role.stsRegion.trim() ? { stsRegion: role.stsRegion } : {}),
  };
}

/**
 * An AssumeRole profile's fields, inside the credential manager's form grid: the source of the
 * calling keys (a saved profile, a ~/.aws profile, the environment or the default chain), the
 * role and its session settings, an MFA serial and an STS endpoint.
 */
export function AssumeRoleFields({
  value,
  onChange,
  profiles,
  awsProfiles,
}: {
  value: AssumeRoleDraft;
  onChange(next: AssumeRoleDraft): void;
  profiles: readonly CredentialProfileSummary[];
  awsProfiles: readonly AwsProfileSummary[];
}) {
  return (
    <>
      <label htmlFor="role-base">Using</label>
      <select id="role-base" value={value.base} onChange={(event) => onChange({ ...value, base: event.target.value })}>
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
        value={value.roleArn}
        placeholder="arn:aws:iam::123456789012:role/Name"
        onChange={(event) => onChange({ ...value, roleArn: event.target.value })}
      />
      <label htmlFor="role-session">Session name</label>
      <input
        id="role-session"
        value={value.sessionName}
        onChange={(event) => onChange({ ...value, sessionName: event.target.value })}
      />
      <label htmlFor="role-external-id">External ID</label>
      <input
        id="role-external-id"
        value={value.externalId}
        onChange={(event) => onChange({ ...value, externalId: event.target.value })}
      />
      <label htmlFor="role-duration">Duration (s)</label>
      <input
        id="role-duration"
        type="number"
        min={900}
        max={43200}
        value={value.durationSeconds}
        onChange={(event) => onChange({ ...value, durationSeconds: event.target.value })}
      />
      <label htmlFor="role-mfa">MFA serial</label>
      <input
        id="role-mfa"
        spellCheck={false}
        value={value.mfaSerial}
        placeholder="arn:aws:iam::123456789012:mfa/me (optional)"
        onChange={(event) => onChange({ ...value, mfaSerial: event.target.value })}
      />
      <label htmlFor="role-sts-endpoint">STS endpoint</label>
      <input
        id="role-sts-endpoint"
        spellCheck={false}
        value={value.stsEndpoint}
        placeholder="default for the region (optional)"
        onChange={(event) => onChange({ ...value, stsEndpoint: event.target.value })}
      />
      <label htmlFor="role-sts-region">STS region</label>
      <input
        id="role-sts-region"
        spellCheck={false}
        value={value.stsRegion}
        placeholder="us-east-1 (optional)"
        onChange={(event) => onChange({ ...value, stsRegion: event.target.value })}
      />
    </>
  );
}
