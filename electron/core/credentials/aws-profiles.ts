import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsProfileSummary } from '../../../shared/contract/credentials';

/** The two files the AWS CLI and SDKs read, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function awsConfigFiles(env: NodeJS.ProcessEnv): { configFile: string; sharedCredentialsFile: string } {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return {
    configFile: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    sharedCredentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

function kindOf(profile: Record<string, string | undefined>): AwsProfileSummary['kind'] {
  if (profile.role_arn && profile.web_identity_token_file) return 'web-identity';
  if (profile.role_arn) return 'assume-role';
  if (profile.sso_session || profile.sso_start_url || profile.sso_account_id) return 'sso';
  if (profile.credential_process) return 'process';
  if (profile.aws_access_key_id) return 'static';
  return 'other';
}

/** The profiles of both files, by name (no keys); missing files simply list nothing. */
export async function listAwsProfiles(env: NodeJS.ProcessEnv): Promise<{ profiles: AwsProfileSummary[]; configFile: string; sharedCredentialsFile: string }> {
  const files = awsConfigFiles(env);
  const loaded = await loadSharedConfigFiles({ filepath: files.sharedCredentialsFile, configFilepath: files.configFile, ignoreCache: true });
  const byName = new Map<string, AwsProfileSummary & { merged: Record<string, string | undefined> }>();
  const add = (name: string, values: Record<string, string | undefined>, file: 'config' | 'credentials') => {
    const existing = byName.get(name) ?? { name, kind: 'other' as const, files: [], merged: {} };
    existing.merged = { ...existing.merged, ...values };
    existing.files = [...existing.files, file];
    byName.set(name, existing);
  };
  // The loader also returns `[sso-session x]` and `[services x]` sections, prefixed; they are not profiles.
  for (const [name, values] of Object.entries(loaded.configFile)) if (!/^(sso-session|services)\./.test(name)) add(name, values, 'config');
  for (const [name, values] of Object.entries(loaded.credentialsFile)) add(name, values, 'credentials');
  const profiles = [...byName.values()]
    .map(({ merged, ...summary }) => ({ ...summary, kind: kindOf(merged), ...(merged.region ? { region: merged.region } : {}) }))
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
  return { profiles, ...files };
}
