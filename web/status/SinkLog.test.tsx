// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../../src/errors/wbem';
import { cls, prop } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import { DEFAULT_CHOICES } from '../data/flags';
import { flushLog, runImport, runPut } from '../data/operations';
import { useStatus } from '../state/status';
import { renderWithEngine, resetStores, startTestEngine } from '../test/renderWithEngine';
import { SinkLog } from './SinkLog';

const NS = 'root\\default';
let engine: EngineClient;

beforeEach(async () => {
  resetStores();
  engine = await startTestEngine();
});

afterEach(() => {
  cleanup();
  engine.terminate();
});

const rowsOf = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('sink log', () => {
  it('streams every call, return and SetStatus of an asynchronous put, with progress and the HRESULT', async () => {
    const onJump = vi.fn();
    renderWithEngine(engine, <SinkLog onJump={onJump} />);
    await act(async () => {
      const r = await runPut(NS, cls('Disk', null, { properties: [prop('Size', 'uint64')] }), {
        ...DEFAULT_CHOICES,
        updateType: 'create',
        style: 'async',
        sendStatus: true,
      });
      expect(r.hr).toBe(HR.S_NO_ERROR);
      flushLog();
    });
    const rows = rowsOf();
    const text = rows.map((r) => r.textContent ?? '');
    expect(text[0]).toMatch(/PutClassAsync\(Disk, 0x00000082 WBEM_FLAG_CREATE_ONLY \| WBEM_FLAG_SEND_STATUS\)/);
    expect(text[1]).toMatch(/returned WBEM_S_NO_ERROR/);
    const progress = rows.filter((r) => /WBEM_STATUS_PROGRESS/.test(r.textContent ?? ''));
    expect(progress.length).toBeGreaterThan(0);
    expect(within(progress.at(-1)!).getByRole('progressbar')).toBeTruthy();
    expect(text.at(-1)).toMatch(/SetStatus\(WBEM_STATUS_COMPLETE\): Success/);
    expect(text.at(-1)).toMatch(/WBEM_S_NO_ERROR/);

    // Each row links to its class on the graph.
    await userEvent.setup().click(within(rows[0]!).getByRole('button', { name: 'Show Disk on the graph' }));
    expect(onJump).toHaveBeenCalledWith(NS, 'Disk');
  });

  it('shows a failure in red with its __ExtendedStatus, and filters to errors', async () => {
    const user = userEvent.setup();
    renderWithEngine(engine, <SinkLog onJump={() => undefined} />);
    await act(async () => {
      await runPut(NS, cls('Disk', null), { ...DEFAULT_CHOICES, updateType: 'create' });
      const again = await runPut(NS, cls('Disk', null), {
        ...DEFAULT_CHOICES,
        updateType: 'create',
        style: 'sync',
        sendStatus: false,
      });
      expect(again.hr).toBe(HR.E_ALREADY_EXISTS);
      flushLog();
    });
    const failed = rowsOf().filter((r) => r.className.includes('cw-log-err'));
    expect(failed.length).toBe(1);
    expect(failed[0]!.textContent).toMatch(/WBEM_E_ALREADY_EXISTS/);
    await user.click(within(failed[0]!).getByRole('button', { name: /Show the error object/ }));
    const detail = screen.getByRole('complementary', { name: 'Error object' });
    expect(within(detail).getByText('0x80041019 WBEM_E_ALREADY_EXISTS')).toBeTruthy();
    expect(within(detail).getByText('PutClass')).toBeTruthy();
    expect(within(detail).getByText('Disk')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: 'Errors' }));
    expect(rowsOf().map((r) => r.className.includes('cw-log-err'))).toEqual([true]);
    // The failure is pinned on the class until dismissed.
    expect(useStatus.getState().failures['root\\default|disk']!.hr).toBe(HR.E_ALREADY_EXISTS);
  });

  it('logs an import with per-declaration progress and one Indicate carrying the result', async () => {
    renderWithEngine(engine, <SinkLog onJump={() => undefined} />);
    let result: Awaited<ReturnType<typeof runImport>> | null = null;
    await act(async () => {
      result = await runImport(
        NS,
        { text: 'class A { string X; };\nclass B : A { uint32 Y; };\nclass C : Missing { };', fileName: 'x.mof' },
        { continueOnError: true },
        'x.mof',
      );
      flushLog();
    });
    expect(result!.result!.classes).toBe(2);
    expect(result!.result!.failures[0]!.loc.line).toBe(3);
    const text = rowsOf().map((r) => r.textContent ?? '');
    expect(text.some((t) => /Indicate: 1 object/.test(t))).toBe(true);
    expect(text.filter((t) => /WBEM_STATUS_PROGRESS, \d+ of 3/.test(t)).length).toBe(3);
    await waitFor(() => expect(text.at(-1)).toMatch(/WBEM_E_INVALID_SUPERCLASS/));
  });
});
