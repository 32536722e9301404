import { expect, test } from '@playwright/test';
import { classNode, editor, goTo, openFresh } from './designer-helpers';

test('load the DMTF CIM schema with one click, with progress; 1,624 classes, 7 refused by design', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openFresh(page);
  await page.getByRole('button', { name: 'Load CIM schema' }).click();

  // Progress streams from WBEM_STATUS_PROGRESS into the toolbar's bar and the sink log.
  const bar = page.getByRole('progressbar', { name: 'CIM schema import progress' });
  await expect(bar).toBeVisible();
  await page.waitForFunction(
    () => {
      const p = document.querySelector<HTMLProgressElement>('progress[aria-label="CIM schema import progress"]');
      return !p || p.value > 100;
    },
    null,
    { timeout: 90_000 },
  );
  await expect(page.getByRole('combobox', { name: 'Namespace' })).toHaveValue('root\\cimv2', { timeout: 90_000 });
  await expect(bar).toBeHidden();
  await expect(page.getByRole('option', { name: /root\\cimv2 \(1624\)/ })).toHaveCount(1);
  await expect(page.getByText(/of 1624 classes shown/)).toBeVisible();

  const log = page.getByRole('region', { name: 'Sink log' });
  await expect(log.getByRole('status')).toHaveText(/MOF import: WBEM_E_CANNOT_BE_ABSTRACT/);
  // Every SetStatus(WBEM_STATUS_PROGRESS) of the import is in the log.
  await log.getByRole('searchbox', { name: 'Filter log rows' }).fill('WBEM_STATUS_PROGRESS');
  await expect(log.getByText(/^\d+ of \d+ rows$/)).toHaveText(/^(\d{4}) of/);
  await log.getByRole('searchbox', { name: 'Filter log rows' }).fill('');
  await log.getByRole('radio', { name: 'Results' }).check();
  await expect(log.getByRole('row').filter({ hasText: 'CIM_PolicyInSystem' }).first()).toBeVisible();

  // The widest class: 193 direct subclasses, reachable from the palette.
  await goTo(page, 'CIM_Dependency');
  await expect(editor(page).getByRole('heading', { name: 'CIM_Dependency' })).toBeVisible();
  await expect(classNode(page, 'CIM_Dependency')).toBeVisible();
  const count = await page.evaluate(async () => {
    const cw = (
      window as unknown as {
        classwright: { api: { createClassEnum(c: unknown, s: string, f: number): Promise<{ objects: unknown[] }> } };
      }
    ).classwright;
    return (await cw.api.createClassEnum({ namespace: 'root\\cimv2' }, 'CIM_Dependency', 1)).objects.length;
  });
  expect(count).toBe(193);
  expect(errors).toEqual([]);
});
