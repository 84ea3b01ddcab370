import { noValueIn } from './describe-reference';
import type { VariableScope } from './use-variable-scope';

/** One line by the Send button naming the draft's references without a value: main will refuse to send them. */
export function UnresolvedNote({ names, scope }: { names: readonly string[]; scope: VariableScope }) {
  if (names.length === 0) return null;
  const them = names.length === 1 ? 'it' : 'them';
  const fix =
    scope.environmentName === null ? `choose or create an environment that sets ${them}` : `set ${them} there`;
  return (
    <p className="unresolved-note" data-testid="unresolved-variables">
      {noValueIn(scope, names)} — {fix}, or Send will stop.
    </p>
  );
}
