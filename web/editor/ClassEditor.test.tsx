// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HR } from '../../src/errors/wbem';
import { TOSUBCLASS, cls, prop, qual } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import { useDrafts } from '../state/drafts';
import { useStatus } from '../state/status';
import { useUi } from '../state/ui';
import { indexOf, put, renderWithEngine, resetStores, startTestEngine } from '../test/renderWithEngine';
import { ClassEditor } from './ClassEditor';

const NS = 'root\\default';
let engine: EngineClient;

beforeEach(async () => {
  resetStores();
  engine = await startTestEngine();
  await put(
    engine,
    NS,
    cls('Shape', null, {
      qualifiers: [qual('Description', 'A shape', TOSUBCLASS), qual('Abstract')],
      properties: [prop('Id', 'string', [qual('Key')]), prop('Color', 'string')],
    }),
  );
  await put(engine, NS, cls('Square', 'Shape', { properties: [prop('Side', 'uint32')] }));
});

afterEach(() => {
  cleanup();
  engine.terminate();
});

async function open(name: string) {
  useUi.setState({ namespace: NS, selected: `c:${name.toLowerCase()}` });
  const index = await indexOf(NS);
  const r = renderWithEngine(engine, <ClassEditor index={index} />);
  await screen.findByRole('heading', { name });
  return r;
}

const draftOf = (name: string) => useDrafts.getState().drafts[`${NS.toLowerCase()}|c:${name.toLowerCase()}`];

describe('class editor', () => {
  it('lists local and inherited properties with their origin; inherited ones are read-only', async () => {
    await open('Square');
    const table = screen.getByRole('table', { name: /properties of square/i });
    const idRow = within(table).getByText('Id').closest('tr')!;
    expect(within(idRow).getByRole('button', { name: /go to shape, origin of property id/i })).toBeTruthy();
    expect(within(idRow).getByRole('checkbox', { name: 'Key property Id' })).toHaveProperty('checked', true);
    expect(within(idRow).getByRole('checkbox', { name: 'Key property Id' })).toHaveProperty('disabled', true);
    expect(within(table).getByRole('textbox', { name: 'Name of property Side' })).toHaveProperty('value', 'Side');
    expect(within(table).queryByRole('textbox', { name: 'Name of property Id' })).toBeNull();
  });

  it('keeps edits as a marked draft with undo and redo', async () => {
    const user = userEvent.setup();
    await open('Square');
    expect(screen.queryByText('draft')).toBeNull();
    await user.click(screen.getByRole('button', { name: '+ Add property' }));
    const name = await screen.findByRole('textbox', { name: 'Name of property Property1' });
    await user.clear(name);
    await user.type(name, 'Weight');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of property Weight' }), 'uint64');
    expect(screen.getByText('draft')).toBeTruthy();
    expect(draftOf('Square')!.def.properties.map((p) => `${p.name}:${p.type.base}`)).toEqual([
      'Side:uint32',
      'Weight:uint64',
    ]);
    // The new property's row is marked as changed.
    expect(screen.getByRole('textbox', { name: 'Name of property Weight' }).closest('tr')!.className).toMatch(
      /cw-row-changed/,
    );

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(draftOf('Square')!.def.properties.find((p) => p.name === 'Weight')!.type.base).toBe('string');
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(draftOf('Square')!.def.properties.find((p) => p.name === 'Weight')!.type.base).toBe('uint64');
    // Typing "Weight" was coalesced: undoing the rename and the add takes two more steps.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByText('draft')).toBeNull());
    expect(draftOf('Square')!.def.properties.map((p) => p.name)).toEqual(['Side']);
  });

  it('shows inherited qualifiers as propagated, overrides them and toggles flavors', async () => {
    const user = userEvent.setup();
    await open('Square');
    await user.click(screen.getByRole('tab', { name: /qualifiers/i }));
    const table = screen.getByRole('table', { name: /qualifiers of class square/i });
    const row = within(table).getByText('Description').closest('tr')!;
    expect(within(row).getByText('propagated')).toBeTruthy();
    expect(
      within(row).getByRole('checkbox', { name: 'ToSubClass flavor of qualifier Description on class' }),
    ).toHaveProperty('disabled', true);
    // Abstract has no ToSubClass flavor: it does not propagate.
    expect(within(table).queryByText('Abstract')).toBeNull();

    await user.click(within(row).getByRole('button', { name: 'Override qualifier Description on class' }));
    const local = within(table).getByRole('textbox', { name: 'Name of qualifier Description on class' }).closest('tr')!;
    expect(within(local).getByText('local (override)')).toBeTruthy();
    await user.click(
      within(local).getByRole('checkbox', { name: 'ToInstance flavor of qualifier Description on class' }),
    );
    await user.click(
      within(local).getByRole('checkbox', { name: 'DisableOverride flavor of qualifier Description on class' }),
    );
    const q = draftOf('Square')!.def.qualifiers.find((x) => x.name === 'Description')!;
    expect(q.flavor).toBe(0x1 | 0x2 | 0x10);
    expect(q.value).toBe('A shape');
  });

  it('refuses a value that does not parse for its type, and keeps the last good one', async () => {
    const user = userEvent.setup();
    await open('Square');
    const input = screen.getByRole('textbox', { name: 'Default value of property Side' });
    await user.type(input, '12x');
    expect(screen.getByRole('alert').textContent).toMatch(/uint32 integer/);
    expect(draftOf('Square')!.def.properties[0]!.defaultValue).toBe(12);
    await user.clear(input);
    await user.type(input, '4294967296');
    expect(screen.getByRole('alert').textContent).toMatch(/out of range/i);
  });

  it('marks a conflict with the put of a base class on the conflicting property', async () => {
    useStatus.getState().setMarks({
      ns: NS,
      source: 'Shape',
      mode: 'safe',
      hr: HR.E_UPDATE_TYPE_MISMATCH,
      time: 0,
      conflicts: {
        square: [
          {
            kind: 'type',
            className: 'Square',
            element: 'property',
            name: 'Side',
            hr: HR.E_UPDATE_TYPE_MISMATCH,
            description: 'Square declares Side with another type than Shape.',
            source: 'Shape',
            mode: 'safe',
            resolved: false,
          },
        ],
      },
      rewritten: {},
      deletedInstances: [],
    });
    await open('Square');
    const row = screen.getByRole('textbox', { name: 'Name of property Side' }).closest('tr')!;
    expect(row.className).toMatch(/cw-row-conflict/);
    expect(within(row).getByText(/type · WBEM_E_UPDATE_TYPE_MISMATCH/)).toBeTruthy();
    const banner = screen.getByRole('region', { name: 'Conflicts with child classes' });
    expect(within(banner).getByRole('button', { name: 'Jump to Shape' })).toBeTruthy();
  });

  it('renders names and values as text, never as markup', async () => {
    await put(
      engine,
      NS,
      cls('Evil', null, { qualifiers: [qual('Description', '<img src=x onerror=alert(1)><b>bold</b>', TOSUBCLASS)] }),
    );
    const user = userEvent.setup();
    const r = await open('Evil');
    await user.click(screen.getByRole('tab', { name: /mof/i }));
    expect(r.container.querySelector('img')).toBeNull();
    expect(r.container.querySelector('b')).toBeNull();
    expect(screen.getByLabelText('MOF of Evil').textContent).toContain('<img src=x onerror=alert(1)><b>bold</b>');
  });
});
