import { ShomeiError } from '../../../shared/errors';
import type { Refusal } from '../auth/auth-type';
import { bodyTexts, describeUses, sensitiveTexts, variablesUsed, type VariableScopeOfSend } from './variable-uses';

/**
 * Security: a request of an imported collection not trusted yet sends no secret variable — the
 * user's `{{apiKey}}` in the active environment is a credential like their AWS keys, and the file
 * chooses where the request goes. Looks at every place a value is sent from (URL, query, headers
 * and auth, inherited ones too, and the body), directly or through another variable. Throws
 * `UNTRUSTED` naming the variables and where; a trusted collection, or a draft of none, passes.
 */
export async function assertNoSecretsForUntrusted(
  scope: VariableScopeOfSend,
  isTrusted: (collectionId: string) => boolean,
  refusal: Refusal,
): Promise<void> {
  const { collection } = scope;
  if (!collection || isTrusted(collection.id)) return;
  const texts = [...sensitiveTexts(scope), ...bodyTexts(scope.request.body)];
  const used = await variablesUsed(scope, texts, (d) => d.variable.isSecret);
  if (used.size === 0) return;
  throw new ShomeiError(
    'UNTRUSTED',
    `${refusal}: the collection "${collection.name}" was imported and is not trusted yet, and this request would send the secret variable${used.size > 1 ? 's' : ''} ${describeUses(used)}. Review what it does in the banner above the request, and trust the collection to allow it.`,
    { collectionId: collection.id },
  );
}
