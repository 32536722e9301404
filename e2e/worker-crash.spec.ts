import { expect, test, type Page } from '@playwright/test';
import {
  classDef,
  expectConsistent,
  loadCimFiles,
  NS,
  openClean,
  ready,
  repositoryState,
  resetRepository,
  type Cw,
} from './worker-helpers';

/**
 * Crash safety: terminate the worker in the middle of one big operation, start a new one, and
 * the repository must be exactly as before the operation or exactly as after it, and consistent.
 */

type Point = { name: string; at: 'progress' | 'commitBegin' | 'commitEnd'; fraction?: number; delayMs?: number };

const POINTS: Point[] = [
  { name: 'parsing / first declarations (2%)', at: 'progress', fraction: 0.02 },
  { name: 'half the declarations applied', at: 'progress', fraction: 0.5 },
  { name: 'last declaration applied', at: 'progress', fraction: 1 },
  { name: 'as the IndexedDB commit starts', at: 'commitBegin' },
  { name: '5 ms into the commit', at: 'commitBegin', delayMs: 5 },
  { name: '40 ms into the commit', at: 'commitBegin', delayMs: 40 },
  { name: '150 ms into the commit', at: 'commitBegin', delayMs: 150 },
  { name: 'after the commit is durable', at: 'commitEnd' },
];

/**
 * Start the operation, terminate the worker at `point` and restart it (resolves once the new one
 * is ready); with no point, let it finish.
 */
async function crashDuring(page: Page, kind: 'mof' | 'puts', point: Point | null): Promise<void> {
  await page.evaluate(
    async ({ kind, point, ns }) => {
      const w = window as unknown as { classwright: Cw; __cimFiles: Record<string, string> };
      const cw = w.classwright;
      const engine = cw.engine;
      let fired = false;
      const kill = () => {
        if (fired) return;
        fired = true;
        engine.terminate('crash test');
      };
      let timer: Promise<void> | null = null;
      const killSoon = () => {
        if (!point?.delayMs) return kill();
        timer = new Promise((r) => setTimeout(() => r(kill()), point.delayMs));
      };
      const off = engine.onNotice((n) => {
        if (n.type === 'commit' && n.phase === 'begin' && point?.at === 'commitBegin') killSoon();
        if (n.type === 'commit' && n.phase === 'end' && point?.at === 'commitEnd') killSoon();
      });
      const sink = cw.sink({
        setStatus(flags, hr) {
          if (point?.at !== 'progress' || flags !== cw.WBEM_STATUS.PROGRESS) return;
          const done = hr & 0xffff;
          const total = hr >>> 16;
          if (total > 3 && done >= Math.ceil(total * point.fraction!)) kill();
        },
      });
      const conn = { namespace: ns };
      if (kind === 'mof') {
        await cw.api.importMofAsync(
          conn,
          { files: w.__cimFiles, entry: 'cim_schema_2.49.0.mof' },
          cw.WBEM_FLAG.SEND_STATUS,
          { continueOnError: true },
          sink.id,
        );
      } else {
        const defs = [];
        for (let i = 0; i < 1631; i++) {
          const superclass = i === 0 ? 'Seed' : `Big_${Math.floor((i - 1) / 3)}`;
          defs.push({
            genus: 'class' as const,
            name: `Big_${i}`,
            superclass,
            qualifiers: [],
            properties: [],
            methods: [],
          });
        }
        await cw.api.putClassesAsync(conn, defs, cw.WBEM_FLAG.SEND_STATUS, sink.id);
      }
      const final = await sink.done;
      off();
      if (!point) {
        if (final.hr >>> 0 !== 0 && !final.errorObject) throw new Error(`the operation failed: ${final.hr}`);
        return;
      }
      if (timer) await timer; // the operation may finish before a delayed kill: then it is "after"
      if (!fired) throw new Error(`the crash point "${point.name}" was never reached`);
      await engine.restart();
    },
    { kind, point, ns: NS },
  );
}

async function seed(page: Page): Promise<void> {
  const hr = await page.evaluate(
    async ({ def, ns }) => {
      const cw = (window as unknown as { classwright: Cw }).classwright;
      return (await cw.connect(ns).putClass(def)).hr;
    },
    { def: classDef('Seed', null), ns: NS },
  );
  expect(hr).toBe(0);
}

for (const kind of ['mof', 'puts'] as const) {
  const what = kind === 'mof' ? 'CIM schema import' : '1,631-put operation';
  test(`a terminated worker never leaves a half-applied ${what}`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = await openClean(page);
    if (kind === 'mof') expect(await loadCimFiles(page)).toBe(1634);

    // The "after" state, from an uninterrupted run.
    await seed(page);
    await crashDuring(page, kind, null);
    const after = await repositoryState(page);
    expectConsistent(after);
    expect(after.names.length).toBeGreaterThan(1600);
    const before = ['Seed'];

    const outcomes: string[] = [];
    for (const point of POINTS) {
      await resetRepository(page);
      await seed(page);
      await crashDuring(page, kind, point);
      const state = await repositoryState(page);
      expectConsistent(state);
      const whole =
        JSON.stringify(state.names) === JSON.stringify(before)
          ? 'before'
          : JSON.stringify(state.names) === JSON.stringify(after.names)
            ? 'after'
            : `HALF (${state.names.length} classes)`;
      outcomes.push(`${point.name}: ${whole}`);
      expect(whole, point.name).toMatch(/^(before|after)$/);
      if (point.at === 'progress') expect(whole, point.name).toBe('before');
      if (point.at === 'commitEnd') expect(whole, point.name).toBe('after');
      expect(state.ops).toBe(whole === 'before' ? 1 : 2);
    }
    test.info().annotations.push({ type: 'outcomes', description: outcomes.join('; ') });
    console.log(`${kind}: ${outcomes.join('; ')}`);
    expect(errors.filter((e) => !/terminated|crash test|restarted/.test(e))).toEqual([]);
  });
}

test('a page reload during the CIM schema import leaves it wholly before or after', async ({ page }) => {
  test.setTimeout(120_000);
  await openClean(page);
  expect(await loadCimFiles(page)).toBe(1634);
  await seed(page);
  // Reload as soon as the worker starts writing the import.
  await page.evaluate((ns) => {
    const w = window as unknown as { classwright: Cw; __cimFiles: Record<string, string>; __committing: boolean };
    w.classwright.engine.onNotice((n) => {
      if (n.type === 'commit' && n.phase === 'begin') w.__committing = true;
    });
    const sink = w.classwright.sink();
    void w.classwright.api.importMofAsync(
      { namespace: ns },
      { files: w.__cimFiles, entry: 'cim_schema_2.49.0.mof' },
      0,
      { continueOnError: true },
      sink.id,
    );
  }, NS);
  await page.waitForFunction(() => (window as unknown as { __committing?: boolean }).__committing === true, null, {
    timeout: 60_000,
  });
  await page.reload();
  await ready(page);
  const state = await repositoryState(page);
  expectConsistent(state);
  const whole = state.names.length === 1 ? 'before' : state.names.length > 1600 ? 'after' : 'HALF';
  console.log(`reload during the commit: ${whole} (${state.names.length} classes)`);
  expect(whole).toMatch(/^(before|after)$/);
  expect(state.names).toContain('Seed');
});
