import { describe, expect, it } from 'vitest';
import { WBEMSTATUS, WBEM_FLAG } from '../errors/wbem';
import type { MofDocument } from './ast';
import { FakeMofTarget as FakeTarget, OK } from '../testing/fakeMofTarget';
import { compileMof, type MofCompileOptions, type MofCompileResult } from './compileMof';
import { parseMof } from './parseMof';
import { parseMofFiles } from './parseMofFiles';

function doc(text: string, file = 'c.mof'): MofDocument {
  const { document, diagnostics } = parseMof(text, file);
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  return document;
}

async function compile(
  text: string,
  options: Partial<MofCompileOptions> = {},
  target = new FakeTarget(),
): Promise<{ result: MofCompileResult; target: FakeTarget }> {
  const result = await compileMof([doc(text)], target, { defaultNamespace: 'root\\default', ...options });
  return { result, target };
}

describe('compileMof: namespaces', () => {
  it('joins, roots and checks #pragma namespace paths', async () => {
    const { result, target } = await compile(`
#pragma namespace("\\\\\\\\.\\\\root")
instance of __Namespace { Name = "x"; };
class InRoot { };
#pragma namespace("x")
class InX { };
#pragma namespace("\\\\root\\\\cimv2")
class InCimv2 { };
#pragma namespace("//./root/x")
class InX2 { };
#pragma namespace("root\\\\default")
class InDefault { };
`);
    expect(result.failures).toEqual([]);
    expect(target.log).toEqual([
      'instance root __Namespace.Name="x" 0x0',
      'class root InRoot 0x0',
      'class root\\x InX 0x0',
      'class root\\cimv2 InCimv2 0x0',
      'class root\\x InX2 0x0',
      'class root\\default InDefault 0x0',
    ]);
  });

  it('starts in the default namespace', async () => {
    const { target } = await compile('class A { };', { defaultNamespace: 'root\\cimv2' });
    expect(target.log).toEqual(['class root\\cimv2 A 0x0']);
  });

  it('refuses another server and a namespace that does not exist', async () => {
    const a = await compile('#pragma namespace("\\\\\\\\.\\\\root\\\\nope")\nclass A { };');
    expect(a.result.failures.map((f) => [f.hr, f.name, f.loc.line])).toEqual([
      [WBEMSTATUS.WBEM_E_INVALID_NAMESPACE, '#pragma namespace', 1],
    ]);
    expect(a.target.log).toEqual([]);

    const text = '#pragma namespace("\\\\\\\\server\\\\root")\nclass A { };';
    const parsed = parseMof(text, 'c.mof');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['WBEMMOF_E_INVALID_NAMESPACE_SPECIFICATION']);
    const b = await compileMof([parsed.document], new FakeTarget(), { defaultNamespace: 'root' });
    expect(b.hr).toBe(WBEMSTATUS.WBEMMOF_E_INVALID_NAMESPACE_SPECIFICATION);
  });
});

describe('compileMof: flags', () => {
  it('passes the classflags in force to PutClass', async () => {
    const { target } = await compile(`
class A { };
#pragma classflags("createonly")
class B { };
#pragma classflags("updateonly", "forceupdate")
class A { };
#pragma classflags("safeupdate")
class A { };
#pragma classflags(64)
class A { };
#pragma classflags("")
class C { };
`);
    expect(target.log).toEqual([
      'class root\\default A 0x0',
      'class root\\default B 0x2',
      'class root\\default A 0x41',
      'class root\\default A 0x20',
      'class root\\default A 0x40',
      'class root\\default C 0x0',
    ]);
  });

  it('starts from the classFlags and instanceFlags options', async () => {
    const { target } = await compile(
      'class A { };\ninstance of A { };\n#pragma classflags("safeupdate")\nclass B { };',
      {
        classFlags: WBEM_FLAG.UPDATE_FORCE_MODE,
        instanceFlags: WBEM_FLAG.CREATE_ONLY,
      },
    );
    expect(target.log).toEqual([
      'class root\\default A 0x40',
      'instance root\\default A=@ 0x2',
      'class root\\default B 0x20',
    ]);
  });

  it('passes the instanceflags in force to PutInstance', async () => {
    const { target } = await compile(
      '#pragma instanceflags("updateonly")\ninstance of A { };\n#pragma instanceflags(2)\ninstance of B { };',
    );
    expect(target.log).toEqual(['instance root\\default A=@ 0x1', 'instance root\\default B=@ 0x2']);
  });

  it('surfaces the target’s refusal of a flag (createonly on an existing class)', async () => {
    const { result } = await compile('class A { };\n#pragma classflags("createonly")\nclass A { };');
    expect(result.hr).toBe(WBEMSTATUS.WBEM_E_ALREADY_EXISTS);
    expect(result.failures[0]).toMatchObject({ name: 'A', loc: { file: 'c.mof', line: 3, column: 1 } });
    expect(result.failures[0]!.message).toBe('A failed: WBEM_E_ALREADY_EXISTS — A refused');
    expect(result.failures[0]!.errorObject?.StatusCode).toBe(WBEMSTATUS.WBEM_E_ALREADY_EXISTS);
  });

  it('adds USE_AMENDED_QUALIFIERS after #pragma amendment and records the informational pragmas', async () => {
    const { result, target } = await compile(`#pragma autorecover
#pragma locale("en_US")
class A { };
#pragma amendment("MS_409")
class B { };
#pragma instancelocale("ms_409")
#pragma classflags("forceupdate")
class C { };`);
    expect(target.log).toEqual([
      'class root\\default A 0x0',
      'class root\\default B 0x20000',
      'class root\\default C 0x20040',
    ]);
    expect(result.pragmas).toEqual([
      'autorecover',
      'locale("en_US")',
      'amendment("MS_409")',
      'instancelocale("ms_409")',
    ]);
  });
});

