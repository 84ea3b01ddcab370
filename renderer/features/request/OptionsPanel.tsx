import { useState } from 'react';
import { withoutProxyCredentials } from '../../../shared/contract/collections';
import { saveDefaultSendOptions, type DraftAction, type EditorDraft, type SendOptionsDraft } from './request-draft';

/**
 * The Options tab: timeout, redirects, TLS verification and CA bundle, proxy, and a connect-to
 * address. Saving the request keeps the ones that differ from the window's defaults.
 */
export function OptionsPanel({ draft, update }: { draft: EditorDraft; update(action: DraftAction): void }) {
  const options = draft.options;
  const set = (patch: Partial<SendOptionsDraft>) => update({ type: 'options', patch });
  const [note, setNote] = useState<string | undefined>();
  const proxyUrl = options.proxyUrl.trim();
  const hasProxyCredentials = withoutProxyCredentials(proxyUrl) !== proxyUrl;
  return (
    <div className="form-grid">
      <label htmlFor="opt-timeout">Timeout (s)</label>
      <input
        id="opt-timeout"
        className="narrow"
        type="number"
        min={1}
        max={3600}
        value={options.timeoutSeconds}
        onChange={(event) => set({ timeoutSeconds: Math.max(1, Math.min(3600, Number(event.target.value) || 1)) })}
      />
      <span />
      <div className="inline-row">
        <button
          type="button"
          onClick={() => {
            saveDefaultSendOptions(options);
            setNote(
              'New tabs, and saved requests that do not set their own, now use this timeout and these redirect settings.',
            );
          }}
        >
          Remember timeout and redirects as the default
        </button>
        {note && (
          <span className="hint" role="status">
            {note}
          </span>
        )}
      </div>
      <span className="form-label">Redirects</span>
      <div className="inline-row">
        <label className="radio">
          <input
            type="checkbox"
            checked={options.isFollowingRedirects}
            onChange={(event) => set({ isFollowingRedirects: event.target.checked })}
          />{' '}
          Follow redirects
        </label>
        <label htmlFor="opt-max-redirects">at most</label>
        <input
          id="opt-max-redirects"
          className="narrow"
          type="number"
          min={0}
          max={50}
          value={options.maxRedirects}
          disabled={!options.isFollowingRedirects}
          onChange={(event) =>
            set({ maxRedirects: Math.max(0, Math.min(50, Math.floor(Number(event.target.value)) || 0)) })
          }
        />
      </div>
      <p className="hint form-grid-wide">
        Same-origin redirects are signed again for the new URL; to another origin no Authorization, X-Amz-* header or
        session token is sent (the timeline says so).
      </p>
      <span className="form-label">TLS</span>
      <label className="radio">
        <input
          type="checkbox"
          checked={options.isTlsVerified}
          onChange={(event) => set({ isTlsVerified: event.target.checked })}
        />{' '}
        Verify the server&apos;s certificate
      </label>
      {!options.isTlsVerified && (
        <p className="warning form-grid-wide" role="status">
          Certificate verification is off for this request: anyone on the path could pose as the server.
        </p>
      )}
      <label htmlFor="opt-ca">CA bundle (PEM)</label>
      <textarea
        id="opt-ca"
        className="code"
        rows={3}
        spellCheck={false}
        placeholder="-----BEGIN CERTIFICATE----- … (optional: extra authorities to trust)"
        value={options.caBundlePem}
        onChange={(event) => set({ caBundlePem: event.target.value })}
      />
      <label htmlFor="opt-proxy">Proxy</label>
      <input
        id="opt-proxy"
        spellCheck={false}
        placeholder="http://proxy:3128 (default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY)"
        value={options.proxyUrl}
        onChange={(event) => set({ proxyUrl: event.target.value })}
      />
      {hasProxyCredentials && (
        <p className="hint form-grid-wide" role="note">
          The proxy&apos;s user name and password are used for sending but never saved with the request: type them again
          after reopening it, or put them in HTTPS_PROXY.
        </p>
      )}
      <label htmlFor="opt-connect-to">Connect to</label>
      <input
        id="opt-connect-to"
        spellCheck={false}
        placeholder="localhost:8443 (the URL's host is still the one signed)"
        value={options.connectTo}
        onChange={(event) => set({ connectTo: event.target.value })}
      />
      <p className="hint form-grid-wide">
        Saving the request keeps the options that differ from the defaults; the others follow the defaults.
      </p>
    </div>
  );
}
