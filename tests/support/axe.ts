import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

/** One axe-core rule broken on the page, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, plus best practices) on what the page shows now and
 * returns its violations. The page's CSP forbids inline script, so `page.addScriptTag({ content })`
 * is refused; axe's source is evaluated through the DevTools protocol instead (`Runtime.evaluate`
 * runs outside the page's CSP), in the main world where the DOM is.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const injected = await cdp.send('Runtime.evaluate', { expression: AXE_SOURCE });
    if (injected.exceptionDetails) throw new Error(`axe-core did not load: ${injected.exceptionDetails.text}`);
    const result = await cdp.send('Runtime.evaluate', {
      expression: `axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }))))`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(`axe-core failed: ${result.exceptionDetails.text}`);
    return JSON.parse(result.result.value as string) as AxeViolation[];
  } finally {
    await cdp.detach();
  }
}

/** A readable list of violations, for a failing assertion's message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary}`).join('\n')}`,
    )
    .join('\n');
}
