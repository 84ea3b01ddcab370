import { useMemo, useState } from 'react';
import { explainAwsError } from '../../../shared/aws/explain-aws-error';
import type { ResponseSummary } from '../../../shared/contract/http';
import type { AppError } from '../../../shared/errors';
import { Tabs } from '../../components/Tabs';
import { AwsErrorPanel } from './AwsErrorPanel';
import { BodyPreview } from './BodyPreview';
import { CookieTable } from './CookieTable';
import { formatBody, formatBytes, formatDuration } from './format-body';
import { HeaderList } from './HeaderList';
import { ResponseBody, type BodyMode } from './ResponseBody';
import { bodyText, cookiesOf } from './response-text';
import { SignatureView } from './SignatureView';
import { TestResults, testsBadge } from './TestResults';
import { TimelineList } from './TimelineList';
import { TimingView } from './TimingView';
import { useLargeBody } from './use-large-body';

interface ResponseViewProps {
  response: ResponseSummary | undefined;
  error: AppError | undefined;
  isSending: boolean;
}

type ResponseTab =
  'body' | 'preview' | 'headers' | 'cookies' | 'timing' | 'timeline' | 'request' | 'signature' | 'tests';

function statusClass(status: number): string {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return 'status-2xx';
}

/** Status, time, size, headers and body of the last send — or what went wrong. */
export function ResponseView({ response, error, isSending }: ResponseViewProps) {
  const [tab, setTab] = useState<ResponseTab>('body');
  const [mode, setMode] = useState<BodyMode>('pretty');
  const large = useLargeBody(response);
  const [copiedFor, setCopiedFor] = useState<ResponseSummary | undefined>();
  const isCopied = copiedFor !== undefined && copiedFor === response;
  const setCopied = (copied: boolean) => setCopiedFor(copied ? response : undefined);
  const body = useMemo(
    () => (response ? formatBody(response.body.base64, response.body.contentType) : undefined),
    [response],
  );
  const raw = useMemo(() => (response ? bodyText(response.body.base64) : ''), [response]);
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
  return (
    <section className="response" aria-label="Response" aria-busy={isSending}>
      {/* The headings inside (the Signature tab's) sit below this one: h1 app, h2 response, h3 parts. */}
      <h2 className="visually-hidden">Response</h2>
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
              <ResponseBody
                response={response}
                body={body}
                raw={raw}
                view={{ mode, setMode, large, isCopied, setCopied }}
              />
            ),
          },
          ...(canPreview
            ? [
                {
                  id: 'preview' as const,
                  label: 'Preview',
                  panel: <BodyPreview base64={response.body.base64} contentType={contentType} />,
                },
              ]
            : []),
          ...(response.tests
            ? [
                {
                  id: 'tests' as const,
                  label: 'Tests',
                  badge: testsBadge(response.tests),
                  panel: <TestResults tests={response.tests} />,
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
                  panel: <CookieTable cookies={cookies} />,
                },
              ]
            : []),
          { id: 'timing', label: 'Timing', panel: <TimingView timing={response.timing} /> },
          {
            id: 'timeline',
            label: 'Timeline',
            panel: <TimelineList timeline={response.timeline} />,
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
                  panel: <SignatureView signing={response.signing} sentHeaders={response.request.headers} />,
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}
