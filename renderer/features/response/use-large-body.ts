import { useState } from 'react';
import type { ResponseSummary } from '../../../shared/contract/http';
import { invoke } from '../../api/client';
import { base64ToBytes } from './format-body';

/** How many characters one laid-out block of body text holds at most. */
export const SEGMENT_CHARS = 64 * 1024;

/** The part of a large body shown so far. */
export interface LargeBody {
  of: ResponseSummary | undefined;
  /** Decoded text, in blocks of at most SEGMENT_CHARS, each laid out on its own. */
  segments: string[];
  loaded: number;
  isEnd: boolean;
  problem?: string;
}

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

/** How many bytes a base64 string holds. */
function base64Bytes(base64: string): number {
  return (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

function firstPart(response: ResponseSummary | undefined): LargeBody {
  return {
    of: response,
    segments: [],
    loaded: response ? base64Bytes(response.body.base64) : 0,
    isEnd: !response?.body.bodyId,
  };
}

/** Splits text into blocks of at most SEGMENT_CHARS characters. */
export function segmentsOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += SEGMENT_CHARS) out.push(text.slice(i, i + SEGMENT_CHARS));
  return out;
}

/**
 * A body larger than main keeps inline stays in main's temporary file: this pages more of it in on
 * demand (`loadMore`) and saves the whole of it (`saveBody`). The state belongs to one response
 * and resets with the next.
 */
export function useLargeBody(response: ResponseSummary | undefined): {
  extra: LargeBody;
  loadMore: () => Promise<void>;
  saveBody: () => Promise<void>;
} {
  const [extraState, setExtraState] = useState<LargeBody | undefined>();
  const extra: LargeBody = extraState && extraState.of === response ? extraState : firstPart(response);
  /** Adds text to the shown body one block per task, so no single layout holds the page up. */
  const appendSegments = (segments: string[], after: Omit<LargeBody, 'of' | 'segments'>) => {
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

  const loadMore = async () => {
    const bodyId = response?.body.bodyId;
    if (!response || !bodyId) return;
    const result = await invoke('response:read-body', { bodyId, offset: extra.loaded, length: 1024 * 1024 });
    if (!result.ok) return setExtraState({ ...extra, problem: result.error.message, of: response });
    const text = decoderOf(response).decode(base64ToBytes(result.value.base64), { stream: !result.value.isEnd });
    appendSegments(segmentsOf(text), { loaded: result.value.offset + result.value.length, isEnd: result.value.isEnd });
  };

  const saveBody = async () => {
    if (!response) return;
    const bodyId = response.body.bodyId;
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
    const contentType = response.body.contentType ?? '';
    const url = URL.createObjectURL(new Blob(parts, { type: contentType || 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = new URL(response.request.url).pathname.split('/').pop() || 'response';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return { extra, loadMore, saveBody };
}
