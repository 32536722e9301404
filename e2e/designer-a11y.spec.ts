import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { goTo, openFresh } from './designer-helpers';

async function severe(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

test('no serious or critical accessibility violations across the designer, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openFresh(page);
  const found: string[] = [];
  found.push(...(await severe(page, 'start')));

  await goTo(page, 'Demo_Disk');
  found.push(...(await severe(page, 'class selected (properties)')));
  await page.getByRole('tab', { name: /Qualifiers/ }).click();
  found.push(...(await severe(page, 'qualifiers tab')));
  await page.getByRole('tab', { name: /Methods/ }).click();
  await page.getByRole('button', { name: 'Parameters and qualifiers of method Reset' }).click();
  found.push(...(await severe(page, 'methods tab')));

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('dialog', { name: /^Put class/ })).toBeVisible();
  found.push(...(await severe(page, 'put dialog')));
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+o');
  await expect(page.getByRole('dialog', { name: 'Import MOF' })).toBeVisible();
  found.push(...(await severe(page, 'import dialog')));
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to class or command' }).fill('demo');
  found.push(...(await severe(page, 'command palette')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  found.push(...(await severe(page, 'dark theme')));
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  found.push(...(await severe(page, 'cheat sheet (dark)')));

  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});
