import { describe, expect, it } from 'vitest';
import { WBEM_FLAG } from '../errors/wbem';
import { cls } from '../model/build';
import type { Change } from '../repository/change';
import { History } from './History';
import { labelFromChanges, makeLabel, undoLabel } from './labels';

const put = (name: string): Change => ({ kind: 'class', ns: 'root\\cimv2', name, after: { def: cls(name, null) } });
const label = (name: string) => makeLabel('PutClass', { namespace: 'root\\cimv2', target: name });

/** Commit through the plan/apply split as the worker does, returning the batch. */
function commit(h: History, kind: 'op' | 'undo' | 'redo', name: string, target?: number) {
  const { batch, apply } = h.prepare(
    { kind, label: label(name), changes: [put(name)], ...(target !== undefined ? { target } : {}) },
    1000,
  );
  apply();
  return batch;
}

describe(History, () => {
  it('numbers commits and moves entries between the undo and redo stacks', () => {
    const h = new History();
    commit(h, 'op', 'A');
    commit(h, 'op', 'B');
    expect(h.undoTarget()!.seq).toBe(2);
    const u = commit(h, 'undo', 'B', 2);
    expect(u.seq).toBe(3);
    expect(u.stacks).toEqual({ undo: [1], redo: [2] });
    expect(h.undoTarget()!.seq).toBe(1);
    expect(h.redoTarget()!.seq).toBe(2);
    const r = commit(h, 'redo', 'B', 2);
    expect(r.stacks).toEqual({ undo: [1, 2], redo: [] });
    commit(h, 'undo', 'B', 2);
    // A new operation clears the redo stack.
    expect(commit(h, 'op', 'C').stacks).toEqual({ undo: [1, 6], redo: [] });
    const v = h.view();
    expect(v.entries.map((e) => `${e.seq}:${e.kind}`)).toEqual(['1:op', '2:op', '3:undo', '4:redo', '5:undo', '6:op']);
    expect(v.undoDepth).toBe(2);
    expect(v.redo).toBeNull();
  });

  it('changes nothing until the batch is stored (apply)', () => {
    const h = new History();
    const { batch } = h.prepare({ kind: 'op', label: label('A'), changes: [put('A')] }, 0);
    expect(batch.seq).toBe(1);
    expect(h.seq).toBe(0);
    expect(h.undoTarget()).toBeUndefined();
    expect(h.prepare({ kind: 'op', label: label('A'), changes: [put('A')] }, 0).batch.seq).toBe(1);
  });

  it('is bounded by entry count, dropping the oldest and their stack places', () => {
    const h = new History({ maxEntries: 3 });
    for (const n of ['A', 'B', 'C']) commit(h, 'op', n);
    const d = commit(h, 'op', 'D');
    expect(d.drop).toEqual([1]);
    expect(d.stacks.undo).toEqual([2, 3, 4]);
    expect(h.view().entries.map((e) => e.seq)).toEqual([2, 3, 4]);
  });

  it('is bounded by size, always keeping the newest entry', () => {
    const size = JSON.stringify([put('A')]).length;
    const h = new History({ maxBytes: size * 2 });
    commit(h, 'op', 'A');
    commit(h, 'op', 'B');
    expect(commit(h, 'op', 'C').drop).toEqual([1]);
    const huge = new History({ maxBytes: 10 });
    expect(commit(huge, 'op', 'A').drop).toEqual([]);
    expect(commit(huge, 'op', 'B').drop).toEqual([1]);
    expect(huge.view().entries).toHaveLength(1);
  });

  it('takes the stacks and entries of commits made elsewhere', () => {
    const h = new History();
    commit(h, 'op', 'A');
    h.applyRemote({
      seq: 3,
      entries: [
        { seq: 2, kind: 'op', label: label('B'), time: 0, size: 1, changeCount: 1, changes: [put('B')] },
        {
          seq: 3,
          kind: 'undo',
          label: undoLabel('Undo', label('B')),
          time: 0,
          size: 1,
          changeCount: 1,
          target: 2,
          changes: [],
        },
      ],
      stacks: { undo: [1], redo: [2] },
    });
    expect(h.seq).toBe(3);
    expect(h.undoTarget()!.seq).toBe(1);
    expect(h.redoTarget()!.seq).toBe(2);
    expect(h.prepare({ kind: 'op', label: label('C'), changes: [put('C')] }, 0).batch.seq).toBe(4);
  });
});

describe('history labels', () => {
  it('names the operation, its target and its flags', () => {
    expect(
      makeLabel('PutClass', { target: 'Shape', flags: WBEM_FLAG.UPDATE_SAFE_MODE | WBEM_FLAG.SEND_STATUS }).text,
    ).toBe('PutClass Shape (UPDATE_SAFE_MODE)');
    expect(makeLabel('DeleteClass', { target: 'Shape', flags: 0 }).text).toBe('DeleteClass Shape');
    expect(undoLabel('Undo', makeLabel('PutClass', { target: 'Shape' })).text).toBe('Undo PutClass Shape');
    expect(labelFromChanges('MOF import', [put('A'), put('B')]).target).toBe('A');
  });
});
