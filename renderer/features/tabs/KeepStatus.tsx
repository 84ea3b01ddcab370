import type { KeepState } from './use-hot-exit';

/** Says whether the open tabs and drafts are on disk (hot exit), and why not when a save failed. */
export function KeepStatus({ state }: { state: KeepState }) {
  if (state.kind === 'failed') {
    return (
      <span className="keep-status is-failed" role="alert" data-testid="keep-status" data-state="failed">
        Drafts not kept: {state.message}
      </span>
    );
  }
  return (
    <span
      className="keep-status"
      data-testid="keep-status"
      data-state={state.kind}
      title="Open tabs and unsaved drafts come back after a reload, a restart or a crash. Typed keys are never kept."
    >
      {state.kind === 'kept' ? 'Drafts kept' : 'Keeping drafts…'}
    </span>
  );
}
