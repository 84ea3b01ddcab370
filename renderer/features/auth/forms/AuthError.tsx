import type { AppError } from '../../../../shared/errors';

/** What main refused in an auth step (Get token, Sign in), read out as an alert; nothing without one. */
export function AuthError({ error }: { error: AppError | undefined }) {
  return error ? (
    <p role="alert" className="error-box">
      {error.message}
    </p>
  ) : null;
}
