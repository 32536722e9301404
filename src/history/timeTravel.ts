import { nameKey, type ClassDefinition } from '../model';
import { classifyChanges } from '../ops/classifyChanges';
import { reverseChanges, type Change } from '../repository/change';
import { namespaceKey } from '../repository/RepositoryState';
import type { RepositoryState } from '../repository/RepositoryState';
import type { LogEntry } from '../storage/StoragePort';

/** What changed in a namespace between two points of the history. */
export interface HistoryDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly className: string; readonly changes: readonly string[] }[];
}

/**
 * The changes that take the repository from now (history point `current`) back to the point right
 * after entry `seq`: every later entry's diff reversed, newest first. Undefined when one of those
 * entries is no longer kept (the history is bounded).
 */
export async function changesBackTo(
  entry: (seq: number) => Promise<LogEntry | undefined>,
  current: number,
  seq: number,
): Promise<Change[] | undefined> {
  const out: Change[] = [];
  for (let s = current; s > seq; s--) {
    const e = await entry(s);
    if (!e) return undefined;
    out.push(...reverseChanges(e.changes));
  }
  return out;
}

/** A namespace's class definitions after applying `back` to what the state holds now. */
export function classesAfter(state: RepositoryState, namespace: string, back: readonly Change[]): ClassDefinition[] {
  const map = new Map<string, ClassDefinition>();
  const ns = state.ns(namespace);
  if (ns) for (const [k, c] of ns.classes) if (!c.system) map.set(k, c.def);
  const target = namespaceKey(namespace);
  for (const c of back) {
    if (c.kind !== 'class' || namespaceKey(c.ns) !== target) continue;
    if (c.after && !c.after.system) map.set(nameKey(c.name), c.after.def);
    else map.delete(nameKey(c.name));
  }
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

/** Classes added, removed and changed (with readable change lines) from one point to another. */
export function diffClasses(from: readonly ClassDefinition[], to: readonly ClassDefinition[]): HistoryDiff {
  const a = new Map(from.map((d) => [nameKey(d.name), d]));
  const b = new Map(to.map((d) => [nameKey(d.name), d]));
  const added = [...b.entries()].filter(([k]) => !a.has(k)).map(([, d]) => d.name);
  const removed = [...a.entries()].filter(([k]) => !b.has(k)).map(([, d]) => d.name);
  const changed: { className: string; changes: string[] }[] = [];
  for (const [k, d] of b) {
    const before = a.get(k);
    if (!before) continue;
    const diffs = classifyChanges(before, d);
    if (diffs.length) changed.push({ className: d.name, changes: diffs.map((x) => x.description) });
  }
  return { added, removed, changed };
}
