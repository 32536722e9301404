// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cls, prop } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import { ClassEditor } from '../editor/ClassEditor';
import { useDrafts } from '../state/drafts';
import { usePreview } from '../state/preview';
import { useUi } from '../state/ui';
import { indexOf, put, renderWithEngine, resetStores, startTestEngine } from '../test/renderWithEngine';

const NS = 'root\\default';
let engine: EngineClient;

beforeEach(async () => {
  resetStores();
  engine = await startTestEngine();
  await put(engine, NS, cls('Shape', null, { properties: [prop('Id', 'string')] }));
  await put(engine, NS, cls('Square', 'Shape', { properties: [prop('Side', 'uint32')] }));
});

afterEach(() => {
  cleanup();
  engine.terminate();
});

describe('live preview', () => {
  it('previews the three modes of a draft, paints the conflicting child and clears on discard', async () => {
    useUi.setState({ namespace: NS, selected: 'c:shape' });
    const index = await indexOf(NS);
    renderWithEngine(engine, <ClassEditor index={index} />);
    await screen.findByRole('heading', { name: 'Shape' });
    expect(screen.queryByRole('region', { name: 'Preview of the update modes' })).toBeNull();

    const base = index.byKey.get('shape')!.definition;
    useDrafts.getState().edit(NS, 'c:shape', { base, amended: false }, (d) => ({
      ...d,
      properties: [...d.properties, prop('Side', 'sint32')],
    }));
    const panel = await screen.findByRole('region', { name: 'Preview of the update modes' });
    const safe = await within(panel).findByRole('region', { name: 'Safe mode' });
    await waitFor(() => expect(safe.textContent).toContain('Square.Side: type'));
    expect(within(panel).getByRole('region', { name: 'Force mode' }).textContent).toContain('suggested');
    expect(usePreview.getState().marks?.classes['square']).toEqual({ conflicts: 1, rewritten: true });

    useDrafts.getState().discard(NS, 'c:shape');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Preview of the update modes' })).toBeNull());
    expect(usePreview.getState().marks).toBeNull();
  });
});
