import { expect, test } from '@playwright/test';
import { runBench } from '../scripts/bench-ui-lib';

// Runs only with BENCH=1 (playwright.config.ts ignores bench specs otherwise); `npm run bench:ui`
// runs the same measurement as a script and prints the JSON.
test('designer benchmark: CIM schema interactive and frame times', async ({ page }) => {
  test.setTimeout(300_000);
  const r = await runBench(page, (s) => console.log(s));
  console.log(JSON.stringify(r));
  expect(r.fullNodes).toBeGreaterThan(1600);
  expect(r.smallNodes).toBeGreaterThanOrEqual(50);
});
