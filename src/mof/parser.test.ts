import { describe, expect, it } from 'vitest';
import type {
  ClassDeclarationNode,
  Definition,
  InstanceDeclarationNode,
  PragmaNode,
  QualifierDeclarationNode,
} from './ast';
import { formatDiagnostic } from './diagnostics';
import { parseMof } from './parseMof';

function ok(text: string): Definition[] {
  const { document, diagnostics } = parseMof(text, 't.mof');
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  return [...document.definitions];
}
const one = <T extends Definition>(text: string): T => {
  const defs = ok(text);
  expect(defs).toHaveLength(1);
  return defs[0] as T;
};
const cls = (text: string): ClassDeclarationNode => one<ClassDeclarationNode>(text);

describe('parser: class declarations', () => {
  it('reads qualifiers, superclass and properties', () => {
    const c = cls('[Abstract, Description("A" " B")] class CIM_X : CIM_Y { [Key] string Name; uint32 Count = 5; };');
    expect(c).toMatchObject({
      kind: 'ClassDeclaration',
      name: { value: 'CIM_X' },
      superclass: { value: 'CIM_Y' },
      qualifiers: [
        { name: { value: 'Abstract' } },
        { name: { value: 'Description' }, value: { kind: 'String', value: 'A B' } },
      ],
      features: [
        {
          kind: 'Property',
          type: { base: 'string' },
          name: { value: 'Name' },
          qualifiers: [{ name: { value: 'Key' } }],
        },
        {
          kind: 'Property',
          type: { base: 'uint32' },
          name: { value: 'Count' },
          defaultValue: { kind: 'Integer', value: '5' },
        },
      ],
    });
  });

  it.each([
    ['class A as $X { };', 'X', undefined],
    ['class A : B as $X { };', 'X', 'B'],
    ['class A as $X : B { };', 'X', 'B'],
  ])('reads the class alias in %s', (text, alias, superclass) => {
    const c = cls(text);
    expect(c.alias?.value).toBe(alias);
    expect(c.superclass?.value).toBe(superclass);
  });

  it.each([
    ['string a[];', { base: 'string' }, { kind: 'ArraySuffix' }],
    ['uint8 a[10];', { base: 'uint8' }, { size: 10 }],
    ['CIM_X ref a;', { base: 'ref', className: 'CIM_X' }, undefined],
    ['CIM_X REF a[];', { base: 'ref', className: 'CIM_X' }, { kind: 'ArraySuffix' }],
    ['object ref a;', { base: 'ref' }, undefined],
    ['Win32_Emb a;', { base: 'object', className: 'Win32_Emb' }, undefined],
    ['object a;', { base: 'object' }, undefined],
    ['Object a[];', { base: 'object' }, { kind: 'ArraySuffix' }],
    ['DATETIME a;', { base: 'datetime' }, undefined],
    ['char16 a;', { base: 'char16' }, undefined],
    ['real32 a;', { base: 'real32' }, undefined],
    ['Boolean a;', { base: 'boolean' }, undefined],
  ])('reads the property type in %s', (feature, type, array) => {
    const p = cls(`class A { ${feature} };`).features[0]!;
    expect(p).toMatchObject({ kind: 'Property', type, name: { value: 'a' } });
    // Optional parts are undefined when absent (nodes keep one shape: a hot path).
    if (array === undefined) expect((p as { array?: unknown }).array).toBeUndefined();
    else expect(p).toMatchObject({ array });
  });

  it.each([
    ['string a = "x";', { kind: 'String', value: 'x' }],
    ['string a = NULL;', { kind: 'Null' }],
    ['string a[] = {"x", "y"};', { kind: 'Array', values: [{ value: 'x' }, { value: 'y' }] }],
    ['uint32 a[] = {};', { kind: 'Array', values: [] }],
    ['real64 a = -1.5E3;', { kind: 'Real', value: -1500 }],
    ['boolean a = TRUE;', { kind: 'Boolean', value: true }],
    ['boolean a = false;', { kind: 'Boolean', value: false }],
    ["char16 a = 'x';", { kind: 'Char', value: 'x' }],
    ['sint64 a = -0x10;', { kind: 'Integer', value: '-16' }],
    ['X ref a = $Al;', { kind: 'AliasRef', name: 'Al' }],
    ['X ref a = "X.k=1";', { kind: 'String', value: 'X.k=1' }],
    [
      'Emb a = instance of Emb { p = 1; };',
      { kind: 'InstanceValue', className: { value: 'Emb' }, properties: [{ name: { value: 'p' } }] },
    ],
  ])('reads the default in %s', (feature, defaultValue) => {
    const [c] = ok(`class A { ${feature} };\ninstance of X as $Al { };`) as [ClassDeclarationNode];
    expect(c.features[0]).toMatchObject({ defaultValue });
  });

  it('reads methods, void, parameters with qualifiers, refs, arrays and defaults', () => {
    const c = cls(`class A {
      [Static] uint32 M([In, ID(0)] string a, [Out] CIM_X ref b, [In] uint8 c[], [in] object ref d, [in] Emb e, [IN] uint32 f = 3);
      void N();
      CIM_X REF R();
    };`);
    expect(c.features).toMatchObject([
      {
        kind: 'Method',
        name: { value: 'M' },
        returnType: { base: 'uint32' },
        qualifiers: [{ name: { value: 'Static' } }],
        parameters: [
          {
            name: { value: 'a' },
            type: { base: 'string' },
            qualifiers: [{ name: { value: 'In' } }, { name: { value: 'ID' } }],
          },
          { name: { value: 'b' }, type: { base: 'ref', className: 'CIM_X' } },
          { name: { value: 'c' }, type: { base: 'uint8' }, array: { kind: 'ArraySuffix' } },
          { name: { value: 'd' }, type: { base: 'ref' } },
          { name: { value: 'e' }, type: { base: 'object', className: 'Emb' } },
          { name: { value: 'f' }, defaultValue: { kind: 'Integer', value: '3' } },
        ],
      },
      { kind: 'Method', name: { value: 'N' }, returnType: { base: 'void' }, parameters: [] },
      { kind: 'Method', name: { value: 'R' }, returnType: { base: 'ref', className: 'CIM_X' } },
    ]);
  });

  it.each([
    'Group',
    'Class',
    'Instance',
    'Qualifier',
    'Ref',
    'Scope',
    'Flavor',
    'Of',
    'As',
    'Any',
    'Void',
    'Object',
    'True',
  ])('accepts the keyword %s as a property, method and parameter name', (kw) => {
    const c = cls(`class A { string ${kw}; uint32 ${kw}2([in] string ${kw}); };`);
    expect(c.features.map((f) => f.name.value)).toEqual([kw, `${kw}2`]);
  });

  it('accepts keywords in any case', () => {
    const defs = ok(
      'CLASS A { }; Class B : A { }; [abstract] cLaSs C { };\nINSTANCE OF A AS $x { }; Instance Of A { };',
    );
    expect(defs.map((d) => d.kind)).toEqual([
      'ClassDeclaration',
      'ClassDeclaration',
      'ClassDeclaration',
      'InstanceDeclaration',
      'InstanceDeclaration',
    ]);
  });
});

