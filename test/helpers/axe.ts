/**
 * axe-core run inside a page in Chromium, shared by the browser suites: the violations as
 * one line each (rule, impact, the first targets), so a failing assertion reads as a list.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  });
}
