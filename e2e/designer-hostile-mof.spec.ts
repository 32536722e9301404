import { expect, test } from '@playwright/test';
import { classNode, editor, goTo, openFresh } from './designer-helpers';

const PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b id=injected>bold</b>';
const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

const HOSTILE = `
[Description("${q(PAYLOAD)}") : ToSubclass, DisplayName("<svg onload=window.__pwned=3>")]
class Evil_Base
{
  [Key, Description("${q('<iframe src="javascript:window.__pwned=4"></iframe>')}")] string Id = "${q('<img src=y onerror=window.__pwned=5>')}";
  [Values{"${q('<a href="javascript:alert(1)">x</a>')}", "</td></tr><tr><td>"}] uint16 Kind;
};

class Evil_Child : Evil_Base
{
  string Markup = "${q('<style>*{display:none}</style>')}";
};

instance of Evil_Child
{
  Id = "${q('<script>window.__pwned = 6</script>')}";
  Markup = "${q(PAYLOAD)}";
};

// A name that is markup is not an identifier: a syntax error whose message quotes it.
class <script>alert(1)</script> { };
`;

test('a hostile MOF (markup in names, descriptions and values) renders as inert text', async ({ page }) => {
  const errors = await openFresh(page);
  await page.keyboard.press('Control+o');
  const dialog = page.getByRole('dialog', { name: 'Import MOF' });
  await dialog.getByRole('textbox', { name: 'MOF text' }).fill(HOSTILE);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  // The syntax error is shown, quoting the markup as text.
  const result = dialog.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toContainText('Import failed');
  await expect(result.locator('pre').first()).toContainText('class <script>alert(1)</script>');

  // Without the bad line it imports; everything shows as text.
  await dialog.getByRole('textbox', { name: 'MOF text' }).fill(HOSTILE.replace(/class <script>.*\n/, ''));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(result.getByRole('status')).toContainText('Import succeeded');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(classNode(page, 'Evil_Child')).toBeVisible();

  await goTo(page, 'Evil_Base');
  await editor(page)
    .getByRole('tab', { name: /Qualifiers/ })
    .click();
  await expect(editor(page).getByRole('textbox', { name: 'Value of qualifier Description on class' })).toHaveValue(
    PAYLOAD,
  );
  await editor(page)
    .getByRole('tab', { name: /Properties/ })
    .click();
  await editor(page).getByRole('button', { name: 'Qualifiers of property Kind' }).click();
  await editor(page).getByRole('tab', { name: /MOF/ }).click();
  await expect(editor(page).getByLabel('MOF of Evil_Base')).toContainText('<script>window.__pwned = 1</script>');
  await goTo(page, 'Evil_Child');
  await editor(page)
    .getByRole('tab', { name: /Instances/ })
    .click();
  await expect(editor(page).getByText(PAYLOAD, { exact: true })).toBeVisible();
  await editor(page)
    .getByRole('tab', { name: /Properties/ })
    .click();

  // Nothing ran, nothing was injected.
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    injected: document.querySelectorAll(
      '#injected, iframe, img[src="x"], img[src="y"], svg[onload], a[href^="javascript"], style:not([data-vite-dev-id])',
    ).length,
    scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
  }));
  expect(state.pwned).toBeNull();
  expect(state.injected).toBe(0);
  expect(state.scripts.every((s) => s.startsWith('/assets/'))).toBe(true);
  expect(errors).toEqual([]);
});
