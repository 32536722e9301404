// Benchmark of the update preview (issue 6): all three update modes analysed, nothing changed.
// Prints human lines, then as its last line one JSON object:
//   preview1000Ms               an edit of a base class with 1,000 descendants
//   previewCimManagedElementMs  the same for CIM_ManagedElement in the full CIM schema
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Repository, connectServer, type ClassDefinition } from '../src/index';
import { cls, prop, qual } from '../src/model/build';

const here = dirname(fileURLToPath(import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function hierarchy1000(): Promise<number> {
  const repo = new Repository();
  const svc = connectServer(repo, 'root\\cimv2').services!;
  await svc.putClass(cls('Base', null, { properties: [prop('Id', 'string', [qual('Key')])] }));
  // 1,000 descendants on 10 levels; every 10th redeclares a property the edit retypes.
  const parents = ['Base'];
  for (let i = 0; i < 1000; i++) {
    const parent = parents[Math.floor(i / 10) % parents.length] ?? 'Base';
    const name = `C${i}`;
    const properties = i % 10 === 0 ? [prop('Size', 'uint32')] : [prop(`P${i}`, 'string')];
    const r = await svc.putClass(cls(name, parent, { properties }));
    if (r.hr !== 0) throw new Error(`setup failed at ${name}: ${r.hr.toString(16)}`);
    parents.push(name);
  }
  const edit = cls('Base', null, { properties: [prop('Id', 'string', [qual('Key')]), prop('Size', 'string')] });
  const check = svc.analyzeClassUpdate(edit);
  console.log(
    `1,000 descendants: safe ${check.safe.hr.toString(16)} with ${check.safe.conflicts.length} conflicts; force rewrites ${check.force.rewrittenClasses.length}; suggested ${check.suggested}`,
  );
  return time(() => svc.analyzeClassUpdate(edit), 15);
}

async function cimManagedElement(): Promise<number> {
  const root = join(here, '../public/corpus/cim-schema');
  const source = {
    read: async (p: string) => (existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined),
    resolve: (from: string, inc: string) => join(dirname(from), inc),
  };
  const repo = new Repository();
  const svc = connectServer(repo, 'root\\cimv2').services!;
  const r = await svc.importMof({ entry: join(root, 'cim_schema_2.49.0.mof'), source }, { continueOnError: true });
  const me = svc.getObject('CIM_ManagedElement').object as { definition: ClassDefinition };
  const def = me.definition;
  // The edit: a new property on the root of the schema, and a changed Description.
  const edit: ClassDefinition = {
    ...def,
    properties: [...def.properties, prop('Owner', 'string')],
    qualifiers: def.qualifiers.map((q) => (q.name === 'Description' ? { ...q, value: 'Edited' } : q)),
  };
  const check = svc.analyzeClassUpdate(edit);
  const descendants = svc.createClassEnum('CIM_ManagedElement', 0).objects.length;
  console.log(
    `CIM schema: ${r.classes} classes, CIM_ManagedElement has ${descendants} descendants; safe ${check.safe.hr.toString(16)}, force rewrites ${check.force.rewrittenClasses.length}, suggested ${check.suggested}`,
  );
  return time(() => svc.analyzeClassUpdate(edit), 9);
}

const preview1000Ms = await hierarchy1000();
const previewCimManagedElementMs = await cimManagedElement();
const round = (x: number) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    preview1000Ms: round(preview1000Ms),
    previewCimManagedElementMs: round(previewCimManagedElementMs),
  }),
);
