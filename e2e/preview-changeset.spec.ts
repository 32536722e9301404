import { expect, test, type Page } from '@playwright/test';
import { addProperty, editor, goTo, openFresh } from './designer-helpers';

async function draftProperty(page: Page, className: string, property: string) {
  await goTo(page, className);
  await addProperty(page, property);
  await editor(page).getByRole('button', { name: 'Queue in change set' }).click();
  await expect(editor(page).getByRole('button', { name: 'Queued' })).toBeDisabled();
}

test('a change set across three classes is ordered bases first, previewed, applied and undone as one step', async ({
  page,
}) => {
  const errors = await openFresh(page);

  // Queued children first: the engine still puts the base before them.
  await draftProperty(page, 'Demo_NetworkAdapter', 'Tag3');
  await draftProperty(page, 'Demo_Disk', 'Tag2');
  await draftProperty(page, 'Demo_Device', 'Tag1');

  const set = page.getByRole('region', { name: 'Change set' });
  await expect(set.getByRole('heading')).toHaveText('Change set (3 classes)');
  await expect(set.getByRole('combobox', { name: 'Update mode' })).toHaveValue('safe');
  const order = set.getByRole('list', { name: 'Put order' }).getByRole('listitem');
  await expect(order).toHaveText([/^Demo_Device: updates/, /^Demo_Disk: updates/, /^Demo_NetworkAdapter: updates/]);
  await expect(set).toContainText('Combined: deletes 0 elements in subclasses and 0 instances; rewrites 0 classes.');

  // Compatible mode cannot update a base with subclasses: the combined preview says so.
  await set.getByRole('combobox', { name: 'Update mode' }).selectOption('compatible');
  await expect(set).toContainText('Would fail');
  await expect(set.getByRole('button', { name: 'Apply change set' })).toBeDisabled();
  await set.getByRole('combobox', { name: 'Update mode' }).selectOption('safe');

  await set.getByRole('button', { name: 'Apply change set' }).click();
  await expect(set.getByRole('status')).toHaveText('Applied 3 classes as one operation: undo reverts the whole set.');
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Tag1' })).toBeVisible();
  await expect(editor(page).getByRole('button', { name: 'Queue in change set' })).toBeDisabled();
  await goTo(page, 'Demo_Disk');
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Tag2' })).toBeVisible();

  // One undo step reverts all three classes.
  await page.getByRole('button', { name: 'Undo last operation' }).click();
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Tag2' })).toHaveCount(0);
  await expect(editor(page).getByText('Tag1')).toHaveCount(0);
  await goTo(page, 'Demo_NetworkAdapter');
  await expect(editor(page).getByText('Tag3')).toHaveCount(0);
  await expect(editor(page).getByText('Tag1')).toHaveCount(0);
  expect(errors).toEqual([]);
});
