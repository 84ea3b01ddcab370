import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../shared/contract/channels';
import type { SendIdentity } from '../../../shared/contract/trust';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';
import { onTrustChanged } from './trust-events';

/** How long the editor must be still before the identity is resolved again. */
const SETTLE_MS = 250;

function expiryText(expiresAt: string | undefined, now: number): string | undefined {
  if (!expiresAt) return undefined;
  const ms = new Date(expiresAt).getTime() - now;
  if (Number.isNaN(ms)) return undefined;
  if (ms <= 0) return `expired ${new Date(expiresAt).toLocaleString()}`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 120 ? `expires in ${minutes} min` : `expires ${new Date(expiresAt).toLocaleString()}`;
}

/**
 * The identity Send will sign with, resolved in main before sending: the source, the key id
 * masked, the account and expiry when known; or why Send would be refused. Never a secret.
 */
export function SendIdentityLine({ input }: { input: ChannelInput<'request:identity-draft'> }) {
  const [answer, setAnswer] = useState<{ identity: SendIdentity; at: number } | undefined>();
  const [trustVersion, setTrustVersion] = useState(0);
  const mainVersion = useMainChanges('variables:changed', 'credentials:changed');
  useEffect(() => onTrustChanged(() => setTrustVersion((n) => n + 1)), []);
  const version = `${mainVersion}:${trustVersion}`;
  const key = JSON.stringify(input);
  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      void invoke('request:identity-draft', JSON.parse(key) as ChannelInput<'request:identity-draft'>).then(
        (result) => {
          if (!isCurrent) return;
          const identity: SendIdentity = result.ok
            ? result.value
            : { state: 'blocked', code: result.error.code, message: result.error.message };
          setAnswer({ identity, at: Date.now() });
        },
      );
    }, SETTLE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [key, version]);
  if (!answer) return null;
  const { identity } = answer;
  if (identity.state === 'unsigned') {
    return (
      <p className="send-identity hint" data-testid="send-identity">
        Not signed (no auth)
      </p>
    );
  }
  if (identity.state === 'blocked') {
    return (
      <p className="send-identity is-blocked" data-testid="send-identity" role="status">
        <strong>Will not send:</strong> {identity.message.replace(/^Not (sent|signed): /, '')}
      </p>
    );
  }
  const expiry = expiryText(identity.expiresAt, answer.at);
  const parts = [
    identity.keyIdMasked ? `key ${identity.keyIdMasked}` : undefined,
    identity.accountId ? `account ${identity.accountId}` : undefined,
    expiry,
  ].filter((part): part is string => part !== undefined);
  return (
    <p className="send-identity" data-testid="send-identity">
      Signs as <strong>{identity.source}</strong>
      {identity.isAppDefault ? ' (the app-wide default)' : ''}
      {parts.length > 0 ? ` · ${parts.join(' · ')}` : ''}
    </p>
  );
}
