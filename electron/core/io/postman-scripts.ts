/**
 * Postman scripts on import. Shomei runs no script: a test script's common shapes become checks
 * and captures, and the rest of every script is reported as dropped, with the variables it sets.
 * The Insomnia importer finds the variables its scripts set with `variablesSetByScript` too.
 */
import type { ImportContext } from './io-types';
import { convertPostmanTests, type ConvertedTests } from './postman-tests';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/**
 * Scripts never run in Shomei. A test script (of a request, folder or the collection) is read for
 * its common shapes, which become checks and captures (`convertPostmanTests`); every other
 * statement and every pre-request script is reported as dropped, with the variables it would set.
 */
export function noteScripts(item: Json, path: string, context: ImportContext): ConvertedTests {
  const converted: ConvertedTests = { checks: [], captures: [], dropped: [] };
  const scripts = asArray(item.event).flatMap((e) =>
    isObject(e) && isObject(e.script)
      ? [{ listen: asString(e.listen), source: asArray(e.script.exec).map(asString).join('\n') }]
      : [],
  );
  const unread: string[] = [];
  for (const { listen, source } of scripts) {
    if (source.trim() === '') continue;
    if (listen === 'test') {
      const tests = convertPostmanTests(source, context.newId);
      converted.checks.push(...tests.checks);
      converted.captures.push(...tests.captures);
      converted.dropped.push(...tests.dropped);
      unread.push(tests.dropped.join('\n'));
    } else {
      context.drop(
        path,
        listen === 'prerequest' ? 'pre-request script' : `${listen || 'event'} script`,
        'Shomei does not run scripts',
      );
      unread.push(source);
    }
  }
  for (const statement of converted.dropped)
    context.drop(
      path,
      `test script statement \`${statement}\``,
      'Shomei reads only the common test shapes and never runs a script',
    );
  const captured = new Set(converted.captures.map((c) => c.variable));
  const names = variablesSetByScript(unread.join('\n')).filter((name) => !captured.has(name));
  if (names.length > 0)
    context.drop(
      path,
      `variables its scripts set: ${names.join(', ')}`,
      'no script sets them in Shomei; give them a value (collection, folder or environment) before sending',
    );
  return converted;
}

/**
 * The names a script sets with `pm.*.set("name", …)` (Insomnia's `insomnia.*.set` alike) or
 * Postman's legacy `postman.set*Variable("name", …)`.
 */
export function variablesSetByScript(source: string): string[] {
  const names = new Set<string>();
  const pattern =
    /\b(?:(?:pm|insomnia)\.(?:environment|globals|collectionVariables|variables|baseEnvironment|iterationData)\.set|postman\.set(?:Environment|Global)Variable)\s*\(\s*(['"`])([^'"`\r\n]{1,256})\1/g;
  for (const match of source.matchAll(pattern)) names.add(match[2] as string);
  return [...names];
}
