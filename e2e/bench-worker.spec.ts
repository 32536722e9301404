import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, loadCimFiles, NS, type Cw } from './worker-helpers';

/**
 * The worker benchmark (npm run bench:worker; runs only with BENCH=1). Writes
 * bench-results/worker.json; scripts/bench-worker.ts prints it as its last line.
 *
 * It measures engines of its own (`classwright.startEngine`, fresh IndexedDB databases), not the
 * page's engine: the designer UI reacts to that one's commits (refetches), which would be
 * measured too.
 */

const ROUND_TRIPS = 400;
const ECHOES = 5000;
const COLD_LOADS = 7;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number) => Math.round(x * 1000) / 1000;

test('worker benchmark', async ({ page }) => {
  test.setTimeout(300_000);
  collectErrors(page);
  await page.goto('/');
  await page.evaluate(() => (window as unknown as { classwright: Cw }).classwright.engine.ready);
  expect(await loadCimFiles(page)).toBe(1634);
  // Let the designer page settle (first render, layout) so its main thread is idle while measuring.
  await page.evaluate(
    () => new Promise<void>((resolve) => setTimeout(() => requestIdleCallback(() => resolve()), 1000)),
  );

  const raw = await page.evaluate(
    async ({ ROUND_TRIPS, ECHOES, COLD_LOADS, ns }) => {
      const w = window as unknown as { classwright: Cw; __cimFiles: Record<string, string> };
      const cw = w.classwright;
      type Client = ReturnType<Cw['startEngine']>;
      const conn = { namespace: ns };
      const run = Date.now();
      const leaf = (name: string, superclass: string | null = 'BenchBase') => ({
        genus: 'class' as const,
        name,
        superclass,
        qualifiers: [],
        properties: [],
        methods: [],
      });
      const start = async (options: { dbName: string; durability?: 'relaxed'; memory?: boolean }) => {
        const client = cw.startEngine(options);
        await client.ready;
        const made = await client.connect('root').putInstance({
          genus: 'instance',
          className: '__NAMESPACE',
          qualifiers: [],
          properties: [{ name: 'Name', value: ns.slice(ns.lastIndexOf('\\') + 1) }],
        });
        if (made.hr !== 0) throw new Error(`namespace: ${made.hr}`);
        return client;
      };
      // PutClassAsync of a new leaf class, from the call to its final status (after 50 warm-ups).
      const roundTrips = async (client: Client) => {
        const base = await client.api.putClass(conn, leaf('BenchBase', null));
        if (base.hr !== 0) throw new Error(`BenchBase: ${base.hr}`);
        const times: number[] = [];
        for (let i = 0; i < 50 + ROUND_TRIPS; i++) {
          const sink = client.sink();
          const t = performance.now();
          const hr = await client.api.putClassAsync(conn, leaf(`Leaf_${i}`), 0, null, sink.id);
          const final = await sink.done;
          const ms = performance.now() - t;
          if (hr !== 0 || final.hr !== 0) throw new Error(`put Leaf_${i}: ${hr} / ${final.hr}`);
          if (i >= 50) times.push(ms);
        }
        return times;
      };

      // 1. Default engine (IndexedDB, strict durability): echo floor, round trips, IDB time per put.
      const engine = await start({ dbName: `bench-${run}` });
      for (let i = 0; i < 200; i++) await engine.echo(i);
      const echo: number[] = [];
      for (let i = 0; i < ECHOES / 10; i++) {
        // Each sample is the mean of 10 echoes in a row: one echo is below the timer's resolution.
        const t = performance.now();
        for (let j = 0; j < 10; j++) await engine.echo(j);
        echo.push((performance.now() - t) / 10);
      }
      const s0 = await engine.api.stats();
      const roundTrip = await roundTrips(engine);
      const s1 = await engine.api.stats();
      const idbPerPut = (s1.commitMsTotal - s0.commitMsTotal) / (s1.commits - s0.commits);

      // 2. The same with relaxed durability, and with no persistence at all.
      const relaxedEngine = await start({ dbName: `bench-relaxed-${run}`, durability: 'relaxed' });
      const relaxed = await roundTrips(relaxedEngine);
      relaxedEngine.terminate();
      const memoryEngine = await start({ dbName: `bench-memory-${run}`, memory: true });
      const memory = await roundTrips(memoryEngine);
      memoryEngine.terminate();

      // 3. A persisted 1,631-class repository (the CIM schema, topped up with leaves), cold starts.
      const loadEngine = await start({ dbName: `bench-load-${run}` });
      const count = async () =>
        (await loadEngine.api.stats()).namespaces.find((n) => n.path.toLowerCase() === ns.toLowerCase())!.classes;
      const imported = await loadEngine.api.importMof(
        conn,
        { files: w.__cimFiles, entry: 'cim_schema_2.49.0.mof' },
        { continueOnError: true },
      );
      const have = await count();
      const extra = [];
      for (let i = 0; have + extra.length < 1631; i++) extra.push(leaf(`Extra_${i}`, 'CIM_ManagedElement'));
      if (extra.length) {
        const sink = loadEngine.sink();
        await loadEngine.api.putClassesAsync(conn, extra, 0, sink.id);
        await sink.done;
      }
      const classes = await count();
      const cold: number[] = [];
      const inWorker: number[] = [];
      for (let i = 0; i < COLD_LOADS; i++) {
        await loadEngine.restart();
        cold.push(loadEngine.readyAt - loadEngine.startedAt);
        inWorker.push(loadEngine.info!.loadMs);
      }
      const check = await loadEngine.api.checkConsistency();
      loadEngine.terminate();
      engine.terminate();
      return {
        echo,
        roundTrip,
        relaxed,
        memory,
        idbPerPut,
        cold,
        inWorker,
        classes,
        importClasses: imported.classes,
        consistent: check.ok,
        isolated: self.crossOriginIsolated,
      };
    },
    { ROUND_TRIPS, ECHOES, COLD_LOADS, ns: NS },
  );

  expect(raw.consistent).toBe(true);
  expect(raw.classes).toBe(1631);
  const echoP50 = pct(raw.echo, 50);
  const rtP50 = pct(raw.roundTrip, 50);
  const result = {
    roundTripP50Ms: round(rtP50),
    roundTripP95Ms: round(pct(raw.roundTrip, 95)),
    echoP50Ms: round(echoP50),
    ratioToEcho: round(rtP50 / echoP50),
    coldLoadMs: round(pct(raw.cold, 50)),
    idbWritePerPutMs: round(raw.idbPerPut),
    roundTripMeanMs: round(mean(raw.roundTrip)),
    roundTripP50RelaxedDurabilityMs: round(pct(raw.relaxed, 50)),
    roundTripP50NoPersistenceMs: round(pct(raw.memory, 50)),
    coldLoadInWorkerMs: round(pct(raw.inWorker, 50)),
    coldLoadMaxMs: round(Math.max(...raw.cold)),
    classes: raw.classes,
    cimSchemaClasses: raw.importClasses,
    roundTrips: raw.roundTrip.length,
    durability: 'strict',
    timerResolutionMs: raw.isolated ? 0.005 : 0.1,
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/worker.json', JSON.stringify(result));
  console.log(JSON.stringify(result));
});
