import type { Variable } from '../../../shared/contract/collections';
import type { ImportContext } from './io-types';

/** The variable a path parameter becomes: `proxy+` (API Gateway's greedy parameter) is `proxy`. */
export function pathVariableName(parameter: string): string {
  return parameter.replace(/\+$/, '');
}

/** Collects the values path parameters (OpenAPI `{id}`, Postman `:id`) give their `{{id}}` variables. */
export interface PathVariables {
  /** Records the value a request gives `name`; undefined (no value in the file) records nothing. */
  add(name: string, value: string | undefined, where: string): void;
}

/**
 * Path parameters become `{{name}}` variables of the collection (`target`). The first value the
 * file gives a name is kept; a later, different one is reported, since the request would be sent
 * with the first; a name the file gives no value gets no variable, so the request shows it
 * unresolved instead of sending a made-up value. A variable the collection already defines wins.
 */
export function createPathVariables(context: ImportContext, target: Variable[]): PathVariables {
  const values = new Map<string, string>(target.map((v) => [v.name, v.value]));
  return {
    add(name, value, where) {
      if (name === '' || /[{}\r\n]/.test(name) || value === undefined || value === `{{${name}}}`) return;
      const first = values.get(name);
      if (first === undefined) {
        values.set(name, value);
        target.push({ id: context.newId(), name, value, isEnabled: true, isSecret: false });
      } else if (first !== value) {
        context.drop(
          `${where} › path variable ${name}`,
          `value "${value.slice(0, 80)}"`,
          `the collection variable {{${name}}} holds "${first.slice(0, 80)}" (set earlier in the file); change it before sending this request`,
        );
      }
    },
  };
}
