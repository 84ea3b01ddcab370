import type { CaptureResult } from '../../../shared/contract/checks';
import type { EnvironmentsService, VariableInput } from '../collections/environments-service';
import type { CapturedValue } from './evaluate-checks';

/**
 * Stores the values a single send captured in the active environment (secret ones as secret
 * variables, whose values go to the vault), and says where each went. Without an active
 * environment, or with `unstoredBecause` (the answer came from a collection not trusted yet),
 * nothing is stored and each result says so.
 */
export async function storeCaptured(
  environments: EnvironmentsService,
  captured: readonly CapturedValue[],
  options: { unstoredBecause?: string | undefined } = {},
): Promise<CaptureResult[]> {
  const stored = captured.filter((c) => c.value !== undefined);
  if (stored.length === 0) return captured.map((c) => c.result);
  const { unstoredBecause } = options;
  if (unstoredBecause)
    return captured.map((c) => (c.value === undefined ? c.result : { ...c.result, storedIn: `nowhere: ${unstoredBecause}` }));
  const active = environments.getActive();
  if (!active)
    return captured.map((c) => (c.value === undefined ? c.result : { ...c.result, storedIn: 'nowhere: no environment is active (a run keeps it for the requests that follow)' }));
  const variables: VariableInput[] = active.variables.map((v) => ({ ...v }));
  for (const { result, value } of stored) {
    const existing = variables.find((v) => v.name === result.variable);
    // Security: once secret, always secret; a value that looks secret never becomes plain text.
    const isSecret = result.isSecret || existing?.isSecret === true;
    if (existing) Object.assign(existing, { value, isSecret, isEnabled: true });
    else variables.push({ name: result.variable, value: value as string, isSecret });
  }
  await environments.update({ id: active.id, variables });
  return captured.map((c) => (c.value === undefined ? c.result : { ...c.result, storedIn: `environment “${active.name}”` }));
}
