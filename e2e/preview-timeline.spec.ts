import { expect, test } from '@playwright/test';
import { addProperty, editor, goTo, openFresh, putFromKeyboard } from './designer-helpers';

test('the timeline lists committed operations and undoes and redoes from them', async ({ page }) => {
  const errors = await openFresh(page);

  await goTo(page, 'Demo_SolidStateDisk');
  await addProperty(page, 'Serial');
  await putFromKeyboard(page);

  await page.getByText(/^Timeline \(\d+ operations\)$/).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const ops = timeline.getByRole('list', { name: 'Operations, newest first' }).getByRole('listitem');
  await expect(ops.first()).toContainText('PutClass Demo_SolidStateDisk');
  await expect(ops.first()).toContainText('next undo');

  await timeline.getByRole('button', { name: /^Undo PutClass Demo_SolidStateDisk/ }).click();
  await expect(ops.first()).toContainText('Undo PutClass Demo_SolidStateDisk');
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Serial' })).toHaveCount(0);

  await timeline.getByRole('button', { name: /^Redo PutClass Demo_SolidStateDisk/ }).click();
  await expect(ops.first()).toContainText('Redo');
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Serial' })).toBeVisible();
  expect(errors).toEqual([]);
});
