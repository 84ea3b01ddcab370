import { useEffect, useState } from 'react';
import type { TrustSummary } from '../../../shared/contract/trust';
import { invoke } from '../../api/client';
import { onTrustChanged, trustChanged } from './trust-events';
import { TrustList } from './TrustList';

/**
 * Above a request of an imported collection not trusted yet: what trusting it would allow (the
 * hosts it sends to, the local files it reads, the credential sources it names, where bytes would
 * go other than the URL's host) and the Trust button. Main refuses those until then.
 */
export function TrustBanner({ savedRequestId }: { savedRequestId: string | undefined }) {
  const [summary, setSummary] = useState<TrustSummary | undefined>();
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => onTrustChanged(() => setVersion((n) => n + 1)), []);
  useEffect(() => {
    let isCurrent = true;
    if (!savedRequestId) return;
    void (async () => {
      const opened = await invoke('collections:get-request', { id: savedRequestId });
      if (!opened.ok) return;
      const result = await invoke('trust:summary', { collectionId: opened.value.collectionId });
      if (isCurrent) setSummary(result.ok ? result.value : undefined);
    })();
    return () => {
      isCurrent = false;
    };
  }, [savedRequestId, version]);
  if (!savedRequestId || !summary || summary.isTrusted) return null;
  const trust = async () => {
    const result = await invoke('trust:trust-collection', { collectionId: summary.collectionId });
    if (!result.ok) return setProblem(result.error.message);
    setProblem(undefined);
    setSummary(result.value);
    trustChanged();
  };
  return (
    <section className="trust-banner" role="region" aria-label="Untrusted collection">
      <p>
        <strong>“{summary.collectionName}” was imported and is not trusted.</strong> Until you trust it, its requests
        read no local file and use no credentials (your secret variables included), connect-to address or Host override.
        Trusting it allows:
      </p>
      <TrustList label="Sends to" items={summary.hosts} />
      <TrustList label="Reads local files" items={summary.files} />
      <TrustList label="Signs with" items={summary.credentialSources} />
      <TrustList label="Connects to instead" items={summary.connectTo} />
      <TrustList label="Host headers" items={summary.hostHeaders} />
      <TrustList label="Changes the connection" items={summary.connections} />
      <TrustList label="Uses your variables" items={summary.environmentVariables.map((name) => `{{${name}}}`)} />
      <p>Files are still read only inside the working directory.</p>
      <button type="button" className="primary" onClick={() => void trust()}>
        Trust “{summary.collectionName}”
      </button>
      {problem && <span className="warning">{problem}</span>}
    </section>
  );
}
