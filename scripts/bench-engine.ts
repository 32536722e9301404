/**
 * Engine benchmark (`npm run bench:engine`: bundled by scripts/bench-node.sh, run with --expose-gc).
 *
 * Builds a 10-level hierarchy of a base class and 1,000 descendants through the public API, then
 * measures:
 * - leafPutP50Us / leafPutP95Us: PutClass of a fresh leaf under a random deep parent (µs, after warm-up);
 * - safeUpdate1000Ms: the base updated in safe mode, adding a property no descendant declares
 *   (median; alternating two definitions so that every run is a real update);
 * - forceUpdate1000Ms: the base updated in force mode with type conflicts in every 10th descendant
 *   (median; a fresh repository per run, only the put is timed);
 * - heapMB: heap used after loading the hierarchy (after a full GC).
 * The last line printed is one JSON object with those five numbers.
 */
import { performance } from 'node:perf_hooks';
import {
  cimType,
  connectServer,
  hrName,
  Repository,
  WBEM_FLAG,
  type CimScalarType,
  type ClassDefinition,
  type PropertyDecl,
  type Qualifier,
  type WbemServices,
} from '../src/index';

// Small builders over the public model types (the engine's own builders are not part of its API).
const qual = (name: string, value: boolean | string = true, flavor = 0): Qualifier => ({
  name,
  type: cimType(typeof value === 'boolean' ? 'boolean' : 'string'),
  value,
  flavor,
});
const prop = (name: string, type: CimScalarType | string, qualifiers: Qualifier[] = []): PropertyDecl => ({
  name,
  type: cimType(type as CimScalarType),
  qualifiers,
});
const cls = (
  name: string,
  superclass: string | null,
  members: { qualifiers?: Qualifier[]; properties?: PropertyDecl[] } = {},
): ClassDefinition => ({
  genus: 'class',
  name,
  superclass,
  qualifiers: members.qualifiers ?? [],
  properties: members.properties ?? [],
  methods: [],
});

const LEVELS = 10;
const DESCENDANTS = 1000;
const LEAF_WARMUP = 300;
const LEAF_SAMPLES = 3000;
const SAFE_RUNS = 9;
const FORCE_RUNS = 7;
const CONFLICT_EVERY = 10;

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = 'Bench_Base';
const baseProps: PropertyDecl[] = [
  prop('Id', 'string', [qual('Key')]),
  prop('Name', 'string', [qual('Description', 'a name')]),
  prop('Shared', 'uint32'),
];
const baseDef = (extra: PropertyDecl[] = [], shared = 'uint32'): ClassDefinition =>
  cls(BASE, null, {
    qualifiers: [qual('Description', 'benchmark base', 0x2)],
    properties: [...baseProps.slice(0, 2), prop('Shared', shared), ...extra],
  });

interface Tree {
  /** Class names per level; level 0 is the base. */
  readonly levels: string[][];
  /** Every descendant, in creation order. */
  readonly descendants: string[];
}

/** Level sizes for the descendants on levels 1..9: growing, summing to DESCENDANTS. */
function levelSizes(): number[] {
  const weights = Array.from({ length: LEVELS - 1 }, (_, i) => i + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / total) * DESCENDANTS)));
  sizes[sizes.length - 1]! += DESCENDANTS - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

async function mustPut(svc: WbemServices, def: ClassDefinition, flags = 0): Promise<void> {
  const r = await svc.putClass(def, flags);
  if (r.hr !== 0) throw new Error(`PutClass ${def.name}: ${hrName(r.hr)} ${r.errorObject?.Description ?? ''}`);
}

