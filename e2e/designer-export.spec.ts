import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openFresh } from './designer-helpers';

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const d = await wait;
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

test('export the whole graph as SVG and PNG, and the namespace as MOF', async ({ page }) => {
  const errors = await openFresh(page);
  // Zoomed in on one class: the export still holds every class, not only what is on screen.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to class or command' }).fill('Demo_SolidStateDisk');
  await page.keyboard.press('Enter');

  const svg = await download(page, 'SVG');
  expect(svg.name).toBe('classwright-root_default.svg');
  const text = svg.bytes.toString('utf8');
  expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  for (const name of ['root\\default', 'Demo_ManagedElement', 'Demo_Dependency', 'Demo_SolidStateDisk', 'Demo_Service'])
    expect(text).toContain(name);
  expect(text.match(/<g transform=/g)?.length).toBe(9);
  expect(text).not.toContain('<script');

  const png = await download(page, 'PNG');
  expect(png.name).toBe('classwright-root_default.png');
  expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(png.bytes.length).toBeGreaterThan(5000);

  const mof = await download(page, '.mof');
  const m = mof.bytes.toString('utf8');
  expect(m).toContain('class Demo_Disk : Demo_Device');
  expect(m.indexOf('class Demo_Device')).toBeLessThan(m.indexOf('class Demo_Disk'));
  expect(m).toContain('instance of Demo_Service');
  expect(errors).toEqual([]);
});
