import { expect, test } from '@playwright/test';
import { addProperty, classNode, editor, goTo, openFresh, putDialog } from './designer-helpers';

test('a draft of a base previews the three update modes live and paints the affected child before any put', async ({
  page,
}) => {
  const errors = await openFresh(page);

  // Demo_Disk declares Capacity as uint64; give its base a Capacity of another type.
  await goTo(page, 'Demo_Device');
  await expect(editor(page).getByRole('region', { name: 'Preview of the update modes' })).toHaveCount(0);
  await addProperty(page, 'Capacity');
  await editor(page).getByRole('combobox', { name: 'Type of property Capacity' }).selectOption('uint32');

  const preview = editor(page).getByRole('region', { name: 'Preview of the update modes' });
  const compatible = preview.getByRole('region', { name: 'Compatible mode' });
  const safe = preview.getByRole('region', { name: 'Safe mode' });
  const force = preview.getByRole('region', { name: 'Force mode' });
  await expect(compatible).toContainText('WBEM_E_');
  await expect(safe).toContainText('WBEM_E_UPDATE_TYPE_MISMATCH');
  await expect(safe.getByRole('listitem')).toContainText(['Demo_Disk.Capacity: type (WBEM_E_UPDATE_TYPE_MISMATCH)']);
  await expect(force).toContainText('OK: updates');
  await expect(force).toContainText('Deletes 1 element in subclasses');
  await expect(force.getByRole('heading', { name: 'Force suggested' })).toBeVisible();

  // The child is painted before anything is put; nothing else is.
  await expect(
    classNode(page, 'Demo_Disk').getByRole('img', { name: /^Affected by the draft: 1 safe-mode conflict/ }),
  ).toBeVisible();
  await expect(classNode(page, 'Demo_Service').getByRole('img', { name: /^Affected by the draft/ })).toHaveCount(0);

  // Jump from the preview to the child.
  await safe.getByRole('button', { name: 'Jump to Demo_Disk' }).click();
  await expect(editor(page).getByRole('heading', { name: 'Demo_Disk' })).toBeVisible();
  await goTo(page, 'Demo_Device');
  await expect(preview).toBeVisible();

  // Put with force: the preview marker clears (the put's own marks take over).
  await page.keyboard.press('Control+s');
  const dialog = putDialog(page);
  await dialog.getByRole('radio', { name: /^Force/ }).check();
  await dialog.getByRole('checkbox', { name: /I understand force deletes 1 element/ }).check();
  await dialog.getByRole('button', { name: 'Put with force (deletes 1)' }).click();
  await expect(dialog).toBeHidden();
  await expect(preview).toHaveCount(0);
  await expect(classNode(page, 'Demo_Disk').getByRole('img', { name: /^Affected by the draft/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('discarding the draft clears the preview and its graph markers', async ({ page }) => {
  const errors = await openFresh(page);
  await goTo(page, 'Demo_Device');
  await addProperty(page, 'Capacity');
  await editor(page).getByRole('combobox', { name: 'Type of property Capacity' }).selectOption('uint32');
  const marker = classNode(page, 'Demo_Disk').getByRole('img', { name: /^Affected by the draft/ });
  await expect(marker).toBeVisible();
  await editor(page).getByRole('button', { name: 'Discard' }).click();
  await expect(editor(page).getByRole('region', { name: 'Preview of the update modes' })).toHaveCount(0);
  await expect(marker).toHaveCount(0);
  expect(errors).toEqual([]);
});
