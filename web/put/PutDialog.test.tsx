// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR, WBEM_FLAG } from '../../src/errors/wbem';
import type { ClassDefinition } from '../../src/model';
import { cls, prop, qual } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import type { PutResult } from '../data/operations';
import { useStatus } from '../state/status';
import { put, recordCalls, renderWithEngine, resetStores, startTestEngine } from '../test/renderWithEngine';
import { PutDialog, usePutPrefs } from './PutDialog';
import { DEFAULT_CHOICES } from '../data/flags';

const NS = 'root\\default';
let engine: EngineClient;

beforeEach(async () => {
  resetStores();
  usePutPrefs.setState({ prefs: DEFAULT_CHOICES });
  engine = await startTestEngine();
  await put(engine, NS, cls('Base', null, { properties: [prop('Id', 'string', [qual('Key')])] }));
  await put(engine, NS, cls('Child', 'Base', { properties: [prop('Size', 'uint64')] }));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  engine.terminate();
});

/** Base with a Size of another type than Child's: a type conflict with Child. */
const conflicting: ClassDefinition = cls('Base', null, {
  properties: [prop('Id', 'string', [qual('Key')]), prop('Size', 'uint32')],
});

function dialog(def: ClassDefinition, onDone = vi.fn<(r: PutResult) => void>(), isNew = false) {
  renderWithEngine(
    engine,
    <PutDialog
      ns={NS}
      def={def}
      isNew={isNew}
      amendedRead={false}
      onClose={() => undefined}
      onDone={onDone}
      onJump={() => undefined}
    />,
  );
  return onDone;
}

