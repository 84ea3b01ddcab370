/** The Node flags browser mode runs with (electron/cli/browser-mode.mjs). */
export const BROWSER_MODE_NODE_FLAGS: readonly string[];
/** Starts `shomei web` with `args` in a Node process with those flags, and exits with its code. */
export function startBrowserMode(args: readonly string[]): void;
