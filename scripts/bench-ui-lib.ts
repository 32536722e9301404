import type { Page } from '@playwright/test';

/**
 * The designer's performance benchmark, shared by `npm run bench:ui` (scripts/bench-ui.ts) and
 * e2e/bench-ui.spec.ts. Frame times are requestAnimationFrame intervals recorded in the page
 * while Playwright drives real mouse input (pan = drag on the pane, zoom = wheel, drag = a node).
 */

export const CIM_URL = '/corpus/cim-schema/cim_schema_2.49.0.mof';
export const BENCH_NS = 'root\\cwbench';

type Cw = {
  engine: { ready: Promise<unknown> };
  api: {
    importMof(conn: { namespace: string }, input: unknown, options?: unknown): Promise<{ hr: number; classes: number }>;
    putInstance(conn: { namespace: string }, inst: unknown, flags?: number): Promise<{ hr: number }>;
    stats(): Promise<{ namespaces: { path: string; classes: number }[] }>;
  };
  clearStorage(): Promise<void>;
};

/** Persisted UI preferences: open the designer on this namespace. */
export async function preferNamespace(page: Page, ns: string) {
  await page.evaluate((namespace) => {
    const key = 'classwright.ui.v1';
    const cur = JSON.parse(localStorage.getItem(key) ?? '{"state":{},"version":0}') as {
      state: Record<string, unknown>;
      version: number;
    };
    cur.state = { ...cur.state, namespace, showProperties: true };
    localStorage.setItem(key, JSON.stringify(cur));
  }, ns);
}

/** A fresh repository holding the DMTF CIM schema in root\cimv2 and a 50-class sample in root\cwbench. */
export async function prepareRepository(page: Page): Promise<{ cim: number; small: number }> {
  await page.goto('/');
  await page.waitForFunction(() => 'classwright' in window);
  return page.evaluate(
    async ({ url, ns, small }) => {
      const cw = (window as unknown as { classwright: Cw }).classwright;
      await cw.engine.ready;
      localStorage.clear();
      await cw.clearStorage();
      const cim = await cw.api.importMof(
        { namespace: 'root\\cimv2' },
        { url: new URL(url, location.href).href },
        { continueOnError: true },
      );
      await cw.api.putInstance(
        { namespace: 'root' },
        {
          genus: 'instance',
          className: '__NAMESPACE',
          qualifiers: [],
          properties: [{ name: 'Name', value: ns.split('\\')[1] }],
        },
      );
      const s = await cw.api.importMof({ namespace: ns }, { text: small, fileName: 'sample.mof' });
      return { cim: cim.classes, small: s.classes };
    },
    { url: CIM_URL, ns: BENCH_NS, small: sampleMof(50) },
  );
}

/** 50 classes: a few roots, three levels, a handful of properties each. */
export function sampleMof(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const parent = i < 5 ? null : `Bench_C${Math.floor((i - 5) / 3)}`;
    const props = Array.from(
      { length: 2 + (i % 4) },
      (_, k) =>
        `  ${k === 0 && !parent ? '[Key] ' : ''}${['string', 'uint32', 'boolean', 'datetime'][k % 4]} P${i}_${k};`,
    ).join('\n');
    out.push(
      `${i % 2 === 0 && !parent ? '[Abstract]\n' : ''}class Bench_C${i}${parent ? ` : ${parent}` : ''}\n{\n${props}\n};`,
    );
  }
  return out.join('\n\n');
}

/** Reload on a namespace and time navigation start → the graph painted with its nodes. */
export async function measureInteractive(page: Page, ns: string): Promise<{ ms: number; nodes: number }> {
  await preferNamespace(page, ns);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.graphNodes !== undefined, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => {
    const m = performance.getEntriesByName('cw-graph-painted')[0] as PerformanceMark;
    return { ms: Math.round(m.startTime), nodes: Number(document.documentElement.dataset.graphNodes) };
  });
}

/** Expand every subtree and fit; resolves once the expanded graph is painted. */
export async function expandAll(page: Page, expected: number): Promise<number> {
  await page.getByRole('button', { name: 'Expand', exact: true }).click();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.graphNodes) >= n, expected, {
    timeout: 60_000,
  });
  await page.waitForTimeout(800);
  return page.evaluate(() => Number(document.documentElement.dataset.graphNodes));
}

// Written as a string: functions compiled by tsx carry `__name` helpers the page does not have.
const RECORDER = `(() => {
  const w = window;
  w.__frames = [];
  w.__rec = true;
  let last = performance.now();
  const tick = (t) => {
    w.__frames.push(t - last);
    last = t;
    if (w.__rec) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(tick);
  });
})()`;

async function startRecorder(page: Page) {
  await page.evaluate(RECORDER);
}

async function stopRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__rec = false;
    return w.__frames;
  });
}

