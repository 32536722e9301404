// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cls, prop, qual } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import { useUi } from '../state/ui';
import { put, renderWithEngine, resetStores, startTestEngine } from '../test/renderWithEngine';
import { TimelinePanel } from './TimelinePanel';

const NS = 'root\\default';
let engine: EngineClient;
let first = 0;
let second = 0;

beforeEach(async () => {
  resetStores();
  engine = await startTestEngine();
  await put(engine, NS, cls('Shape', null, { properties: [prop('Id', 'string', [qual('Key')])] }));
  first = (await engine.api.history()).seq;
  await put(
    engine,
    NS,
    cls('Shape', null, { properties: [prop('Id', 'string', [qual('Key')]), prop('Size', 'uint32')] }),
  );
  second = (await engine.api.history()).seq;
  useUi.setState({ namespace: NS });
});

afterEach(() => {
  cleanup();
  engine.terminate();
});

describe('timeline time travel', () => {
  it('views a past point and diffs two points', async () => {
    const user = userEvent.setup();
    renderWithEngine(engine, <TimelinePanel />);
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await user.click(
      await within(timeline).findByRole('button', { name: `View repository after #${first} PutClass Shape` }),
    );
    const view = await screen.findByRole('region', { name: `Repository after #${first} PutClass Shape` });
    const row = await within(view).findByRole('row', { name: /^Shape\b/ });
    expect(row.textContent).toContain('Id');
    expect(row.textContent).not.toContain('Size');

    const diff = within(timeline).getByRole('button', { name: 'Diff' });
    expect((diff as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(timeline).getByRole('radio', { name: `Diff from #${first} PutClass Shape` }));
    await user.click(within(timeline).getByRole('radio', { name: `Diff to #${second} PutClass Shape` }));
    await user.click(diff);
    const region = await screen.findByRole('region', { name: `Diff from #${first} to #${second}` });
    const changes = await within(region).findByRole('list', { name: 'Changes to Shape' });
    expect(changes.textContent).toMatch(/property Size added/);
  });

  it('asks before restoring and names the point', async () => {
    const user = userEvent.setup();
    renderWithEngine(engine, <TimelinePanel />);
    await user.click(await screen.findByRole('button', { name: `Restore to #${first} PutClass Shape` }));
    const dialog = screen.getByRole('dialog', { name: `Restore to #${first} PutClass Shape` });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await engine.api.history()).seq).toBe(second);

    await user.click(screen.getByRole('button', { name: `Restore to #${first} PutClass Shape` }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const r = await engine.api.getObject({ namespace: NS }, 'Shape');
    const names = (r.object?.properties ?? []).map((p) => p.name);
    expect(names).toContain('Id');
    expect(names).not.toContain('Size');
    expect((await engine.api.history()).seq).toBe(second + 1);
  });
});
