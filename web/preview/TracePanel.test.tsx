// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOSUBCLASS, cls, prop, qual } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import { ClassEditor } from '../editor/ClassEditor';
import { useTrace } from '../state/preview';
import { useUi } from '../state/ui';
import { indexOf, put, renderWithEngine, resetStores, startTestEngine } from '../test/renderWithEngine';

const NS = 'root\\default';
let engine: EngineClient;

beforeEach(async () => {
  resetStores();
  useTrace.setState({ overlay: null });
  engine = await startTestEngine();
  await put(
    engine,
    NS,
    cls('Shape', null, {
      qualifiers: [qual('Description', 'A shape', TOSUBCLASS)],
      properties: [prop('Id', 'string', [qual('Key')])],
    }),
  );
  await put(engine, NS, cls('Square', 'Shape', { properties: [prop('Side', 'uint32')] }));
});

afterEach(() => {
  cleanup();
  engine.terminate();
});

describe('qualifier propagation overlay', () => {
  it('traces a class qualifier to its subclasses and clears', async () => {
    const user = userEvent.setup();
    useUi.setState({ namespace: NS, selected: 'c:shape', editorTab: 'qualifiers' });
    const index = await indexOf(NS);
    renderWithEngine(engine, <ClassEditor index={index} />);
    await user.click(await screen.findByRole('button', { name: 'Show propagation of qualifier Description on class' }));
    const panel = await screen.findByRole('region', { name: 'Propagation of qualifier Description' });
    expect(within(panel).getByRole('list', { name: 'Receiving subclasses' }).textContent).toBe('Square: propagated');
    expect(useTrace.getState().overlay?.classes['square']).toEqual({ via: 'propagated', blocked: false });
    await user.click(within(panel).getByRole('button', { name: 'Clear propagation' }));
    expect(screen.queryByRole('region', { name: 'Propagation of qualifier Description' })).toBeNull();
    expect(useTrace.getState().overlay).toBeNull();
  });
});
