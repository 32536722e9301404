import { expect, test } from '@playwright/test';
import { addProperty, classNode, editor, openFresh, putFromKeyboard } from './designer-helpers';

test('the timeline views a past point, diffs two points and restores one', async ({ page }) => {
  const errors = await openFresh(page);

  // Put a new class, then add a property to it: two operations.
  await page.getByRole('button', { name: 'New class', exact: true }).click();
  await editor(page).getByRole('textbox', { name: 'Class name' }).fill('Travel_Item');
  await addProperty(page, 'Sku');
  await putFromKeyboard(page);
  await expect(classNode(page, 'Travel_Item')).toBeVisible();
  await expect(editor(page).getByRole('heading', { name: 'Travel_Item', exact: true })).toBeVisible();

  await addProperty(page, 'Size');
  await putFromKeyboard(page);

  await page.getByText(/^Timeline \(\d+ operations\)$/).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const ops = timeline.getByRole('list', { name: 'Operations, newest first' }).getByRole('listitem');
  await expect(ops.nth(0)).toContainText('PutClass Travel_Item');
  await expect(ops.nth(1)).toContainText('PutClass Travel_Item');
  const seqOf = async (i: number) => Number((await ops.nth(i).innerText()).match(/#(\d+)/)![1]);
  const later = await seqOf(0);
  const earlier = await seqOf(1);
  expect(later).toBeGreaterThan(earlier);

  // View the earlier point: the class has Sku, not Size.
  await timeline
    .getByRole('button', { name: new RegExp(`^View repository after #${earlier} PutClass Travel_Item`) })
    .click();
  const view = timeline.getByRole('region', { name: new RegExp(`^Repository after #${earlier} `) });
  await expect(view.getByRole('status')).toHaveText(/^\d+ class(es)?$/);
  const row = view.getByRole('row', { name: /^Travel_Item\b/ });
  await expect(row).toContainText('Sku');
  await expect(row).not.toContainText('Size');
  await view.getByRole('button', { name: 'Close view' }).click();
  await expect(view).toBeHidden();

  // Diff the two points: Size added to Travel_Item.
  await timeline.getByRole('radio', { name: new RegExp(`^Diff from #${earlier} `) }).check();
  await timeline.getByRole('radio', { name: new RegExp(`^Diff to #${later} `) }).check();
  await timeline.getByRole('button', { name: 'Diff', exact: true }).click();
  const diff = timeline.getByRole('region', { name: `Diff from #${earlier} to #${later}` });
  await expect(diff.getByRole('status')).toHaveText('0 added, 0 removed, 1 changed');
  await expect(diff.getByRole('list', { name: 'Changes to Travel_Item' })).toContainText(/property Size added/);

  // Restore the earlier point: one new operation, and Size is gone from the class.
  await timeline.getByRole('button', { name: new RegExp(`^Restore to #${earlier} `) }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^Restore to #${earlier} PutClass Travel_Item`) });
  await expect(dialog).toContainText(`#${earlier} PutClass Travel_Item`);
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(timeline.getByRole('status').first()).toContainText(`Restored to #${earlier}`);
  await expect(ops.nth(0)).not.toContainText(`#${later} `);
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Size' })).toHaveCount(0);
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Sku' })).toBeVisible();

  const props = await page.evaluate(async () => {
    const cw = (
      window as unknown as {
        classwright: {
          api: { getObject(c: unknown, p: string): Promise<{ object: { properties: { name: string }[] } }> };
        };
      }
    ).classwright;
    const r = await cw.api.getObject({ namespace: 'root\\default' }, 'Travel_Item');
    return r.object.properties.map((p) => p.name);
  });
  expect(props).toContain('Sku');
  expect(props).not.toContain('Size');
  expect(errors).toEqual([]);
});