describe('parser: qualifier lists', () => {
  it('reads values in parentheses and braces, and flavors', () => {
    const c = cls(
      '[A, B(1), C{"a","b"}, D("x") : ToSubClass DisableOverride, E : Amended, F(-2.5), G({1, 2}), H : ToInstance, NotToSubClass] class X { };',
    );
    expect(c.qualifiers).toMatchObject([
      { name: { value: 'A' } },
      { name: { value: 'B' }, value: { kind: 'Integer', value: '1' } },
      { name: { value: 'C' }, value: { kind: 'Array', values: [{ value: 'a' }, { value: 'b' }] } },
      { name: { value: 'D' }, value: { value: 'x' }, flavors: [{ name: 'ToSubClass' }, { name: 'DisableOverride' }] },
      { name: { value: 'E' }, flavors: [{ name: 'Amended' }] },
      { name: { value: 'F' }, value: { kind: 'Real', value: -2.5 } },
      { name: { value: 'G' }, value: { kind: 'Array' } },
      { name: { value: 'H' }, flavors: [{ name: 'ToInstance' }, { name: 'NotToSubClass' }] },
    ]);
    expect(c.qualifiers[0]!.value).toBeUndefined();
    expect(c.qualifiers[0]!.flavors).toBeUndefined();
  });

  it('reads comma-separated flavors, and a comma followed by a name as the next qualifier', () => {
    const c = cls('[read : ToSubclass, Amended, key : ToSubClass, write] class X { };');
    expect(c.qualifiers.map((q) => [q.name.value, q.flavors?.map((f) => f.name)])).toEqual([
      ['read', ['ToSubclass', 'Amended']],
      ['key', ['ToSubClass']],
      ['write', undefined],
    ]);
  });

  it('reads every flavor keyword, in any case', () => {
    const c = cls(
      '[A : enableoverride tosubclass toinstance amended translatable, B : NOTTOSUBCLASS NotToInstance DisableOverride] class X { };',
    );
    expect(c.qualifiers.flatMap((q) => q.flavors!.map((f) => f.name.toLowerCase()))).toEqual([
      'enableoverride',
      'tosubclass',
      'toinstance',
      'amended',
      'translatable',
      'nottosubclass',
      'nottoinstance',
      'disableoverride',
    ]);
  });
});

