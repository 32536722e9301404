import { expect, test } from '@playwright/test';
import { classNode, editor, expectLastStatus, openFresh, putDialog } from './designer-helpers';

test('keyboard only: jump to a class, create a subclass, put it, see it on the graph', async ({ page }) => {
  const errors = await openFresh(page);
  const kb = page.keyboard;

  // Ctrl+K, type, Enter: the class is selected and shown.
  await kb.press('Control+k');
  await kb.type('Demo_Disk');
  await kb.press('Enter');
  await expect(editor(page).getByRole('heading', { name: 'Demo_Disk' })).toBeVisible();

  // Shift+N: a subclass draft, its name field focused.
  await kb.press('Shift+N');
  const name = editor(page).getByRole('textbox', { name: 'Class name' });
  await expect(name).toBeFocused();
  await kb.type('Demo_NvmeDisk');
  // Tab to "+ Add property" and press it: the new property's name is selected, ready to type.
  const add = page.getByRole('button', { name: '+ Add property' });
  for (let i = 0; i < 20 && !(await add.evaluate((el) => el === document.activeElement)); i++) await kb.press('Tab');
  await expect(add).toBeFocused();
  await kb.press('Enter');
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Property1' })).toBeFocused();
  await kb.type('Lanes');
  await kb.press('Tab');
  await expect(editor(page).getByRole('combobox', { name: 'Type of property Lanes' })).toBeFocused();

  // Ctrl+S opens the put dialog with the focus on Put; Enter puts.
  await kb.press('Control+s');
  await expect(putDialog(page)).toBeVisible();
  await expect(putDialog(page).getByRole('button', { name: 'Put', exact: true })).toBeFocused();
  await kb.press('Enter');
  await expect(putDialog(page)).toBeHidden();
  await expectLastStatus(page, /PutClass Demo_NvmeDisk: WBEM_S_NO_ERROR/);
  await expect(classNode(page, 'Demo_NvmeDisk')).toBeVisible();
  await expect(editor(page).getByRole('heading', { name: 'Demo_NvmeDisk' })).toBeVisible();

  // ? shows the cheat sheet (outside a text field); Escape closes it.
  await kb.press('Escape');
  await kb.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Put the selected class');
  await kb.press('Escape');
  await expect(sheet).toBeHidden();
  expect(errors).toEqual([]);
});
