// Insomnia environment data (the base environment, sub-environments, a folder's environment) as Shomei variables.
import type { Variable } from '../../../shared/contract/collections';
import { isCredentialVariableName, isLiteralSecret, SET_UP_PROFILE, type ImportContext } from './io-types';
import { convertInsomniaTemplate, hasTemplateTag } from './insomnia-template';
import { asString, isObject } from './untrusted-json';

/** Insomnia environment data (nested JSON) as variables named with dots: `{ a: { b: 1 } }` → `a.b = 1`. */
export function flattenData(data: unknown, path: string, context: ImportContext): { variables: Variable[] } {
  const variables: Variable[] = [];
  const visit = (value: unknown, name: string): void => {
    if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, name === '' ? key : `${name}.${key}`);
      return;
    }
    if (name === '' || /[{}\r\n]/.test(name)) return;
    const text = Array.isArray(value) ? JSON.stringify(value) : asString(value);
    if (hasTemplateTag(text))
      context.drop(
        `${path} › ${name}`,
        'template tag ({% … %})',
        'Shomei has plain {{variables}} only; the value was kept as typed and will be sent as such',
      );
    const last = name.split('.').pop() ?? name;
    if (isCredentialVariableName(last) && isLiteralSecret(text)) {
      context.drop(`${path} › ${name}`, 'credential value', SET_UP_PROFILE);
      return;
    }
    variables.push({
      id: context.newId(),
      name,
      value: convertInsomniaTemplate(text),
      isEnabled: true,
      isSecret: false,
    });
  };
  if (isObject(data)) visit(data, '');
  return { variables };
}
