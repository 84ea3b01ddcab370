import type { Variable } from '../../../shared/contract/collections';
import type { SecretValueStore } from './secret-value-store';

/**
 * Moves the values of secret variables into the secret store and returns the variables with
 * those values emptied, ready to save. A secret variable sent with an empty value keeps the
 * value already in the store. Never returns a secret value.
 */
export async function stashSecretValues(
  variables: readonly Variable[],
  secrets: SecretValueStore | undefined,
): Promise<Variable[]> {
  const out: Variable[] = [];
  for (const variable of variables) {
    if (!variable.isSecret) {
      out.push(variable);
      continue;
    }
    if (variable.value !== '') {
      if (!secrets) {
        // Security: without a vault the value is dropped rather than written in plain text.
        out.push({ ...variable, value: '' });
        continue;
      }
      await secrets.set(variable.id, variable.value);
    }
    out.push({ ...variable, value: '' });
  }
  return out;
}
