import { useEffect, useMemo, useRef, useState } from 'react';
import { explainAwsError } from '../../../shared/aws/explain-aws-error';
import type { ResponseSummary } from '../../../shared/contract/http';
import type { AppError } from '../../../shared/errors';
import { invoke } from '../../api/client';
import { Tabs } from '../../components/Tabs';
import { AwsErrorPanel } from './AwsErrorPanel';
import { FindInBody } from './FindInBody';
import { JsonTree } from './JsonTree';
import { base64ToBytes, formatBody, formatBytes, formatDuration } from './format-body';
import { signedVsSent } from './signed-vs-sent';

interface ResponseViewProps {
  response: ResponseSummary | undefined;
  error: AppError | undefined;
  isSending: boolean;
}

type ResponseTab = 'body' | 'preview' | 'headers' | 'cookies' | 'timing' | 'timeline' | 'request' | 'signature';

function statusClass(status: number): string {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return 'status-2xx';
}

function HeaderList({ headers, label }: { headers: ReadonlyArray<readonly [string, string]>; label: string }) {
  return (
    <table className="header-list" aria-label={label}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${name}-${index}`}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The body as text for the AWS error decoder (UTF-8, first 256 KiB). */
function bodyText(base64: string): string {
  try {
    const bytes = base64ToBytes(base64);
    return new TextDecoder().decode(bytes.subarray(0, 256 * 1024));
  } catch {
    return '';
  }
}

/** `Set-Cookie` headers as rows: name, value, and the attributes as written. */
function cookiesOf(
  headers: ReadonlyArray<readonly [string, string]>,
): Array<{ name: string; value: string; attributes: string }> {
  return headers
    .filter(([name]) => name.toLowerCase() === 'set-cookie')
    .map(([, line]) => {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      return {
        name: pair.slice(0, eq < 0 ? undefined : eq).trim(),
        value: eq < 0 ? '' : pair.slice(eq + 1).trim(),
        attributes: attributes.map((a) => a.trim()).join('; '),
      };
    });
}

/** Where the time went, as bars: DNS, connect, TLS, first byte, download. */
function TimingView({ timing }: { timing: ResponseSummary['timing'] }) {
  const phases: Array<[string, number | undefined]> = [
    ['DNS', timing.dnsMs],
    ['Connect', timing.connectMs],
    ['TLS', timing.tlsMs],
    ['First byte', timing.firstByteMs],
    ['Download', timing.downloadMs],
  ];
  const total = Math.max(timing.totalMs, 0.001);
  return (
    <div>
      <table className="timing" aria-label="Timing">
        <tbody>
          {phases.map(([label, ms]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="timing-bar-cell">
                {ms !== undefined && (
                  <span className="timing-bar" style={{ width: `${Math.max(1, (ms / total) * 100)}%` }} />
                )}
              </td>
              <td>
                {ms === undefined
                  ? timing.isConnectionReused && label !== 'First byte' && label !== 'Download'
                    ? 'reused'
                    : '—'
                  : formatDuration(ms)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td />
            <td data-testid="timing-total">{formatDuration(timing.totalMs)}</td>
          </tr>
        </tbody>
      </table>
      <p className="hint">
        Started {new Date(timing.startedAt).toLocaleTimeString()}
        {timing.isConnectionReused ? ' · the connection was reused' : ''}.
      </p>
    </div>
  );
}

/** A sandboxed look at HTML, SVG or an image: no script, no navigation, no bridge. */
function Preview({ base64, contentType }: { base64: string; contentType: string }) {
  if (/^image\//i.test(contentType)) {
    // An image element never runs script, SVG included.
    return (
      <img className="response-image" alt="Response body" src={`data:${contentType.split(';')[0]};base64,${base64}`} />
    );
  }
  // Security: an empty sandbox (no scripts, forms, popups or top navigation) and the app's CSP
  // (inherited by srcdoc frames: no remote loads) keep hostile HTML inert.
  return <iframe className="response-preview" title="HTML preview" sandbox="" srcDoc={bodyText(base64)} />;
}

/** The part of a large body shown so far. */
interface ExtraBody {
  of: ResponseSummary | undefined;
  /** Decoded text, in blocks of at most 128 KiB, each laid out on its own. */
  segments: string[];
  loaded: number;
  isEnd: boolean;
  problem?: string;
}

const SEGMENT_CHARS = 64 * 1024;
const decoders = new WeakMap<ResponseSummary, TextDecoder>();

/** One streaming UTF-8 decoder per response, so a character split between two slices stays whole. */
function decoderOf(response: ResponseSummary): TextDecoder {
  let decoder = decoders.get(response);
  if (!decoder) {
    decoder = new TextDecoder();
    decoders.set(response, decoder);
  }
  return decoder;
}

/**
 * Long text laid out one 64 KiB block per task: the first block at once, the rest on the next
 * ticks, so a big body never holds the page up in one long layout.
 */
function ProgressiveText({ text, className }: { text: string; className: string }) {
  const blocks = useMemo(() => {
    const out: string[] = [];
    for (let i = 0; i < text.length; i += SEGMENT_CHARS) out.push(text.slice(i, i + SEGMENT_CHARS));
    return out.length > 0 ? out : [''];
  }, [text]);
  const [shown, setShown] = useState({ of: blocks, count: 1 });
  const count = shown.of === blocks ? shown.count : 1;
  useEffect(() => {
    if (count >= blocks.length) return undefined;
    const timer = setTimeout(() => setShown({ of: blocks, count: count + 1 }), 0);
    return () => clearTimeout(timer);
  }, [blocks, count]);
  return (
    <>
      {blocks.slice(0, count).map((block, index) => (
        <pre key={index} className={index === 0 ? className : `${className} body-segment`}>
          {block}
        </pre>
      ))}
    </>
  );
}

/** How many bytes a base64 string holds. */
function base64Bytes(base64: string): number {
  return (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

function firstPart(response: ResponseSummary | undefined): ExtraBody {
  return {
    of: response,
    segments: [],
    loaded: response ? base64Bytes(response.body.base64) : 0,
    isEnd: !response?.body.bodyId,
  };
}

/** Status, time, size, headers and body of the last send — or what went wrong. */
export function ResponseView({ response, error, isSending }: ResponseViewProps) {
  const [tab, setTab] = useState<ResponseTab>('body');
  const bodyRef = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<'pretty' | 'tree' | 'raw'>('pretty');
  // More of a large body, read on demand; it belongs to one response and resets with the next.
  const [extraState, setExtraState] = useState<ExtraBody | undefined>();
  const extra: ExtraBody = extraState && extraState.of === response ? extraState : firstPart(response);
  const setExtra = (next: Omit<ExtraBody, 'of'>) => setExtraState({ ...next, of: response });
  /** Adds text to the shown body one 128 KiB block per task, so no single layout holds the page up. */
  const appendSegments = (segments: string[], after: Omit<ExtraBody, 'of' | 'segments'>) => {
    const [first, ...rest] = segments;
    setExtraState((previous) => {
      const base = previous && previous.of === response ? previous : firstPart(response);
      return {
        ...base,
        ...(rest.length === 0 ? after : {}),
        segments: first === undefined ? base.segments : [...base.segments, first],
        of: response,
      };
    });
    if (rest.length > 0) setTimeout(() => appendSegments(rest, after), 0);
  };
  const [copiedFor, setCopiedFor] = useState<ResponseSummary | undefined>();
  const copied = copiedFor !== undefined && copiedFor === response;
  const setCopied = (isCopied: boolean) => setCopiedFor(isCopied ? response : undefined);

  const body = useMemo(
    () => (response ? formatBody(response.body.base64, response.body.contentType) : undefined),
    [response],
  );
  const raw = useMemo(() => (response ? bodyText(response.body.base64) : ''), [response]);
  /** A foldable tree for whole JSON bodies up to 1 MB (bigger ones stay text, for speed). */
  const treeValue = useMemo(() => {
    if (!body?.isJson || !response || response.body.bodyId || response.body.size > 1024 * 1024) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }, [body, response, raw]);
  const explanation = useMemo(
    () =>
      response && response.status >= 400
        ? explainAwsError({
            status: response.status,
            headers: response.headers,
            body: raw,
            signed: response.signing,
            sentAt: new Date(response.timing.startedAt),
          })
        : undefined,
    [response, raw],
  );
  const checks = useMemo(
    () =>
      response?.signing
        ? signedVsSent(response.signing.canonicalRequest, response.signing.signedHeaders, response.request.headers)
        : [],
    [response],
  );
  const extraText = extra.segments.join('');

  if (error) {
    return (
      <section className="response" aria-label="Response">
        <div className="error-box" role="alert">
          <strong>{error.message}</strong>
          <span className="error-code">{error.code}</span>
        </div>
      </section>
    );
  }
  if (!response || !body) {
    return (
      <section className="response empty" aria-label="Response">
        <p className="hint">{isSending ? 'Sending…' : 'Send a request to see the response here.'}</p>
      </section>
    );
  }

  const contentType = response.body.contentType ?? '';
  const canPreview = /^(text\/html|application\/xhtml|image\/)/i.test(contentType);
  const cookies = cookiesOf(response.headers);
  const bodyId = response.body.bodyId;

  const loadMore = async () => {
    if (!bodyId) return;
    const result = await invoke('response:read-body', { bodyId, offset: extra.loaded, length: 1024 * 1024 });
    if (!result.ok) return setExtra({ ...extra, problem: result.error.message });
    const text = decoderOf(response).decode(base64ToBytes(result.value.base64), { stream: !result.value.isEnd });
    const segments: string[] = [];
    for (let i = 0; i < text.length; i += SEGMENT_CHARS) segments.push(text.slice(i, i + SEGMENT_CHARS));
    appendSegments(segments, { loaded: result.value.offset + result.value.length, isEnd: result.value.isEnd });
  };

  const saveBody = async () => {
    const parts: BlobPart[] = [base64ToBytes(response.body.base64)];
    if (bodyId) {
      // The whole body, slice by slice from main's temporary file.
      let offset = base64Bytes(response.body.base64);
      for (;;) {
        const result = await invoke('response:read-body', { bodyId, offset, length: 4 * 1024 * 1024 });
        if (!result.ok) break;
        parts.push(base64ToBytes(result.value.base64));
        offset = result.value.offset + result.value.length;
        if (result.value.isEnd) break;
      }
    }
    const url = URL.createObjectURL(new Blob(parts, { type: contentType || 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = new URL(response.request.url).pathname.split('/').pop() || 'response';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const shown = mode === 'raw' ? raw : body.text;
  return (
    <section className="response" aria-label="Response" aria-busy={isSending}>
      <div className="response-meta">
        <span data-testid="response-status" className={`status ${statusClass(response.status)}`}>
          {`${response.status} ${response.statusText}`.trim()}
        </span>
        <span data-testid="response-time" title="Total time; the Timing tab has the phases">
          {formatDuration(response.timing.totalMs)}
        </span>
        <span
          data-testid="response-size"
          title={`Headers ${formatBytes(response.body.headersSize ?? 0)}, body ${formatBytes(response.body.size)}`}
        >
          {formatBytes(response.body.size)}
          {response.body.compressedSize !== undefined
            ? ` (${formatBytes(response.body.compressedSize)} on the wire)`
            : ''}
          {response.body.isTruncated ? ' (truncated)' : ''}
        </span>
        {response.redirects.length > 0 && (
          <span className="hint">
            {response.redirects.length} redirect{response.redirects.length === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {response.warnings.map((warning) => (
        <p key={warning} className="warning" role="status" data-testid="response-warning">
          ⚠ {warning}
        </p>
      ))}
      {explanation && <AwsErrorPanel explanation={explanation} />}
      <Tabs<ResponseTab>
        label="Response parts"
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: 'body',
            label: 'Body',
            panel: (
              <div>
                <div className="row">
                  <label className="radio">
                    <input
                      type="radio"
                      name="body-mode"
                      checked={mode === 'pretty'}
                      onChange={() => setMode('pretty')}
                    />{' '}
                    Pretty
                  </label>
                  {treeValue !== undefined && (
                    <label className="radio">
                      <input type="radio" name="body-mode" checked={mode === 'tree'} onChange={() => setMode('tree')} />{' '}
                      Tree
                    </label>
                  )}
                  <label className="radio">
                    <input type="radio" name="body-mode" checked={mode === 'raw'} onChange={() => setMode('raw')} /> Raw
                  </label>
                  <button
                    type="button"
                    onClick={() =>
                      void navigator.clipboard.writeText(shown + extraText).then(
                        () => setCopied(true),
                        () => setCopied(false),
                      )
                    }
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </button>
                  <button type="button" onClick={() => void saveBody()}>
                    Save to file
                  </button>
                  <FindInBody target={bodyRef} version={`${mode}:${extra.segments.length}`} />
                </div>
                {bodyId && (
                  <p className="hint" data-testid="large-body-note">
                    Large body: {formatBytes(response.body.size)} kept in a temporary file; showing the first{' '}
                    {formatBytes(extra.loaded)}.{' '}
                    {!extra.isEnd && (
                      <button type="button" className="link" onClick={() => void loadMore()}>
                        Show the next 1 MB
                      </button>
                    )}
                    {extra.problem && <span className="warning"> {extra.problem}</span>}
                  </p>
                )}
                <div ref={bodyRef} data-testid="response-body" className="response-body-wrap" tabIndex={0}>
                  {mode === 'tree' && treeValue !== undefined ? (
                    <div className="code json-tree">
                      <JsonTree value={treeValue} />
                    </div>
                  ) : (
                    <ProgressiveText
                      key={`${mode}`}
                      text={shown}
                      className={`code response-body${body.isJson && mode === 'pretty' ? ' is-json' : ''}`}
                    />
                  )}
                  {extra.segments.map((segment, index) => (
                    <pre key={index} className="code response-body body-segment">
                      {segment}
                    </pre>
                  ))}
                </div>
              </div>
            ),
          },
          ...(canPreview
            ? [
                {
                  id: 'preview' as const,
                  label: 'Preview',
                  panel: <Preview base64={response.body.base64} contentType={contentType} />,
                },
              ]
            : []),
          {
            id: 'headers',
            label: 'Headers',
            badge: String(response.headers.length),
            panel: <HeaderList headers={response.headers} label="Response headers" />,
          },
          ...(cookies.length > 0
            ? [
                {
                  id: 'cookies' as const,
                  label: 'Cookies',
                  badge: String(cookies.length),
                  panel: (
                    <table className="header-list" aria-label="Cookies">
                      <tbody>
                        {cookies.map((cookie, index) => (
                          <tr key={`${cookie.name}-${index}`}>
                            <th scope="row">{cookie.name}</th>
                            <td>{cookie.value}</td>
                            <td className="hint">{cookie.attributes}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ),
                },
              ]
            : []),
          { id: 'timing', label: 'Timing', panel: <TimingView timing={response.timing} /> },
          {
            id: 'timeline',
            label: 'Timeline',
            panel: (
              <ol className="timeline" aria-label="Timeline" data-testid="timeline">
                {response.timeline.map((entry, index) => (
                  <li key={index} className={`timeline-${entry.kind}`}>
                    <span className="timeline-at">{entry.atMs.toFixed(1)} ms</span> <strong>{entry.kind}</strong>{' '}
                    {entry.text}
                    {entry.headers && entry.headers.length > 0 && (
                      <details>
                        <summary>{entry.headers.length} headers</summary>
                        <HeaderList headers={entry.headers} label={`Headers of ${entry.kind} ${index + 1}`} />
                      </details>
                    )}
                  </li>
                ))}
              </ol>
            ),
          },
          {
            id: 'request',
            label: 'Sent',
            panel: (
              <div>
                <p className="mono">
                  {response.request.method} {response.request.url}
                </p>
                <HeaderList headers={response.request.headers} label="Sent headers" />
              </div>
            ),
          },
          ...(response.signing
            ? [
                {
                  id: 'signature' as const,
                  label: 'Signature',
                  panel: (
                    <div className="signature">
                      <p>
                        Signed as <strong>{response.signing.service}</strong> in{' '}
                        <strong>{response.signing.region}</strong> (
                        {response.signing.isQuerySigned ? 'query string' : 'Authorization header'})
                      </p>
                      <h3>Canonical request</h3>
                      <pre className="code" data-testid="canonical-request">
                        {response.signing.canonicalRequest}
                      </pre>
                      <h3>String to sign</h3>
                      <pre className="code" data-testid="string-to-sign">
                        {response.signing.stringToSign}
                      </pre>
                      <p className="mono">Signed headers: {response.signing.signedHeaders}</p>
                      <h3>Signed vs sent</h3>
                      <table className="header-list" aria-label="Signed vs sent" data-testid="signed-vs-sent">
                        <thead>
                          <tr>
                            <th>Header</th>
                            <th>Signed</th>
                            <th>Sent</th>
                            <th />
                          </tr>
                        </thead>
                        <tbody>
                          {checks.map((check) => (
                            <tr key={check.name}>
                              <th scope="row">{check.name}</th>
                              <td>{check.signed}</td>
                              <td>{check.sent ?? '(not sent)'}</td>
                              <td>{check.isSame ? '✓ same' : '✗ changed'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}