/** A point of the graph pane with no node under it (a drag there pans). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let fy = 0.15; fy < 0.9; fy += 0.05)
      for (let fx = 0.1; fx < 0.9; fx += 0.04) {
        const x = pane.left + pane.width * fx;
        const y = pane.top + pane.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    return { x: pane.left + 20, y: pane.top + 20 };
  });
  return p;
}

async function pan(page: Page) {
  const p = await emptyPanePoint(page);
  for (let round = 0; round < 2; round++) {
    await page.mouse.move(p.x, p.y);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) await page.mouse.move(p.x + i * 6, p.y + i * 3);
    for (let i = 39; i >= 0; i--) await page.mouse.move(p.x + i * 6, p.y + i * 3);
    await page.mouse.up();
  }
}

async function zoom(page: Page) {
  const p = await emptyPanePoint(page);
  await page.mouse.move(p.x, p.y);
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, -60);
    await page.waitForTimeout(16);
  }
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, 60);
    await page.waitForTimeout(16);
  }
}

/** Drag the selected node (the one the palette jumped to) back and forth. */
async function drag(page: Page) {
  const box = await page.locator('.react-flow__node:has(.cw-selected)').boundingBox();
  if (!box) throw new Error('no selected node to drag');
  const x = box.x + Math.min(60, box.width / 2);
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 50; i++) await page.mouse.move(x + i * 4, y + i * 2);
  for (let i = 49; i >= 0; i--) await page.mouse.move(x + i * 4, y + i * 2);
  await page.mouse.up();
}

/** Jump to a class with the command palette: it is selected and centred at working zoom. */
async function jumpTo(page: Page, name: string) {
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Go to class or command' }).fill(name);
  await page.keyboard.press('Enter');
  await page.locator('.react-flow__node:has(.cw-selected)').waitFor();
  await page.waitForTimeout(500);
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/**
 * Frame intervals with real mouse input: pan and zoom with the whole graph fitted in the window,
 * then, zoomed in on one class (as people work), pan and drag that class.
 */
export async function measureFrames(
  page: Page,
  focusClass: string,
): Promise<{ p50: number; p95: number; frames: number; byAction: Record<string, { p50: number; p95: number }> }> {
  const all: number[] = [];
  const byAction: Record<string, { p50: number; p95: number }> = {};
  const run = async (name: string, act: (p: Page) => Promise<void>) => {
    await startRecorder(page);
    await act(page);
    const frames = (await stopRecorder(page)).slice(1);
    all.push(...frames);
    byAction[name] = { p50: round(percentile(frames, 50)), p95: round(percentile(frames, 95)) };
  };
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(400);
  await run('panFit', pan);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(400);
  await run('zoomFit', zoom);
  await jumpTo(page, focusClass);
  await run('panNear', pan);
  await jumpTo(page, focusClass);
  await run('dragNear', drag);
  return { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), frames: all.length, byAction };
}

const round = (x: number) => Math.round(x * 10) / 10;

export interface BenchResult {
  interactiveMs: number;
  fullP50Ms: number;
  fullP95Ms: number;
  smallP50Ms: number;
  smallP95Ms: number;
  ratioP95: number;
  fullNodes: number;
  smallNodes: number;
  detail: Record<string, unknown>;
}

/** The whole benchmark on a page of the built app. */
export async function runBench(page: Page, log: (s: string) => void = () => undefined): Promise<BenchResult> {
  const loaded = await prepareRepository(page);
  log(`repository: ${loaded.cim} CIM classes, ${loaded.small} sample classes`);
  // Interactive: best of three reloads (the first pays the worker's and the browser's cold start).
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await measureInteractive(page, 'root\\cimv2')).ms);
  log(`interactive runs: ${runs.join(', ')} ms`);
  const fullNodes = await expandAll(page, loaded.cim);
  log(`full graph: ${fullNodes} nodes`);
  const full = await measureFrames(page, 'CIM_LogicalDevice');
  log(`full frames: ${JSON.stringify(full)}`);
  await measureInteractive(page, BENCH_NS);
  const smallNodes = await expandAll(page, loaded.small);
  const small = await measureFrames(page, 'Bench_C5');
  log(`small frames (${smallNodes} nodes): ${JSON.stringify(small)}`);
  return {
    interactiveMs: Math.min(...runs),
    fullP50Ms: full.p50,
    fullP95Ms: full.p95,
    smallP50Ms: small.p50,
    smallP95Ms: small.p95,
    ratioP95: round(full.p95 / Math.max(0.1, small.p95)),
    fullNodes,
    smallNodes,
    detail: {
      interactiveRuns: runs,
      full: full.byAction,
      small: small.byAction,
      fullFrames: full.frames,
      smallFrames: small.frames,
    },
  };
}