describe('compileMof: deleteclass and deleteinstance', () => {
  it.each([
    ['FAIL, present', 'class Old { };\n#pragma deleteclass("Old", FAIL)', 0],
    ['NOFAIL, present', 'class Old { };\n#pragma deleteclass("Old", NOFAIL)', 0],
    ['FAIL, absent', '#pragma deleteclass("Old", FAIL)', WBEMSTATUS.WBEM_E_NOT_FOUND],
    ['NOFAIL, absent', '#pragma deleteclass("Old", NOFAIL)', 0],
    ['instance FAIL, absent', '#pragma deleteinstance("A.Name=\\"x\\"", FAIL)', WBEMSTATUS.WBEM_E_NOT_FOUND],
    ['instance NOFAIL, absent', '#pragma deleteinstance("A.Name=\\"x\\"", NOFAIL)', 0],
    ['instance FAIL, present', 'instance of A { Name = "x"; };\n#pragma deleteinstance("A.Name=\\"x\\"", FAIL)', 0],
  ])('%s', async (_name, text, hr) => {
    const { result, target } = await compile(text);
    expect(result.hr).toBe(hr);
    expect(target.log.some((l) => l.startsWith('delete'))).toBe(true);
    if (hr !== 0) expect(result.failures[0]!.name).toMatch(/^#pragma delete(class|instance)\(/);
  });

  it('deletes in the namespace in force', async () => {
    const { target } = await compile('#pragma namespace("root\\\\cimv2")\n#pragma deleteclass("Old", NOFAIL)');
    expect(target.log).toEqual(['deleteclass root\\cimv2 Old']);
  });
});

describe('compileMof: qualifier declarations', () => {
  it('puts declarations and uses them for later flavors and types', async () => {
    const { result, target } = await compile(`
Qualifier Description : string = null, Scope(any), Flavor(ToSubclass, Translatable);
qualifier vendor : ToInstance;
[Description("d"), vendor("v"), Other] class A { };`);
    expect(result).toMatchObject({ hr: 0, qualifiers: 2, classes: 1 });
    expect(target.log.slice(0, 2)).toEqual([
      'qualifier root\\default Description 0x82',
      'qualifier root\\default vendor 0x1',
    ]);
    expect(target.classes.get('root\\default:a')!.qualifiers.map((q) => [q.name, q.flavor])).toEqual([
      ['Description', 0x82],
      ['vendor', 0x1],
      ['Other', 0],
    ]);
  });
});

describe('compileMof: aliases', () => {
  it('resolves an alias to the object path the target returned', async () => {
    const { result, target } = await compile(`
instance of __Win32Provider as $P { Name = "Prov"; };
instance of __InstanceProviderRegistration { Provider = $P; Names = {$P}; };`);
    expect(result).toMatchObject({ hr: 0, instances: 2 });
    expect(target.log).toEqual([
      'instance root\\default __Win32Provider.Name="Prov" 0x0',
      'instance root\\default __InstanceProviderRegistration=@ 0x0 Provider="__Win32Provider.Name=\\"Prov\\"" Names=["__Win32Provider.Name=\\"Prov\\""]',
    ]);
  });

  it('defers an instance that refers forward until its alias exists, with the pragmas of its place', async () => {
    const { result, target } = await compile(`
#pragma instanceflags("createonly")
instance of Reg { Provider = $P; Emb = instance of E { R = $Q; }; };
#pragma instanceflags("")
instance of Other { };
instance of Prov as $P { Name = "p"; R = $Q; };
instance of Q as $Q { Name = "q"; };`);
    expect(result.failures).toEqual([]);
    expect(result.instances).toBe(4);
    expect(target.log).toEqual([
      'instance root\\default Other=@ 0x0',
      'instance root\\default Q.Name="q" 0x0',
      'instance root\\default Prov.Name="p" 0x0 R="Q.Name=\\"q\\""',
      'instance root\\default Reg=@ 0x2 Provider="Prov.Name=\\"p\\"" Emb={"kind":"instance","className":"E","properties":[{"name":"R","value":"Q.Name=\\"q\\""}]}',
    ]);
  });

  it('resolves a class alias to the class name', async () => {
    const { target } = await compile('instance of X { C = $C; };\nclass MyClass as $C { };');
    expect(target.log).toEqual(['class root\\default MyClass 0x0', 'instance root\\default X=@ 0x0 C="MyClass"']);
  });

  it('refuses a class default that refers forward to an alias', async () => {
    const { result } = await compile('class A { X ref r = $I; };\ninstance of X as $I { Name = "i"; };');
    expect(result.failures.map((f) => [f.hr, f.name, f.loc.line])).toEqual([
      [WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS, 'A', 1],
    ]);
    expect(result.failures[0]!.message).toContain('before its instance is compiled');
  });

  it('resolves a class default that refers back to an alias', async () => {
    const { target } = await compile('instance of X as $I { Name = "i"; };\nclass A { X ref r = $I; };');
    expect(target.classes.get('root\\default:a')!.properties[0]!.defaultValue).toBe('X.Name="i"');
  });

  it('reports circular aliases and puts none of them', async () => {
    const text = 'instance of A as $A { R = $B; };\ninstance of B as $B { R = $A; };\ninstance of C { };';
    expect(parseMof(text).diagnostics.map((d) => d.code)).toEqual(['WBEMMOF_E_UNEXPECTED_ALIAS']);
    const target = new FakeTarget();
    const result = await compileMof([parseMof(text, 'c.mof').document], target, {
      defaultNamespace: 'root',
      continueOnError: true,
    });
    expect(target.log).toEqual(['instance root C=@ 0x0']);
    expect(result.failures.map((f) => [f.hr, f.name])).toEqual([
      [WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS, 'instance of A as $A'],
      [WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS, 'instance of B as $B'],
    ]);
    expect(result.failures[0]!.message).toContain('Circular alias references: $A → $B → $A');
  });

  it('reports instances waiting for an alias whose instance failed', async () => {
    const target = new FakeTarget();
    target.refuse.add('Bad');
    const { result } = await compile(
      'instance of User { R = $X; };\ninstance of Bad as $X { };',
      { continueOnError: true },
      target,
    );
    expect(result.failures.map((f) => [f.hr, f.name])).toEqual([
      [WBEMSTATUS.WBEM_E_INVALID_CLASS, 'instance of Bad as $X'],
      [WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS, 'instance of User'],
    ]);
    expect(result.failures[1]!.message).toContain('$X was never created');
  });

  it('refuses an undefined alias', async () => {
    const text = 'instance of User { R = $Nope; };';
    const result = await compileMof([parseMof(text, 'c.mof').document], new FakeTarget(), { defaultNamespace: 'root' });
    expect(result.failures.map((f) => [f.hr, f.loc.column])).toEqual([[WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS, 24]]);
  });

  it('needs a path from the target for an aliased instance', async () => {
    const target = new FakeTarget();
    target.putInstance = () => Promise.resolve(OK);
    const { result } = await compile('instance of P as $P { };\ninstance of U { R = $P; };', {}, target);
    expect(result.failures[0]).toMatchObject({
      hr: WBEMSTATUS.WBEM_E_INVALID_OBJECT_PATH,
      name: 'instance of P as $P',
    });
  });
});

describe('compileMof: failures', () => {
  const text = 'class A { };\nclass Bad1 { };\nclass B { };\nclass Bad2 { };\nclass C { };';

  it('stops at the first failure', async () => {
    const target = new FakeTarget();
    target.refuse = new Set(['Bad1', 'Bad2']);
    const { result } = await compile(text, {}, target);
    expect(result).toMatchObject({ hr: WBEMSTATUS.WBEM_E_INVALID_SUPERCLASS, classes: 1 });
    expect(result.failures.map((f) => [f.name, f.loc])).toEqual([['Bad1', { file: 'c.mof', line: 2, column: 1 }]]);
    expect(target.log).toHaveLength(2);
  });

  it('goes on and reports every failure with continueOnError', async () => {
    const target = new FakeTarget();
    target.refuse = new Set(['Bad1', 'Bad2']);
    const { result } = await compile(text, { continueOnError: true }, target);
    expect(result).toMatchObject({ hr: WBEMSTATUS.WBEM_E_INVALID_SUPERCLASS, classes: 3 });
    expect(result.failures.map((f) => f.name)).toEqual(['Bad1', 'Bad2']);
  });

  it('turns a value that does not convert into a failure at the value', async () => {
    // Parsed without the checks parseMof runs (as a caller that ignored diagnostics would).
    const { parseMofDocument } = await import('./parser');
    const { document } = parseMofDocument('class A {\n  uint8 x = 999;\n};', 'v.mof');
    const result = await compileMof([document], new FakeTarget(), { defaultNamespace: 'root' });
    expect(result.failures.map((f) => [f.hr, f.name, f.loc.line, f.loc.column])).toEqual([
      [WBEMSTATUS.WBEMMOF_E_OUT_OF_RANGE, 'A', 2, 13],
    ]);
  });

  it('turns a throwing target into a failure', async () => {
    const target = new FakeTarget();
    target.throwOn.add('A');
    const { result } = await compile('class A { };', {}, target);
    expect(result.failures).toMatchObject([{ hr: WBEMSTATUS.WBEM_E_FAILED, name: 'A' }]);
    expect(result.failures[0]!.message).toContain('boom');
  });

  it('refuses include pragmas that were not followed', async () => {
    const { result } = await compile('#pragma include("other.mof")\nclass A { };');
    expect(result.failures.map((f) => f.hr)).toEqual([WBEMSTATUS.WBEMMOF_E_INVALID_INCLUDE_FILE]);
  });

  it('passes source locations to the target', async () => {
    const { target } = await compile('\n\n   class A { };');
    expect(target.locs).toEqual([{ file: 'c.mof', line: 3, column: 4 }]);
  });
});

describe('compileMof: includes and progress', () => {
  it('compiles included files where they are included, with the pragmas carried on', async () => {
    const files: Record<string, string> = {
      '/m.mof':
        '#pragma namespace("root\\\\cimv2")\nclass First { };\n#include("a.mof")\nclass Last { };\n#include("q.mof")',
      '/a.mof':
        'Qualifier K : boolean = false, Scope(property);\n#include("q.mof")\n#pragma classflags("forceupdate")\nclass A { };',
      '/q.mof': 'class Q { };',
    };
    const { documents, diagnostics } = await parseMofFiles('/m.mof', {
      read: (p) => Promise.resolve(files[p]),
      resolve: (_f, i) => `/${i}`,
    });
    expect(diagnostics).toEqual([]);
    const target = new FakeTarget();
    const progress: Array<[number, number]> = [];
    const result = await compileMof(documents, target, {
      defaultNamespace: 'root',
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(result).toMatchObject({ hr: 0, classes: 5, qualifiers: 1 });
    expect(target.log).toEqual([
      'class root\\cimv2 First 0x0',
      'qualifier root\\cimv2 K 0x2',
      'class root\\cimv2 Q 0x0',
      'class root\\cimv2 A 0x40',
      'class root\\cimv2 Last 0x40',
      'class root\\cimv2 Q 0x40',
    ]);
    const total = 5 + 4 + 1 + 1;
    expect(progress).toHaveLength(total);
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.every(([, t]) => t === total)).toBe(true);
  });

  it('compiles independent documents in the order given', async () => {
    const target = new FakeTarget();
    await compileMof([doc('class A { };', 'a.mof'), doc('class B { };', 'b.mof')], target, {
      defaultNamespace: 'root',
    });
    expect(target.log).toEqual(['class root A 0x0', 'class root B 0x0']);
  });
});
