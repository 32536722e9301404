import { expect, test, type Page } from '@playwright/test';
import { classNode, editor, expectLastStatus, goTo, openFresh, putDialog } from './designer-helpers';

const qualifierRow = (page: Page, name: string) =>
  editor(page)
    .getByRole('table', { name: /^Qualifiers of class/ })
    .getByRole('row')
    .filter({
      has: page
        .getByText(name, { exact: true })
        .or(page.getByRole('textbox', { name: `Name of qualifier ${name} on class` })),
    });

async function put(page: Page) {
  await page.keyboard.press('Control+s');
  await expect(putDialog(page).getByRole('radio', { name: 'Update only' })).toBeChecked();
  await putDialog(page).getByRole('button', { name: 'Put', exact: true }).click();
  await expect(putDialog(page)).toBeHidden();
}

test("edit a qualifier's flavors and see the propagation change in the subclass", async ({ page }) => {
  const errors = await openFresh(page);

  // In the subclass, Version arrives from the base (ToSubClass): propagated, read-only.
  await goTo(page, 'Demo_Device');
  await editor(page)
    .getByRole('tab', { name: /Qualifiers/ })
    .click();
  await expect(qualifierRow(page, 'Version').getByRole('cell', { name: 'propagated' })).toBeVisible();
  await expect(
    qualifierRow(page, 'Version').getByRole('checkbox', { name: 'ToSubClass flavor of qualifier Version on class' }),
  ).toBeDisabled();
  // Category is inherited with DisableOverride: marked as locked.
  await expect(qualifierRow(page, 'Category').getByTitle(/a subclass may not give it another value/)).toBeVisible();

  // Turn ToSubClass off on the base: Version stops propagating.
  await goTo(page, 'Demo_ManagedElement');
  await editor(page)
    .getByRole('tab', { name: /Qualifiers/ })
    .click();
  const sub = qualifierRow(page, 'Version').getByRole('checkbox', {
    name: 'ToSubClass flavor of qualifier Version on class',
  });
  await expect(sub).toBeChecked();
  await sub.uncheck();
  await expect(qualifierRow(page, 'Version')).toHaveClass(/cw-row-changed/);
  await expect(classNode(page, 'Demo_ManagedElement').getByText('draft')).toBeVisible();
  await put(page);
  await expectLastStatus(page, /PutClass Demo_ManagedElement: WBEM_S_NO_ERROR/);

  await goTo(page, 'Demo_Device');
  await editor(page)
    .getByRole('tab', { name: /Qualifiers/ })
    .click();
  await expect(qualifierRow(page, 'Category')).toBeVisible();
  await expect(qualifierRow(page, 'Version')).toHaveCount(0);

  // ToSubClass and ToInstance on: it propagates again, with both flavors.
  await goTo(page, 'Demo_ManagedElement');
  await editor(page)
    .getByRole('tab', { name: /Qualifiers/ })
    .click();
  await qualifierRow(page, 'Version')
    .getByRole('checkbox', { name: 'ToSubClass flavor of qualifier Version on class' })
    .check();
  await qualifierRow(page, 'Version')
    .getByRole('checkbox', { name: 'ToInstance flavor of qualifier Version on class' })
    .check();
  await put(page);
  await goTo(page, 'Demo_Disk');
  await editor(page)
    .getByRole('tab', { name: /Qualifiers/ })
    .click();
  const row = qualifierRow(page, 'Version');
  await expect(row.getByRole('cell', { name: 'propagated' })).toBeVisible();
  await expect(row.getByRole('checkbox', { name: 'ToInstance flavor of qualifier Version on class' })).toBeChecked();
  await expect(row.getByRole('checkbox', { name: 'ToSubClass flavor of qualifier Version on class' })).toBeChecked();
  expect(errors).toEqual([]);
});
