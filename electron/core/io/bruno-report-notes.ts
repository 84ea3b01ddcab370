// Report lines for what a Bruno file holds that Shomei does not do: run scripts, prompt for values.
import type { ImportContext } from './io-types';
import { asString, isObject, type Json } from './untrusted-json';

/**
 * Bruno asks for a `{{?Label}}` value each time it sends; Shomei does not prompt, so such a
 * reference stays unresolved (a send names it). One report line per file lists the prompts in `values`.
 */
export function notePrompts(values: unknown, where: string, context: ImportContext): void {
  const labels = new Set<string>();
  for (const match of JSON.stringify(values ?? null).matchAll(/\{\{\s*\?([^{}]*)\}\}/g))
    labels.add((match[1] as string).trim());
  if (labels.size > 0)
    context.drop(
      where,
      `prompts ${[...labels].map((label) => `“${label}”`).join(', ')}`,
      'Shomei does not prompt while sending: give each a value or a variable',
    );
}

/** One report line naming the pre-request, post-response and tests scripts of a Bruno request or folder. */
export function noteScripts(json: Json, where: string, context: ImportContext): void {
  const script = isObject(json.script) ? json.script : {};
  const kinds = [
    asString(script.req).trim() !== '' ? 'pre-request' : '',
    asString(script.res).trim() !== '' ? 'post-response' : '',
    asString(json.tests).trim() !== '' ? 'tests' : '',
  ].filter((k) => k !== '');
  if (kinds.length > 0) context.drop(where, `${kinds.join(', ')} scripts`, 'Shomei does not run scripts');
}
