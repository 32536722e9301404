import { hrName } from '../errors/wbem';
import type { CimObjectDefinition } from '../model';
import type { TestRepo } from './testRepo';

/**
 * Put each object (classes with PutClass, instances with PutInstance) with flags 0, failing loudly
 * when one is refused: table rows use this for their setup.
 */
export async function setupAll(t: TestRepo, objects: readonly CimObjectDefinition[]): Promise<void> {
  for (const o of objects) {
    const r = o.genus === 'class' ? await t.svc.putClass(o) : await t.svc.putInstance(o);
    if (r.hr !== 0) {
      const what = o.genus === 'class' ? o.name : o.className;
      throw new Error(`setup: ${what} refused with ${hrName(r.hr)}: ${r.errorObject?.Description ?? ''}`);
    }
  }
  t.clearEvents();
}

/** What one call did: its result, the events it raised, and whether the repository changed. */
export interface Observed<R> {
  readonly result: R;
  readonly events: string[];
  readonly changed: boolean;
  readonly before: string;
  readonly after: string;
}

/** Run one call with events cleared before it, and snapshots of every namespace around it. */
export async function observe<R>(t: TestRepo, call: () => Promise<R> | R): Promise<Observed<R>> {
  t.clearEvents();
  const before = t.snapshotAll();
  const result = await call();
  const after = t.snapshotAll();
  return { result, events: t.eventNames(), changed: before !== after, before, after };
}
