import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * A package loaded at its first use instead of at start: `shomei run`, `shomei sign` and browser
 * mode start without it, and only the command that needs it pays for loading it (`npm run bench`,
 * CLI start-up and "Collections as tests", measures what that saves). Node loads it from
 * node_modules (the compiled CLI leaves it out of its bundle, as the Electron build leaves out
 * every package), so the package's own CommonJS build is what runs.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= requireFromHere(specifier) as T;
    return loaded;
  };
}
