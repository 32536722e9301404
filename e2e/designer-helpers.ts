import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Shared steps of the designer journeys: a clean start (IndexedDB and localStorage cleared, so
 * the demo repository is seeded afresh), and role/label locators for the graph and the editor.
 */

type Cw = { engine: { ready: Promise<unknown> }; clearStorage(): Promise<void> };

/** Collects page errors and console errors; assert it is empty at the end of a journey. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Open the designer on an empty repository: the demo is seeded on this first run. */
export async function openFresh(page: Page): Promise<string[]> {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.waitForFunction(() => 'classwright' in window);
  await page.evaluate(async () => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    await cw.engine.ready;
    localStorage.clear();
    await cw.clearStorage();
  });
  await page.reload();
  await expect(page.getByText('Engine ready')).toBeVisible();
  await expect(classNode(page, 'Demo_Disk')).toBeVisible({ timeout: 15_000 });
  return errors;
}

/** A class node on the graph (React Flow gives each node its aria-label). */
export const classNode = (page: Page, name: string): Locator =>
  page.getByRole('group', { name: `Class ${name}`, exact: true });

export const editor = (page: Page): Locator => page.getByRole('region', { name: /^Class editor/ });

/** Select a class with the command palette (Ctrl+K), as a person would jump to it. */
export async function goTo(page: Page, name: string) {
  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: 'Go to class or command' });
  await box.fill(name);
  await expect(page.getByRole('option', { name: new RegExp(`^${name}\\b`) }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('heading', { name, exact: true })).toBeVisible();
}

export const putDialog = (page: Page): Locator => page.getByRole('dialog', { name: /^Put class/ });

/** The last final status in the sink log (its live region). */
export async function expectLastStatus(page: Page, text: RegExp) {
  await expect(page.getByRole('region', { name: 'Sink log' }).getByRole('status')).toHaveText(text, {
    timeout: 15_000,
  });
}

/** Adds a property to the class in the editor (the new row is named Property1) and names it. */
export async function addProperty(page: Page, name: string) {
  await editor(page).getByRole('button', { name: '+ Add property' }).click();
  await editor(page).getByRole('textbox', { name: 'Name of property Property1' }).fill(name);
}

/** Puts the edited class from the keyboard with the put dialog's defaults, and waits for it to close. */
export async function putFromKeyboard(page: Page) {
  await page.keyboard.press('Control+s');
  await putDialog(page).getByRole('button', { name: 'Put', exact: true }).click();
  await expect(putDialog(page)).toBeHidden();
}
