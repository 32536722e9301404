import { expect, test } from '@playwright/test';
import { classNode, openFresh } from './designer-helpers';

const BROKEN = ['// three classes, one typo', 'class Imp_A', '{', '  string Name = ;', '};', ''].join('\n');

const SHAPES = [
  'class Imp_Shape',
  '{',
  '  [Key] string Id;',
  '};',
  'class Imp_Circle : Imp_Missing',
  '{',
  '  real64 Radius;',
  '};',
  'class Imp_Square : Imp_Shape',
  '{',
  '  real64 Side;',
  '};',
].join('\n');

test('import MOF: a syntax error is shown at its line with a code frame; continue-on-error keeps the rest', async ({
  page,
}) => {
  const errors = await openFresh(page);
  await page.keyboard.press('Control+o');
  const dialog = page.getByRole('dialog', { name: 'Import MOF' });
  await dialog.getByRole('textbox', { name: 'MOF text' }).fill(BROKEN);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const result = dialog.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toContainText('Import failed: WBEMMOF_E_');
  await expect(result).toContainText('not stored (rolled back)');
  const problem = result.getByRole('list', { name: 'Import errors' }).getByRole('listitem').first();
  await expect(problem).toContainText('pasted.mof:4:');
  await expect(problem.locator('pre')).toContainText('4 |   string Name = ;');
  await expect(problem.locator('pre')).toContainText('^');

  // A file, continue-on-error: the bad declaration is reported at its line, the others are stored.
  await dialog
    .getByLabel('Choose MOF files')
    .setInputFiles({ name: 'shapes.mof', mimeType: 'text/plain', buffer: Buffer.from(SHAPES) });
  await expect(dialog.getByText('1 file read.')).toBeVisible();
  await dialog.getByRole('radio', { name: /Continue on error/ }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(result.getByRole('status')).toContainText('Import failed: WBEM_E_INVALID_SUPERCLASS');
  await expect(result).toContainText('2 classes, 0 instances');
  const item = result.getByRole('list', { name: 'Import errors' }).getByRole('listitem').first();
  await expect(item).toContainText('shapes.mof:5:');
  await expect(item).toContainText('Imp_Circle');
  await expect(item.locator('pre')).toContainText('5 | class Imp_Circle : Imp_Missing');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(classNode(page, 'Imp_Square')).toBeVisible();
  await expect(classNode(page, 'Imp_Circle')).toHaveCount(0);
  expect(errors).toEqual([]);
});
