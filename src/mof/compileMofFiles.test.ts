import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WBEMSTATUS } from '../errors/wbem';
import { FakeMofTarget } from '../testing/fakeMofTarget';
import { compileMof, type MofCompileOptions, type MofCompileResult } from './compileMof';
import { compileMofFiles } from './compileMofFiles';
import type { MofDiagnostic } from './diagnostics';
import { parseMofFiles, type MofFileSource } from './parseMofFiles';

/** Files by absolute path; includes resolve against the including file's folder. */
function memory(files: Record<string, string>): MofFileSource {
  return {
    read: (path) => Promise.resolve(files[path]),
    resolve: (from, include) => `${from.slice(0, from.lastIndexOf('/'))}/${include}`,
  };
}

interface Outcome {
  readonly diagnostics: string[];
  readonly compiled: MofCompileResult | null;
  readonly log: string[];
  readonly progress: Array<[number, number]>;
}

const describeDiagnostics = (ds: readonly MofDiagnostic[]) =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);

/** A target that refuses class `Refused` (WBEM_E_INVALID_SUPERCLASS). */
function refusing(): FakeMofTarget {
  const t = new FakeMofTarget();
  t.refuse.add('Refused');
  return t;
}

/** Parse everything, then compile (the reference: decisions §12 as written). */
async function twoPhase(files: Record<string, string>, options: Partial<MofCompileOptions>): Promise<Outcome> {
  const parsed = await parseMofFiles('/m.mof', memory(files));
  const target = refusing();
  const progress: Array<[number, number]> = [];
  if (parsed.diagnostics.length > 0)
    return { diagnostics: describeDiagnostics(parsed.diagnostics), compiled: null, log: [], progress };
  const compiled = await compileMof(parsed.documents, target, {
    defaultNamespace: 'root',
    ...options,
    onProgress: (d, t) => progress.push([d, t]),
  });
  return { diagnostics: [], compiled, log: target.log, progress };
}

/** Compile each file as it is parsed; what reached the target counts only without diagnostics. */
async function streamed(files: Record<string, string>, options: Partial<MofCompileOptions>): Promise<Outcome> {
  const target = refusing();
  const progress: Array<[number, number]> = [];
  const r = await compileMofFiles('/m.mof', memory(files), target, {
    defaultNamespace: 'root',
    ...options,
    onProgress: (d, t) => progress.push([d, t]),
  });
  if (r.diagnostics.length > 0) {
    expect(r.compiled).toMatchObject({ classes: 0, instances: 0, failures: [] });
    return { diagnostics: describeDiagnostics(r.diagnostics), compiled: null, log: [], progress };
  }
  return { diagnostics: [], compiled: r.compiled, log: target.log, progress };
}

async function expectSame(files: Record<string, string>, options: Partial<MofCompileOptions> = {}): Promise<Outcome> {
  const a = await twoPhase(files, options);
  const b = await streamed(files, options);
  expect(b.diagnostics).toEqual(a.diagnostics);
  expect(b.compiled).toEqual(a.compiled);
  expect(b.log).toEqual(a.log);
  if (a.compiled !== null) {
    // Progress: one step per definition, ending where the reference ends (the total may grow).
    expect(b.progress.map(([d]) => d)).toEqual(a.progress.map(([d]) => d));
    expect(b.progress.at(-1)).toEqual(a.progress.at(-1));
    for (const [d, t] of b.progress) expect(d).toBeLessThanOrEqual(t);
  }
  return b;
}

