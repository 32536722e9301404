import { expect, test } from '@playwright/test';
import { addProperty, classNode, editor, goTo, openFresh, putDialog } from './designer-helpers';

test('a safe update of a base is refused by a conflicting child, marked inline; force then rewrites the child', async ({
  page,
}) => {
  const errors = await openFresh(page);

  // Demo_Disk declares Capacity as uint64; give its base a Capacity of another type.
  await goTo(page, 'Demo_Device');
  await addProperty(page, 'Capacity');
  await editor(page).getByRole('combobox', { name: 'Type of property Capacity' }).selectOption('uint32');
  await page.keyboard.press('Control+s');

  const dialog = putDialog(page);
  const preview = dialog.getByRole('region', { name: 'What each update mode would do' });
  await expect(preview.getByRole('row', { name: /^Safe/ })).toContainText('WBEM_E_UPDATE_TYPE_MISMATCH');
  await expect(
    preview.getByRole('row', { name: /^Safe/ }).getByRole('button', { name: 'Jump to Demo_Disk' }),
  ).toBeVisible();
  await dialog.getByRole('radio', { name: /^Safe/ }).check();
  await dialog.getByRole('button', { name: 'Put', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Put failed: WBEM_E_UPDATE_TYPE_MISMATCH');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Marked on the graph: the child conflicts, the base carries a failure badge until dismissed.
  await expect(classNode(page, 'Demo_Disk').locator('.cw-conflict')).toBeVisible();
  await expect(
    classNode(page, 'Demo_Device').getByRole('button', {
      name: /Dismiss failure on Demo_Device: WBEM_E_UPDATE_TYPE_MISMATCH/,
    }),
  ).toBeVisible();
  const banner = editor(page).getByRole('region', { name: 'Conflicts with child classes' });
  await expect(banner).toContainText('PutClass in safe mode failed (WBEM_E_UPDATE_TYPE_MISMATCH)');

  // Jump to the child: its conflicting property is marked with the kind and the HRESULT.
  await banner.getByRole('button', { name: 'Jump to Demo_Disk' }).click();
  await expect(editor(page).getByRole('heading', { name: 'Demo_Disk' })).toBeVisible();
  const capacity = editor(page)
    .getByRole('row')
    .filter({ has: page.getByRole('textbox', { name: 'Name of property Capacity' }) });
  await expect(capacity).toHaveClass(/cw-row-conflict/);
  await expect(capacity).toContainText('type · WBEM_E_UPDATE_TYPE_MISMATCH');

  // Back to the base (the banner links to it) and put with force.
  await editor(page)
    .getByRole('region', { name: 'Conflicts with child classes' })
    .getByRole('button', { name: 'Jump to Demo_Device' })
    .click();
  await expect(editor(page).getByRole('heading', { name: 'Demo_Device' })).toBeVisible();
  await page.keyboard.press('Control+s');
  await dialog.getByRole('radio', { name: /^Force/ }).check();
  await dialog.getByRole('checkbox', { name: /I understand force deletes 1 element/ }).check();
  await dialog.getByRole('button', { name: 'Put with force (deletes 1)' }).click();
  await expect(dialog).toBeHidden();

  // The child was rewritten: Capacity is now inherited from the base, marked as removed by force.
  await expect(classNode(page, 'Demo_Disk').locator('.cw-resolved')).toBeVisible();
  await expect(classNode(page, 'Demo_Device').getByRole('button', { name: /Dismiss failure/ })).toHaveCount(0);
  await classNode(page, 'Demo_Disk').click();
  await expect(editor(page).getByRole('heading', { name: 'Demo_Disk' })).toBeVisible();
  await expect(editor(page).getByRole('region', { name: 'Conflicts with child classes' })).toContainText(
    'Rewritten by the force-mode update of',
  );
  const inherited = editor(page).getByRole('row').filter({ hasText: 'Capacity' });
  await expect(inherited.getByRole('button', { name: 'Go to Demo_Device, origin of property Capacity' })).toBeVisible();
  await expect(inherited).toContainText('removed by force: type · WBEM_E_UPDATE_TYPE_MISMATCH');
  await expect(inherited).toContainText('uint32');
  expect(errors).toEqual([]);
});