/** A fresh repository with root\bench holding the base and its 1,000 descendants. */
async function build(withConflicts: boolean): Promise<{ repo: Repository; svc: WbemServices; tree: Tree }> {
  const repo = new Repository();
  const root = connectServer(repo, 'root').services!;
  const ns = await root.putInstance({
    genus: 'instance',
    className: '__NAMESPACE',
    qualifiers: [],
    properties: [{ name: 'Name', value: 'bench' }],
  });
  if (ns.hr !== 0) throw new Error(`cannot create root\\bench: ${hrName(ns.hr)}`);
  const svc = connectServer(repo, 'root\\bench').services!;
  await mustPut(svc, baseDef());
  const levels: string[][] = [[BASE]];
  const descendants: string[] = [];
  let n = 0;
  for (const [i, size] of levelSizes().entries()) {
    const parents = levels[i]!;
    const level: string[] = [];
    for (let k = 0; k < size; k++) {
      const name = `Bench_L${i + 1}_${k}`;
      const properties = [prop(`Own${n}`, 'uint32'), prop('Label', 'string')];
      // Every 10th descendant overrides Shared with the same type: an override now, a conflict later.
      if (withConflicts && n % CONFLICT_EVERY === 0) properties.push(prop('Shared', 'uint32'));
      await mustPut(svc, cls(name, parents[k % parents.length]!, { properties }));
      level.push(name);
      descendants.push(name);
      n++;
    }
    levels.push(level);
  }
  return { repo, svc, tree: { levels, descendants } };
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapMB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  if (!gc) console.log('note: run with --expose-gc for a meaningful heapMB');
  const heapBefore = heapMB();
  const t0 = performance.now();
  const { svc, tree } = await build(false);
  const buildMs = performance.now() - t0;
  const heap = heapMB();
  const depth = tree.levels.length;
  console.log(
    `built ${tree.descendants.length + 1} classes on ${depth} levels in ${buildMs.toFixed(0)} ms ` +
      `(heap ${heap.toFixed(2)} MB, ${(heap - heapBefore).toFixed(2)} MB for the repository)`,
  );

  // Safe-mode update of the base: alternately add SafeA / SafeB (no descendant declares either).
  const safeMs: number[] = [];
  for (let i = 0; i <= SAFE_RUNS; i++) {
    const def = baseDef([prop(i % 2 ? 'SafeB' : 'SafeA', 'string')]);
    const start = performance.now();
    await mustPut(svc, def, WBEM_FLAG.UPDATE_SAFE_MODE);
    const ms = performance.now() - start;
    if (i > 0) safeMs.push(ms); // the first run warms up
  }
  console.log(
    `safe update of the base (${tree.descendants.length} descendants): median ${median(safeMs).toFixed(2)} ms`,
  );

  // Leaf puts under random deep parents (levels 7..9), fresh names every time.
  const random = rng(20240611);
  const deepParents = tree.levels.slice(depth - 3).flat();
  const leafUs: number[] = [];
  for (let i = 0; i < LEAF_WARMUP + LEAF_SAMPLES; i++) {
    const parent = deepParents[Math.floor(random() * deepParents.length)]!;
    const def = cls(`Bench_Leaf_${i}`, parent, { properties: [prop('LeafValue', 'uint32'), prop('Label', 'string')] });
    const start = performance.now();
    await mustPut(svc, def, WBEM_FLAG.CREATE_ONLY);
    const us = (performance.now() - start) * 1000;
    if (i >= LEAF_WARMUP) leafUs.push(us);
  }
  const p50 = percentile(leafUs, 50);
  const p95 = percentile(leafUs, 95);
  console.log(`leaf puts: ${LEAF_SAMPLES} samples, p50 ${p50.toFixed(1)} µs, p95 ${p95.toFixed(1)} µs`);

  // Force-mode update with conflicts in every 10th descendant: a fresh repository per run.
  const forceMs: number[] = [];
  for (let i = 0; i <= FORCE_RUNS; i++) {
    const { svc: s, tree: tr } = await build(true);
    const before = s.analyzeClassUpdate(baseDef([], 'string')).force.rewrittenClasses.length;
    const start = performance.now();
    await mustPut(s, baseDef([], 'string'), WBEM_FLAG.UPDATE_FORCE_MODE);
    const ms = performance.now() - start;
    if (i > 0) forceMs.push(ms);
    if (i === 0)
      console.log(
        `force update rewrites ${before} of ${tr.descendants.length} descendants (every ${CONFLICT_EVERY}th)`,
      );
  }
  console.log(
    `force update of the base: median ${median(forceMs).toFixed(2)} ms over ${FORCE_RUNS} fresh repositories`,
  );

  console.log(
    JSON.stringify({
      leafPutP50Us: round2(p50),
      leafPutP95Us: round2(p95),
      safeUpdate1000Ms: round2(median(safeMs)),
      forceUpdate1000Ms: round2(median(forceMs)),
      heapMB: round2(heap),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
