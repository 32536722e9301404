import { expect, test, type Page } from '@playwright/test';
import {
  classDef,
  collectErrors,
  expectConsistent,
  NS,
  openClean,
  ready,
  repositoryState,
  type Cw,
} from './worker-helpers';

/** Put classes one after another from a page (under `superclass`); returns the HRESULTs. */
function putAll(page: Page, names: string[], superclass: string | null = 'Root'): Promise<number[]> {
  return page.evaluate(
    async ({ defs, ns }) => {
      const cw = (window as unknown as { classwright: Cw }).classwright;
      const c = cw.connect(ns);
      const out: number[] = [];
      for (const def of defs) out.push((await c.putClass(def)).hr);
      return out;
    },
    { defs: names.map((n) => classDef(n, superclass)), ns: NS },
  );
}

/** Milliseconds until `page` lists every class in `names` (polling), or -1 after `timeoutMs`. */
function timeUntilVisible(page: Page, names: string[], timeoutMs = 3000): Promise<number> {
  return page.evaluate(
    async ({ names, timeoutMs, ns }) => {
      const cw = (window as unknown as { classwright: Cw }).classwright;
      const t0 = performance.now();
      while (performance.now() - t0 < timeoutMs) {
        const r = await cw.api.createClassEnum({ namespace: ns }, null, 0);
        const have = new Set(r.objects.map((o) => o.name));
        if (names.every((n) => have.has(n))) return performance.now() - t0;
        await new Promise((r) => setTimeout(r, 5));
      }
      return -1;
    },
    { names, timeoutMs, ns: NS },
  );
}

/** A second page on the same origin (same IndexedDB), once its engine is ready. */
async function secondTab(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.goto('/');
  await ready(page);
  return errors;
}

test('two tabs interleaving puts lose nothing and see each other within a second', async ({ context }) => {
  test.setTimeout(120_000);
  const a = await context.newPage();
  const errorsA = await openClean(a);
  const b = await context.newPage();
  const errorsB = await secondTab(b);

  expect(await putAll(a, ['Root'], null)).toEqual([0]);
  const rootSeen = await timeUntilVisible(b, ['Root']);
  expect(rootSeen).toBeGreaterThanOrEqual(0);
  expect(rootSeen).toBeLessThan(1000);

  // Both tabs write at the same time, 40 classes each, every put awaited.
  const namesA = Array.from({ length: 40 }, (_, i) => `TabA_${i}`);
  const namesB = Array.from({ length: 40 }, (_, i) => `TabB_${i}`);
  const [hrA, hrB] = await Promise.all([putAll(a, namesA), putAll(b, namesB)]);
  expect(hrA.every((hr) => hr === 0)).toBe(true);
  expect(hrB.every((hr) => hr === 0)).toBe(true);

  const all = ['Root', ...namesA, ...namesB];
  const seenByA = await timeUntilVisible(a, all);
  const seenByB = await timeUntilVisible(b, all);
  expect(seenByA).toBeGreaterThanOrEqual(0);
  expect(seenByB).toBeGreaterThanOrEqual(0);
  expect(seenByA).toBeLessThan(1000);
  expect(seenByB).toBeLessThan(1000);

  // One more from each side, timed until the other tab lists it.
  await putAll(b, ['LateB']);
  const lateB = await timeUntilVisible(a, ['LateB']);
  await putAll(a, ['LateA']);
  const lateA = await timeUntilVisible(b, ['LateA']);
  console.log(`visible in the other tab after ${lateB.toFixed(1)} ms and ${lateA.toFixed(1)} ms`);
  expect(lateA).toBeGreaterThanOrEqual(0);
  expect(lateB).toBeGreaterThanOrEqual(0);
  expect(lateA).toBeLessThan(1000);
  expect(lateB).toBeLessThan(1000);

  const expected = [...all, 'LateA', 'LateB'].sort();
  for (const page of [a, b]) {
    const live = await repositoryState(page);
    expect(live.names).toEqual(expected);
    expect(live.ops).toBe(expected.length);
  }
  const stats = await Promise.all(
    [a, b].map((p) => p.evaluate(() => (window as unknown as { classwright: Cw }).classwright.api.stats())),
  );
  console.log(
    `stale retries: ${stats.map((s) => s.staleRetries).join(', ')}; ` +
      `remote commits applied: ${stats.map((s) => s.remoteCommitsApplied).join(', ')}`,
  );

  // Nothing lost on disk either: both reload to the same full repository and history.
  for (const page of [a, b]) {
    await page.reload();
    await ready(page);
    const state = await repositoryState(page);
    expect(state.names).toEqual(expected);
    expect(state.ops).toBe(expected.length);
    expectConsistent(state);
  }
  expect([...errorsA, ...errorsB]).toEqual([]);
});

test('an undo in one tab reaches the other', async ({ context }) => {
  const a = await context.newPage();
  await openClean(a);
  const b = await context.newPage();
  await secondTab(b);
  expect(await putAll(a, ['Root'], null)).toEqual([0]);
  expect(await timeUntilVisible(b, ['Root'])).toBeGreaterThanOrEqual(0);
  const undone = await b.evaluate(async () => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    const r = await cw.api.undo();
    return { hr: r.hr, text: r.label?.text };
  });
  expect(undone).toEqual({ hr: 0, text: 'Undo PutClass Root' });
  const gone = await a.evaluate(async (ns) => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      if ((await cw.connect(ns).getObject('Root')).hr !== 0) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
    return -1;
  }, NS);
  expect(gone).toBeGreaterThanOrEqual(0);
  expect(gone).toBeLessThan(1000);
});
