import type { VisibleVariable } from '../../../shared/contract/collections-channels';
import type { DescribeReference, ReferenceLook } from '../../components/reference-look';
import type { VariableScope } from './use-variable-scope';

/** How a `{{name}}` reads in `scope`: where its value comes from (a preview, never a secret), or why it has none. */
export function referenceDescriber(scope: VariableScope): DescribeReference {
  const byName = new Map(scope.variables.map((variable) => [variable.name, variable]));
  return (name) => {
    const variable = byName.get(name);
    return variable ? lookOf(variable) : { isResolved: false, title: noValueIn(scope, [name]) };
  };
}

/** "{{a}}, {{b}} have no value in environment “dev”" (or "…: no active environment"). */
export function noValueIn(scope: VariableScope, names: readonly string[]): string {
  const list = names.map((name) => `{{${name}}}`).join(', ');
  const verb = names.length === 1 ? 'has' : 'have';
  return scope.environmentName === null
    ? `${list} ${verb} no value: no active environment`
    : `${list} ${verb} no value in environment “${scope.environmentName}”`;
}

function lookOf(variable: VisibleVariable): ReferenceLook {
  const reference = `{{${variable.name}}}`;
  if (!variable.isResolved) return { isResolved: false, title: variable.problem ?? `${reference} has no value` };
  if (variable.source === 'built-in')
    return { isResolved: true, title: `${reference} — built-in: ${variable.preview ?? ''}` };
  const from = `${variable.source} “${variable.sourceName}”`;
  if (variable.isSecret) return { isResolved: true, title: `${reference} — secret, from ${from}` };
  return { isResolved: true, title: `${reference} = ${variable.preview ?? ''} — from ${from}` };
}