describe('put dialog', () => {
  it('passes every flag, the context and the principal exactly as chosen (synchronous)', async () => {
    const user = userEvent.setup();
    const rec = recordCalls(engine);
    const onDone = dialog(cls('Base', null, { properties: [prop('Id', 'string', [qual('Key')])] }));
    await user.click(screen.getByRole('radio', { name: 'Update only' }));
    await user.click(screen.getByRole('radio', { name: /^Safe/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Use amended qualifiers' }));
    await user.click(screen.getByRole('checkbox', { name: 'Send status' })); // on by default: now off
    await user.click(screen.getByRole('checkbox', { name: 'Owner update' }));
    await user.click(screen.getByRole('radio', { name: 'Synchronous' }));
    await user.click(screen.getByRole('button', { name: '+ Add named value' }));
    await user.type(screen.getByRole('textbox', { name: 'Context value 1 name' }), 'Trace');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Context value 1 type' }), 'sint32');
    await user.type(screen.getByRole('textbox', { name: 'Context value 1 value' }), '7');
    const principal = screen.getByRole('combobox', { name: 'Acting principal' });
    await user.clear(principal);
    await user.type(principal, 'Administrator');
    const expected =
      WBEM_FLAG.UPDATE_ONLY | WBEM_FLAG.UPDATE_SAFE_MODE | WBEM_FLAG.USE_AMENDED_QUALIFIERS | WBEM_FLAG.OWNER_UPDATE;
    expect(screen.getByText('0x00030021')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Put' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(rec.of('putClass')).toHaveLength(1);
    const [conn, , flags, ctx] = rec.of('putClass')[0]!;
    expect(flags).toBe(expected);
    expect(ctx).toEqual({ Trace: 7 });
    expect(conn).toEqual({ namespace: NS, user: 'Administrator' });
    expect(onDone.mock.calls[0]![0].hr).toBe(HR.S_NO_ERROR);
  });

  it('sends SEND_STATUS and the update mode through PutClassAsync, and semisync adds RETURN_IMMEDIATELY', async () => {
    const user = userEvent.setup();
    const rec = recordCalls(engine);
    const onDone = dialog(cls('Other', null), undefined, true);
    await user.click(screen.getByRole('button', { name: 'Put' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(rec.of('putClassAsync')[0]![2]).toBe(WBEM_FLAG.CREATE_ONLY | WBEM_FLAG.SEND_STATUS);
    expect(rec.of('putClassAsync')[0]![3]).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Semisynchronous' }));
    await user.click(screen.getByRole('radio', { name: 'Either' }));
    await user.click(screen.getByRole('checkbox', { name: 'Send status' }));
    await user.click(screen.getByRole('button', { name: 'Put' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(2));
    expect(rec.of('putClass')[0]![2]).toBe(WBEM_FLAG.RETURN_IMMEDIATELY);
    expect(onDone.mock.calls[1]![0].hr).toBe(HR.S_NO_ERROR);
  });

  it('previews each mode: safe fails on the conflicting child, force would delete its property', async () => {
    const user = userEvent.setup();
    dialog(conflicting);
    const preview = screen.getByRole('region', { name: 'What each update mode would do' });
    await waitFor(() => expect(within(preview).getAllByText(/WBEM_E_UPDATE_TYPE_MISMATCH/).length).toBeGreaterThan(0));
    const safeRow = within(preview).getByRole('rowheader', { name: 'Safe' }).closest('tr')!;
    expect(within(safeRow).getByText(/✗ WBEM_E_UPDATE_TYPE_MISMATCH/)).toBeTruthy();
    expect(within(safeRow).getByRole('button', { name: 'Jump to Child' })).toBeTruthy();
    const forceRow = within(preview).getByRole('rowheader', { name: 'Force' }).closest('tr')!;
    expect(within(forceRow).getByText(/✓ updates/)).toBeTruthy();
    expect(within(forceRow).getByText(/deletes/)).toBeTruthy();
    const compatibleRow = within(preview).getByRole('rowheader', { name: 'Compatible' }).closest('tr')!;
    expect(within(compatibleRow).getByText(/WBEM_E_CLASS_HAS_CHILDREN/)).toBeTruthy();
    expect(screen.getByRole('radio', { name: /^Force/ }).closest('label')!.textContent).toMatch(/suggested/);

    // Force needs the deletion confirmed.
    await user.click(screen.getByRole('radio', { name: /^Force/ }));
    expect(screen.getByRole('button', { name: 'Put with force (deletes 1)' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('checkbox', { name: /I understand force deletes 1 element/ }));
    expect(screen.getByRole('button', { name: 'Put with force (deletes 1)' })).toHaveProperty('disabled', false);
  });

  it('a failed safe put marks the conflicting child and pins a failure on the class', async () => {
    const user = userEvent.setup();
    const onDone = dialog(conflicting);
    await user.click(screen.getByRole('radio', { name: /^Safe/ }));
    await user.click(screen.getByRole('button', { name: 'Put' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone.mock.calls[0]![0].hr).toBe(HR.E_UPDATE_TYPE_MISMATCH);
    expect(await screen.findByText('Put failed: WBEM_E_UPDATE_TYPE_MISMATCH')).toBeTruthy();
    const marks = useStatus.getState().marks!;
    expect(marks.source).toBe('Base');
    expect(marks.conflicts['child']![0]).toMatchObject({
      kind: 'type',
      element: 'property',
      name: 'Size',
      resolved: false,
    });
    expect(useStatus.getState().failures['root\\default|base']!.hr).toBe(HR.E_UPDATE_TYPE_MISMATCH);
    // The error object is shown with its conflicts.
    expect(screen.getByText('Classwright_ConflictStatus')).toBeTruthy();

    // Force then succeeds and rewrites the child.
    await user.click(screen.getByRole('radio', { name: /^Force/ }));
    await user.click(screen.getByRole('checkbox', { name: /I understand force deletes/ }));
    await user.click(screen.getByRole('button', { name: /Put with force/ }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(2));
    expect(onDone.mock.calls[1]![0].hr).toBe(HR.S_NO_ERROR);
    expect(useStatus.getState().marks!.rewritten['child']).toBe(true);
    expect(useStatus.getState().marks!.conflicts['child']![0]!.resolved).toBe(true);
    expect(useStatus.getState().failures['root\\default|base']).toBeUndefined();
    const child = await engine.api.getObject({ namespace: NS }, 'Child', 0);
    expect(child.object && 'definition' in child.object ? child.object.definition.properties : null).toEqual([]);
  });
});
