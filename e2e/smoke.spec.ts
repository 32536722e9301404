import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the designer opens, the engine answers and the demo repository is shown', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Classwright' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Engine' })).toHaveText('Engine ready');
  await expect(page.getByRole('group', { name: 'Namespace root\\default' })).toBeVisible();

  expect(errors).toEqual([]);
});

test('the designer has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Classwright' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Engine' })).toHaveText('Engine ready');

  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s)`);
  expect(severe).toEqual([]);
});
