import { useMemo, useState } from 'react';
import type { ResponseSummary } from '../../../shared/contract/http';
import type { AppError } from '../../../shared/errors';
import { Tabs } from '../../components/Tabs';
import { explainAwsError } from '../../../shared/aws/explain-aws-error';
import { AwsErrorPanel } from './AwsErrorPanel';
import { formatBody, formatBytes, formatDuration } from './format-body';
import { signedVsSent } from './signed-vs-sent';

/** The body as text for the AWS error decoder (UTF-8, first 256 KiB). */
function bodyText(base64: string): string {
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes.subarray(0, 256 * 1024));
  } catch {
    return '';
  }
}

interface ResponseViewProps {
  response: ResponseSummary | undefined;
  error: AppError | undefined;
  isSending: boolean;
}

type ResponseTab = 'body' | 'headers' | 'request' | 'signature';

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

/** Status, time, size, headers and body of the last send — or what went wrong. */
export function ResponseView({ response, error, isSending }: ResponseViewProps) {
  const [tab, setTab] = useState<ResponseTab>('body');
  const body = useMemo(() => (response ? formatBody(response.body.base64, response.body.contentType) : undefined), [response]);
  const explanation = useMemo(
    () =>
      response && response.status >= 400
        ? explainAwsError({
            status: response.status,
            headers: response.headers,
            body: bodyText(response.body.base64),
            signed: response.signing,
            sentAt: new Date(response.timing.startedAt),
          })
        : undefined,
    [response],
  );
  const checks = useMemo(
    () => (response?.signing ? signedVsSent(response.signing.canonicalRequest, response.signing.signedHeaders, response.request.headers) : []),
    [response],
  );

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
  return (
    <section className="response" aria-label="Response" aria-busy={isSending}>
      <div className="response-meta">
        <span data-testid="response-status" className={`status ${statusClass(response.status)}`}>
          {`${response.status} ${response.statusText}`.trim()}
        </span>
        <span data-testid="response-time">{formatDuration(response.timing.totalMs)}</span>
        <span data-testid="response-size">
          {formatBytes(response.body.size)}
          {response.body.isTruncated ? ' (truncated)' : ''}
        </span>
      </div>
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
              <pre data-testid="response-body" className={`code response-body${body.isJson ? ' is-json' : ''}`} tabIndex={0}>
                {body.text}
              </pre>
            ),
          },
          { id: 'headers', label: 'Headers', badge: String(response.headers.length), panel: <HeaderList headers={response.headers} label="Response headers" /> },
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
                        Signed as <strong>{response.signing.service}</strong> in <strong>{response.signing.region}</strong> ({response.signing.isQuerySigned ? 'query string' : 'Authorization header'})
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
