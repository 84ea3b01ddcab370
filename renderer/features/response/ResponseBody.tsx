import { useMemo, useRef } from 'react';
import type { ResponseSummary } from '../../../shared/contract/http';
import { FindInBody } from './FindInBody';
import { formatBytes, type ShownBody } from './format-body';
import { JsonTree } from './JsonTree';
import { ProgressiveText } from './ProgressiveText';
import type { useLargeBody } from './use-large-body';

/** How the body is shown; held by the response view so it survives switching tabs. */
export type BodyMode = 'pretty' | 'tree' | 'raw';

/** The body view's state, kept above the tabs (a tab's panel unmounts when another is chosen). */
export interface BodyViewState {
  mode: BodyMode;
  setMode(mode: BodyMode): void;
  large: ReturnType<typeof useLargeBody>;
  /** Whether the body of this response was copied last. */
  isCopied: boolean;
  setCopied(isCopied: boolean): void;
}

/**
 * The body of a response: Pretty, Tree (whole JSON up to 1 MB) or Raw, with Copy, Save to file and
 * Find; a body main kept in a temporary file is paged in on demand.
 */
export function ResponseBody({
  response,
  body,
  raw,
  view,
}: {
  response: ResponseSummary;
  body: ShownBody;
  /** The body as UTF-8 text, as received. */
  raw: string;
  view: BodyViewState;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const { mode, setMode } = view;
  const { extra, loadMore, saveBody } = view.large;
  const { isCopied, setCopied } = view;
  /** A foldable tree for whole JSON bodies up to 1 MB (bigger ones stay text, for speed). */
  const treeValue = useMemo(() => {
    if (!body.isJson || response.body.bodyId || response.body.size > 1024 * 1024) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }, [body, response, raw]);
  const extraText = extra.segments.join('');
  const bodyId = response.body.bodyId;
  const shown = mode === 'raw' ? raw : body.text;

  return (
    <div>
      <div className="row">
        <label className="radio">
          <input type="radio" name="body-mode" checked={mode === 'pretty'} onChange={() => setMode('pretty')} /> Pretty
        </label>
        {treeValue !== undefined && (
          <label className="radio">
            <input type="radio" name="body-mode" checked={mode === 'tree'} onChange={() => setMode('tree')} /> Tree
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
          {isCopied ? 'Copied' : 'Copy'}
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
  );
}