describe('parser: qualifier declarations', () => {
  it('reads the DMTF form', () => {
    const q = one<QualifierDeclarationNode>(
      'Qualifier ValueMap : string[] = {"a"}, Scope(property, method, parameter), Flavor(EnableOverride, ToSubclass, Translatable);',
    );
    expect(q).toMatchObject({
      form: 'dmtf',
      name: { value: 'ValueMap' },
      type: { base: 'string' },
      array: { kind: 'ArraySuffix' },
      defaultValue: { kind: 'Array' },
      scopes: [{ value: 'property' }, { value: 'method' }, { value: 'parameter' }],
      flavors: [{ name: 'EnableOverride' }, { name: 'ToSubclass' }, { name: 'Translatable' }],
    });
  });

  it.each([
    ['Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);', 2, 2],
    ['qualifier Deprecated : boolean, Scope(class, property);', 2, 0],
    ['Qualifier MaxLen : uint32 = null, Scope(property);', 1, 0],
    ['Qualifier Name : string[4];', 0, 0],
    ['QUALIFIER X : sint32 = -1, FLAVOR(Restricted), SCOPE(any);', 1, 1],
  ])('reads %s', (text, scopes, flavors) => {
    const q = one<QualifierDeclarationNode>(text);
    expect(q.form).toBe('dmtf');
    expect(q.scopes).toHaveLength(scopes);
    expect(q.flavors).toHaveLength(flavors);
  });

  it.each([
    ['Qualifier Description : ToSubClass Amended;', ['ToSubClass', 'Amended']],
    ['qualifier vendor:ToInstance;', ['ToInstance']],
    ['qualifier write:ToInstance ToSubClass;', ['ToInstance', 'ToSubClass']],
    ['Qualifier BitValues:ToSubClass Amended ;', ['ToSubClass', 'Amended']],
    ['Qualifier X : ToSubClass, Amended;', ['ToSubClass', 'Amended']],
  ])('reads the WMI flavor statement %s', (text, flavors) => {
    const q = one<QualifierDeclarationNode>(text);
    expect(q.form).toBe('wmi');
    expect(q.flavors.map((f) => f.name)).toEqual(flavors);
    expect(q).not.toHaveProperty('type');
  });
});

describe('parser: instances', () => {
  it('reads values, aliases and nested embedded instances', () => {
    const i = ok(`instance of Foo as $F {
      Name = "x";
      [key] Id = 3;
      List = {1, 2, 3};
      Ref = $Other;
      Refs = {$A, $B};
      Emb = instance of Bar { X = 1; Inner = instance of Baz { Y = "y"; }; };
      Embs = { instance of Bar { X = 1; }, instance of Bar { X = 2; } };
      Nothing = NULL;
      Dyn;
    };
    instance of X as $Other { };
    instance of X as $A { };
    instance of X as $B { };`)[0] as InstanceDeclarationNode;
    expect(i).toMatchObject({
      className: { value: 'Foo' },
      alias: { value: 'F' },
      properties: [
        { name: { value: 'Name' }, value: { kind: 'String' } },
        { name: { value: 'Id' }, qualifiers: [{ name: { value: 'key' } }], value: { kind: 'Integer' } },
        { value: { kind: 'Array', values: [{}, {}, {}] } },
        { value: { kind: 'AliasRef', name: 'Other' } },
        { value: { kind: 'Array', values: [{ kind: 'AliasRef' }, { kind: 'AliasRef' }] } },
        {
          value: {
            kind: 'InstanceValue',
            className: { value: 'Bar' },
            properties: [{}, { value: { kind: 'InstanceValue', className: { value: 'Baz' } } }],
          },
        },
        { value: { kind: 'Array', values: [{ kind: 'InstanceValue' }, { kind: 'InstanceValue' }] } },
        { value: { kind: 'Null' } },
        { name: { value: 'Dyn' } },
      ],
    });
    expect(i.properties[8]).not.toHaveProperty('value');
  });

  it('reads qualifiers on instances', () => {
    expect(ok('[Locale(1033)] instance of X { };\n[DYNPROPS] instance of Y { };')).toMatchObject([
      { kind: 'InstanceDeclaration', qualifiers: [{ name: { value: 'Locale' } }] },
      { kind: 'InstanceDeclaration', qualifiers: [{ name: { value: 'DYNPROPS' } }] },
    ]);
  });

  it('allows forward references between instances', () => {
    expect(ok('instance of A { R = $B; };\ninstance of B as $B { };')).toHaveLength(2);
  });
});

