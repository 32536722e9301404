import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the placeholder page renders and the engine check answers', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Classwright' })).toBeVisible();
  await expect(page.getByText('Engine ready')).toHaveCount(0);

  await page.getByRole('button', { name: 'Check engine' }).click();
  await expect(page.getByRole('status')).toHaveText('Engine ready');

  expect(errors).toEqual([]);
});

test('the placeholder page has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Classwright' })).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s)`);
  expect(severe).toEqual([]);
});
