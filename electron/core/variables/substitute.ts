import { referencePattern } from '../../../shared/variables/references';

/** How deep variables that refer to other variables are followed before giving up. */
const MAX_DEPTH = 8;

/** Looks a variable up by name; undefined when it is not defined. */
export type VariableLookup = (name: string) => string | undefined;

/** The outcome of substituting one piece of text. */
export interface Substitution {
  text: string;
  /** Names that had no value, in order of first appearance. */
  missing: string[];
}

/** The names referenced by `text`, in order, without duplicates. */
export function listReferences(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(referencePattern())) {
    const name = (match[1] as string).trim();
    if (name !== '') names.add(name);
  }
  return [...names];
}

/**
 * Replaces every `{{name}}` in `text`. A value may itself hold references, followed up to a fixed
 * depth (so a cycle ends as "missing" instead of looping). Unknown names stay as typed and are reported.
 */
export function substitute(text: string, lookup: VariableLookup): Substitution {
  const missing: string[] = [];
  const expand = (input: string, depth: number, trail: readonly string[]): string =>
    input.replace(referencePattern(), (whole, rawName: string) => {
      const name = rawName.trim();
      if (name === '') return whole;
      const value = trail.includes(name) || depth >= MAX_DEPTH ? undefined : lookup(name);
      if (value === undefined) {
        if (!missing.includes(name)) missing.push(name);
        return whole;
      }
      return expand(value, depth + 1, [...trail, name]);
    });
  if (!text.includes('{{')) return { text, missing };
  return { text: expand(text, 0, []), missing };
}
