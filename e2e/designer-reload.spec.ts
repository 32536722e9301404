import { expect, test } from '@playwright/test';
import { addProperty, classNode, editor, expectLastStatus, goTo, openFresh, putDialog } from './designer-helpers';

test('reload and find everything: put classes, an unput draft and the view preferences survive', async ({ page }) => {
  const errors = await openFresh(page);

  // A class put to the repository (persisted by the engine worker in IndexedDB).
  await page.getByRole('button', { name: 'New class', exact: true }).click();
  await editor(page).getByRole('textbox', { name: 'Class name' }).fill('Keep_Me');
  await editor(page).getByRole('button', { name: '+ Add property' }).click();
  await page.keyboard.press('Control+s');
  await putDialog(page).getByRole('button', { name: 'Put', exact: true }).click();
  await expect(classNode(page, 'Keep_Me')).toBeVisible();
  await expectLastStatus(page, /PutClass Keep_Me: WBEM_S_NO_ERROR/);

  // An edit not yet put: a draft (kept in this browser until put or discarded).
  await goTo(page, 'Demo_Disk');
  await addProperty(page, 'Firmware');
  await expect(classNode(page, 'Demo_Disk').getByText('draft')).toBeVisible();
  // A view preference: the dark theme.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.reload();
  await expect(page.getByText('Engine ready')).toBeVisible();
  await expect(classNode(page, 'Keep_Me')).toBeVisible({ timeout: 15_000 });
  await expect(classNode(page, 'Demo_Service')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The demo was seeded once: the log of this page load has no import.
  await expect(
    page.getByRole('region', { name: 'Sink log' }).getByRole('row').filter({ hasText: 'demo.mof' }),
  ).toHaveCount(0);
  await expect(classNode(page, 'Demo_Disk').getByText('draft')).toBeVisible();
  await goTo(page, 'Demo_Disk');
  await expect(editor(page).getByRole('textbox', { name: 'Name of property Firmware' })).toBeVisible();

  // The engine still has the put class, with its property.
  const props = await page.evaluate(async () => {
    const cw = (
      window as unknown as {
        classwright: {
          api: {
            getObject(c: unknown, p: string): Promise<{ hr: number; object: { properties: { name: string }[] } }>;
          };
        };
      }
    ).classwright;
    const r = await cw.api.getObject({ namespace: 'root\\default' }, 'Keep_Me');
    return r.object.properties.map((p) => p.name);
  });
  expect(props).toEqual(['Property1']);
  expect(errors).toEqual([]);
});
