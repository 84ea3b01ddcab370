import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/channels';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';
import { onTrustChanged, trustChanged } from './trust-events';
import { TrustList } from './TrustList';

/**
 * Above the request while the active environment was imported and is not trusted: what it would
 * set (names, and values unless secret) and the Trust button. Main refuses its values for a host,
 * a header, a file or credentials until then.
 */
export function EnvironmentTrustBanner() {
  const [untrusted, setUntrusted] = useState<ChannelOutput<'trust:active-environment'>>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const revision = useMainChanges('variables:changed');
  useEffect(() => onTrustChanged(() => setVersion((n) => n + 1)), []);
  useEffect(() => {
    let isCurrent = true;
    void invoke('trust:active-environment', {}).then((result) => {
      if (isCurrent) setUntrusted(result.ok ? result.value : null);
    });
    return () => {
      isCurrent = false;
    };
  }, [revision, version]);
  if (!untrusted) return null;
  const trust = async () => {
    const result = await invoke('trust:trust-environment', { environmentId: untrusted.environmentId });
    if (!result.ok) return setProblem(result.error.message);
    setProblem(undefined);
    setUntrusted(null);
    trustChanged();
  };
  return (
    <section className="trust-banner" role="region" aria-label="Untrusted environment">
      <p>
        <strong>The environment “{untrusted.environmentName}” was imported and is not trusted.</strong> Until you trust
        it, its values choose no host, header, body file or credentials of a send (a body text may still use them).
        Trusting it allows:
      </p>
      <TrustList
        label="Sets"
        items={untrusted.variables.map((v) => (v.isSecret ? `${v.name} (secret)` : `${v.name} = ${v.value}`))}
      />
      <button type="button" className="primary" onClick={() => void trust()}>
        Trust “{untrusted.environmentName}”
      </button>
      {problem && <span className="warning">{problem}</span>}
    </section>
  );
}
