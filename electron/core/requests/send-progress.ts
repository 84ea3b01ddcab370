import type { EventPayload } from '../../../shared/contract/channels';

/** Receives progress of a send, for the renderer's progress bar. */
export type ProgressSink = (payload: EventPayload<'request:progress'>) => void;

/** A send's phase, as the progress bar names it. */
export type ProgressPhase = EventPayload<'request:progress'>['phase'];

/** Reports one phase's progress, optionally with the bytes done of a total. */
export type ProgressReporter = (phase: ProgressPhase, bytes?: number, totalBytes?: number) => void;

/**
 * Progress for one request, at most ten byte counts a second per phase (a 50 MB body arrives in
 * hundreds of chunks); a phase's first and last count, and a phase without bytes, always go.
 */
export function throttledProgress(requestId: string, onProgress: ProgressSink | undefined): ProgressReporter {
  let last = { phase: '', at: 0 };
  return (phase, bytes, totalBytes) => {
    if (!onProgress) return;
    const at = performance.now();
    if (bytes !== undefined && bytes !== totalBytes && phase === last.phase && at - last.at < 100) return;
    last = { phase, at };
    onProgress({
      requestId,
      phase,
      ...(bytes === undefined ? {} : { bytes }),
      ...(totalBytes === undefined ? {} : { totalBytes }),
    });
  };
}
