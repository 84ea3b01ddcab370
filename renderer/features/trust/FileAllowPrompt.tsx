import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { invoke } from '../../api/client';

/**
 * When a send was refused because a body file is outside the working directory: the one way to
 * read it anyway, by the user's explicit choice for that file alone.
 */
export function FileAllowPrompt({ error }: { error: AppError | undefined }) {
  const [allowed, setAllowed] = useState<string | undefined>();
  const details = error?.details as { path?: unknown } | undefined;
  if (error?.code !== 'FILE_NOT_ALLOWED' || typeof details?.path !== 'string') return null;
  const path = details.path;
  if (allowed === path) return <p role="status">Allowed {path}. Send again to read it.</p>;
  return (
    <p className="file-allow">
      <button
        type="button"
        onClick={() =>
          void invoke('trust:allow-file', { path }).then((result) => {
            if (result.ok) setAllowed(path);
          })
        }
      >
        Allow Shomei to read {path}
      </button>
    </p>
  );
}
