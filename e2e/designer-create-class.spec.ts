import { expect, test } from '@playwright/test';
import {
  addProperty,
  classNode,
  editor,
  expectLastStatus,
  openFresh,
  putDialog,
  putFromKeyboard,
} from './designer-helpers';

test('create a class and a subclass, each put, each on the graph with its inheritance', async ({ page }) => {
  const errors = await openFresh(page);

  // A new root class.
  await page.getByRole('button', { name: 'New class', exact: true }).click();
  const name = editor(page).getByRole('textbox', { name: 'Class name' });
  await name.fill('Shop_Item');
  await expect(page.getByRole('group', { name: 'New class Shop_Item' })).toBeVisible();
  await editor(page).getByRole('button', { name: '+ Add property' }).click();
  const prop = editor(page).getByRole('textbox', { name: 'Name of property Property1' });
  await prop.fill('Sku');
  await editor(page).getByRole('checkbox', { name: 'Key property Sku' }).check();
  await editor(page).getByRole('button', { name: 'Put…' }).click();
  await expect(putDialog(page).getByRole('radio', { name: 'Create only' })).toBeChecked();
  await putDialog(page).getByRole('button', { name: 'Put', exact: true }).click();
  await expect(putDialog(page)).toBeHidden();
  await expect(classNode(page, 'Shop_Item')).toBeVisible();
  await expectLastStatus(page, /PutClass Shop_Item: WBEM_S_NO_ERROR/);
  await expect(editor(page).getByRole('heading', { name: 'Shop_Item' })).toBeVisible();

  // Its subclass: inherits Sku (greyed, with its origin) and adds its own property.
  await editor(page).getByRole('button', { name: 'New subclass' }).click();
  await editor(page).getByRole('textbox', { name: 'Class name' }).fill('Shop_Book');
  await expect(editor(page).getByRole('combobox', { name: 'Superclass' })).toHaveValue('Shop_Item');
  const inherited = editor(page).getByRole('row').filter({ hasText: 'Sku' });
  await expect(inherited.getByRole('button', { name: 'Go to Shop_Item, origin of property Sku' })).toBeVisible();
  await expect(inherited.getByRole('checkbox', { name: 'Key property Sku' })).toBeChecked();
  await addProperty(page, 'Isbn');
  await putFromKeyboard(page);
  await expect(classNode(page, 'Shop_Book')).toBeVisible();
  await expect(editor(page).getByRole('heading', { name: 'Shop_Book' })).toBeVisible();

  // The engine has both, the subclass below its superclass.
  const book = await page.evaluate(async () => {
    const cw = (
      window as unknown as {
        classwright: {
          api: {
            getObject(
              c: unknown,
              p: string,
            ): Promise<{
              object: { system: { __DERIVATION: string[] }; properties: { name: string; classOrigin: string }[] };
            }>;
          };
        };
      }
    ).classwright;
    const r = await cw.api.getObject({ namespace: 'root\\default' }, 'Shop_Book');
    return {
      derivation: r.object.system.__DERIVATION,
      props: r.object.properties.map((p) => `${p.name}@${p.classOrigin}`),
    };
  });
  expect(book).toEqual({ derivation: ['Shop_Item'], props: ['Sku@Shop_Item', 'Isbn@Shop_Book'] });

  // Deleting the base deletes its subtree: the dialog says so first.
  await classNode(page, 'Shop_Item').click();
  await editor(page).getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete class Shop_Item' });
  await expect(confirm.getByRole('listitem')).toHaveText(['Shop_Book']);
  await confirm.getByRole('button', { name: 'Delete 2 classes' }).click();
  await expect(confirm).toBeHidden();
  await expect(classNode(page, 'Shop_Item')).toHaveCount(0);
  await expect(classNode(page, 'Shop_Book')).toHaveCount(0);
  await expectLastStatus(page, /DeleteClass Shop_Item: WBEM_S_NO_ERROR/);
  expect(errors).toEqual([]);
});
