import { expect, test } from '@playwright/test';
import { classNode, editor, goTo, openFresh } from './designer-helpers';

test('the qualifier propagation overlay marks every receiving subclass, blocked overrides and the instance scope', async ({
  page,
}) => {
  const errors = await openFresh(page);

  // Category is ToSubclass DisableOverride on Demo_ManagedElement.
  await goTo(page, 'Demo_ManagedElement');
  await editor(page)
    .getByRole('tab', { name: /^Qualifiers/ })
    .click();
  await editor(page).getByRole('button', { name: 'Show propagation of qualifier Category on class' }).click();

  const panel = editor(page).getByRole('region', { name: 'Propagation of qualifier Category' });
  await expect(panel).toContainText('Declared in Demo_ManagedElement');
  await expect(panel).toContainText('ToSubClass, DisableOverride');
  const receivers = panel.getByRole('list', { name: 'Receiving subclasses' });
  await expect(receivers.getByRole('listitem').filter({ hasText: 'Demo_Disk' })).toHaveText(
    'Demo_Disk: propagated, override blocked (DisableOverride)',
  );
  await expect(receivers.getByRole('listitem').filter({ hasText: 'Demo_Dependency' })).toHaveCount(0);

  // Painted on the graph: the class, each receiver with its blocked override; not the unrelated association.
  await expect(
    classNode(page, 'Demo_ManagedElement').getByRole('img', { name: 'Traced qualifier: this class' }),
  ).toBeVisible();
  await expect(
    classNode(page, 'Demo_SolidStateDisk').getByRole('img', {
      name: 'Receives the traced qualifier (propagated), override blocked',
    }),
  ).toBeVisible();
  await expect(classNode(page, 'Demo_Dependency').getByRole('img', { name: /traced qualifier/i })).toHaveCount(0);

  // A ToInstance qualifier: the instance scope with its counts.
  await goTo(page, 'Demo_NetworkAdapter');
  await editor(page).getByRole('button', { name: 'Show propagation of qualifier Provider on class' }).click();
  const provider = editor(page).getByRole('region', { name: 'Propagation of qualifier Provider' });
  await expect(provider.getByRole('list', { name: 'Instance scope' })).toHaveText('Demo_NetworkAdapter: 0 instances');
  await expect(classNode(page, 'Demo_Disk').getByRole('img', { name: /traced qualifier/i })).toHaveCount(0);

  // Cleared on demand.
  await provider.getByRole('button', { name: 'Clear propagation' }).click();
  await expect(provider).toHaveCount(0);
  await expect(classNode(page, 'Demo_NetworkAdapter').getByRole('img', { name: /traced qualifier/i })).toHaveCount(0);
  expect(errors).toEqual([]);
});