describe('parser: pragmas', () => {
  const pragma = (text: string): PragmaNode => one<PragmaNode>(text);
  it.each([
    ['#pragma namespace("\\\\\\\\.\\\\root\\\\x")', 'namespace', ['\\\\.\\root\\x']],
    ['#pragma namespace ("\\\\root\\\\cimv2\\\\SAMPLE_Office")', 'namespace', ['\\root\\cimv2\\SAMPLE_Office']],
    ['#pragma namespace("x")', 'namespace', ['x']],
    ['#pragma namespace("//./root/x")', 'namespace', ['//./root/x']],
    ['#pragma classflags("forceupdate")', 'classflags', ['forceupdate']],
    ['#pragma classflags("updateonly", "safeupdate")', 'classflags', ['updateonly', 'safeupdate']],
    ['#pragma classflags(64)', 'classflags', ['64']],
    ['#pragma instanceflags("createonly")', 'instanceflags', ['createonly']],
    ['#pragma deleteclass("MyClass", FAIL)', 'deleteclass', ['MyClass', 'FAIL']],
    ['#pragma deleteclass("MyClass", NOFAIL)', 'deleteclass', ['MyClass', 'NOFAIL']],
    ['#pragma deleteinstance("MyClass.Name=\\"x\\"", NOFAIL)', 'deleteinstance', ['MyClass.Name="x"', 'NOFAIL']],
    ['#pragma include ("qualifiers.mof")', 'include', ['qualifiers.mof']],
    ['#include ("x.mof")', 'include', ['x.mof']],
    ['#include "x.mof"', 'include', ['x.mof']],
    ['#pragma locale ("en_US")', 'locale', ['en_US']],
    ['#pragma instancelocale("ms_409")', 'instancelocale', ['ms_409']],
    ['#pragma amendment("MS_409")', 'amendment', ['MS_409']],
    ['#pragma autorecover', 'autorecover', []],
    ['#PRAGMA AUTORECOVER', 'autorecover', []],
    ['#pragma AutoRecover()', 'autorecover', []],
    ['#Pragma NAMESPACE("root")', 'namespace', ['root']],
  ])('%s', (text, name, args) => {
    const p = pragma(text);
    expect(p.name).toBe(name);
    expect(p.args.map((a) => a.value)).toEqual(args);
  });

  it('ends a pragma without parentheses at the end of its line', () => {
    const defs = ok('#pragma autorecover\n[abstract]\nclass A { };');
    expect(defs.map((d) => d.kind)).toEqual(['Pragma', 'ClassDeclaration']);
  });

  it('keeps include pragmas in the tree without following them', () => {
    const defs = ok('#pragma include("a.mof")\nclass A { };');
    expect(defs[0]).toMatchObject({ kind: 'Pragma', name: 'include' });
    expect(defs[0]).not.toHaveProperty('resolved');
  });
});

describe('parser: locations', () => {
  it('puts a loc on every node', () => {
    const { document } = parseMof(
      `#pragma namespace("root")
Qualifier Q : string = "d", Scope(any), Flavor(ToSubclass);
[Q("v") : Amended] class A : B as $C { [key] string k[2] = {"a"}; B ref r; uint32 M([in] sint32 p = 1); };
instance of A as $I { k = {"a"}; e = instance of E { x = $C; }; };`,
      'loc.mof',
    );
    let nodes = 0;
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (typeof o.kind === 'string' && o.kind !== 'instance') {
          nodes++;
          expect(o.loc, String(o.kind)).toMatchObject({ file: 'loc.mof' });
          const loc = o.loc as { start: number; end: number; line: number; column: number };
          expect(loc.end).toBeGreaterThan(loc.start);
          expect(loc.line).toBeGreaterThan(0);
          expect(loc.column).toBeGreaterThan(0);
        }
        for (const [k, x] of Object.entries(o)) if (k !== 'loc') visit(x);
      }
    };
    visit(document);
    expect(nodes).toBeGreaterThan(40);
  });

  it('spans a declaration from its qualifiers to its semicolon', () => {
    const text = '\n  [Abstract]\n  class A { };\n';
    const c = cls(text);
    expect(c.loc).toMatchObject({ line: 2, column: 3, start: 3, end: text.indexOf(';') + 1 });
    expect(c.name.loc).toMatchObject({ line: 3, column: 9 });
  });
});