describe('compileMofFiles: the same outcome as parsing everything first', () => {
  it('compiles includes where they stand, a file included twice twice, pragmas carried on', async () => {
    const b = await expectSame({
      '/m.mof':
        '#pragma namespace("root\\\\cimv2")\nclass First { };\n#include("a.mof")\nclass Last { };\n#include("q.mof")',
      '/a.mof':
        'Qualifier K : boolean = false, Scope(property);\n#include("q.mof")\n#pragma classflags("forceupdate")\nclass A { };',
      '/q.mof': 'class Q { };',
    });
    // The reference's log is asserted in compileMof.test.ts; here: q.mof compiled at both includes.
    expect(b.log.filter((l) => l.startsWith('class root\\cimv2 Q '))).toHaveLength(2);
  });

  it('reports a syntax error in the last file, after earlier files were applied, and nothing counts', async () => {
    const b = await expectSame({
      '/m.mof': 'class A { };\n#include("b.mof")\n#include("c.mof")',
      '/b.mof': 'class B { };',
      '/c.mof': 'class C { string x };\nclass D : { };',
    });
    expect(b.diagnostics).toHaveLength(2);
    expect(b.diagnostics[0]).toMatch(/^\/c\.mof:1:/);
  });

  it.each([
    ['a missing include', { '/m.mof': 'class A { };\n#include("nope.mof")\nclass B { };' }],
    ['an include cycle', { '/m.mof': '#include("a.mof")', '/a.mof': 'class A { };\n#include("m.mof")' }],
    [
      'an undefined alias',
      { '/m.mof': 'class P { [key] string Name; ref R; };\ninstance of P { Name = "x"; R = $Nope; };' },
    ],
    [
      'a duplicate alias across files',
      {
        '/m.mof': 'class P { [key] string Name; };\ninstance of P as $X { Name = "a"; };\n#include("b.mof")',
        '/b.mof': 'instance of P as $X { Name = "b"; };',
      },
    ],
    [
      'circular aliases',
      {
        '/m.mof':
          'class P { [key] string Name; ref R; };\ninstance of P as $A { Name = "a"; R = $B; };\ninstance of P as $B { Name = "b"; R = $A; };',
      },
    ],
  ])('%s: the same diagnostics, nothing applied', async (_name, files) => {
    const b = await expectSame(files);
    expect(b.diagnostics.length).toBeGreaterThan(0);
  });

  it('forward alias references across files wait for the instance in a later file', async () => {
    const b = await expectSame({
      '/m.mof': 'class P { [key] string Name; string R; };\n#include("a.mof")\n#include("b.mof")',
      '/a.mof': 'instance of P { Name = "user"; R = $Later; };',
      '/b.mof': 'instance of P as $Later { Name = "target"; };',
    });
    expect(b.log).toEqual([
      'class root P 0x0',
      'instance root P.Name="target" 0x0',
      'instance root P.Name="user" 0x0 R="P.Name=\\"target\\""',
    ]);
  });

  it('a class default naming an alias defined further on fails the same way', async () => {
    const b = await expectSame(
      {
        '/m.mof': 'class P { [key] string Name; };\nclass Q { P ref D = $Later; };\n#include("b.mof")',
        '/b.mof': 'instance of P as $Later { Name = "t"; };',
      },
      { continueOnError: true },
    );
    expect(b.compiled?.failures.map((f) => f.hr)).toEqual([WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS]);
  });

  it.each([false, true])('semantic failures: stop at the first, or go on (continueOnError %s)', async (go) => {
    const files = {
      '/m.mof': 'class A { };\n#include("b.mof")\nclass C : Missing { };\nclass D { };',
      '/b.mof': 'class B : Nope { };\nclass E { };',
    };
    const a = await twoPhase(files, { continueOnError: go });
    const b = await streamed(files, { continueOnError: go });
    expect(b).toEqual({ ...a, progress: b.progress });
    expect(b.progress.at(-1)).toEqual(a.progress.at(-1));
  });

  it('a cancelled compilation stops reading and parsing files', async () => {
    const files: Record<string, string> = {
      '/m.mof': Array.from({ length: 50 }, (_, i) => `#include("f${i}.mof")`).join('\n'),
    };
    for (let i = 0; i < 50; i++) files[`/f${i}.mof`] = `class F${i} { };`;
    let cancelled = false;
    const r = await compileMofFiles('/m.mof', memory(files), refusing(), {
      defaultNamespace: 'root',
      onProgress: (done) => (cancelled ||= done >= 20),
      isCancelled: () => cancelled,
    });
    expect(r.files).toBeGreaterThan(5);
    expect(r.files).toBeLessThan(15);
    const all = await compileMofFiles('/m.mof', memory(files), refusing(), { defaultNamespace: 'root' });
    expect(all.files).toBe(51);
  });

  it('any include graph and mix of declarations: same diagnostics, same calls, same result', async () => {
    const good = fc.constantFrom(
      'class A { };',
      'class B : A { };',
      'class Refused { };',
      'class P { [key] string Name; string R; };',
      'instance of P as $X { Name = "x"; };',
      'instance of P { Name = "y"; R = $X; };',
      'instance of P as $Y { Name = "z"; R = $X; };',
      '#pragma classflags("createonly")',
      '#pragma namespace("root\\\\cimv2")',
      'Qualifier Q : boolean = false, Scope(class);',
      '[Q] class D { };',
    );
    // Syntax errors now and then: most imports must get as far as the compiler.
    const decl = fc.oneof(
      { arbitrary: good, weight: 30 },
      { arbitrary: fc.constant('class Broken { string ;'), weight: 1 },
    );
    const seen = { compiled: 0, failed: 0, syntax: 0 };
    const fileNames = ['/m.mof', '/a.mof', '/b.mof', '/c.mof'];
    // Each file may include the ones after it (a cycle is a syntax problem: rare, not the norm).
    const file = (i: number) =>
      fc.array(
        i === fileNames.length - 1
          ? decl
          : fc.oneof(
              decl,
              fc.constantFrom(...fileNames.slice(i + 1)).map((f) => `#include("${f.slice(1)}")`),
            ),
        { maxLength: 6 },
      );
    await fc.assert(
      fc.asyncProperty(fc.tuple(file(0), file(1), file(2), file(3)), fc.boolean(), async (bodies, go) => {
        const files = Object.fromEntries(fileNames.map((f, i) => [f, bodies[i]!.join('\n')]));
        const a = await twoPhase(files, { continueOnError: go });
        const b = await streamed(files, { continueOnError: go });
        expect(b.diagnostics).toEqual(a.diagnostics);
        expect(b.compiled).toEqual(a.compiled);
        expect(b.log).toEqual(a.log);
        if (a.compiled === null) seen.syntax++;
        else if (a.compiled.failures.length > 0) seen.failed++;
        else seen.compiled++;
      }),
      { numRuns: 300 },
    );
    // Every kind of outcome was compared, not just syntax failures.
    expect(Math.min(seen.compiled, seen.failed, seen.syntax)).toBeGreaterThan(20);
  });
});
