import { ShomeiError } from '../../../shared/errors';
import type { Refusal } from '../auth/auth-type';
import { describeUses, sensitiveTexts, variablesUsed, type VariableScopeOfSend } from './variable-uses';

export type { VariableScopeOfSend } from './variable-uses';

/**
 * Security: an imported environment not trusted yet must not choose where a signed request goes
 * or what it carries — its values fill no URL (host, path, query), no header, no auth field and no
 * body file path, directly or through another variable. Body text may still use them. Throws
 * `UNTRUSTED` naming the variables and where they would be used; a trusted environment, or none, passes.
 */
export async function assertEnvironmentTrusted(
  scope: VariableScopeOfSend,
  isTrusted: (environmentId: string) => boolean,
  refusal: Refusal,
): Promise<void> {
  const { environment } = scope;
  if (!environment || isTrusted(environment.id)) return;
  const used = await variablesUsed(scope, sensitiveTexts(scope), (d) => d.source.kind === 'environment');
  if (used.size === 0) return;
  throw new ShomeiError(
    'UNTRUSTED',
    `${refusal}: the environment "${environment.name}" was imported and is not trusted yet, and this request would take ${describeUses(used)} from it. Review its values in the banner above the request, and trust the environment to allow it.`,
    { environmentId: environment.id },
  );
}
