import { describe, expect, it } from 'vitest';
import type { Qualifier, QualifierDeclaration } from '../model';
import type { ClassDeclarationNode, InstanceDeclarationNode, QualifierDeclarationNode } from './ast';
import { parseMof } from './parseMof';
import { applyFlavors } from './flavors';
import { classToModel, instanceToModel, qualifierDeclarationToModel, type ToModelContext } from './toModel';

function parseOne<T>(text: string, kind: string): T {
  const { document, diagnostics } = parseMof(text, 'm.mof');
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  return document.definitions.find((d) => d.kind === kind) as T;
}

/** Declarations as the namespace would hold them after `decls` were put. */
function context(decls = ''): ToModelContext {
  const map = new Map<string, QualifierDeclaration>();
  if (decls !== '') {
    for (const d of parseMof(decls).document.definitions) {
      if (d.kind === 'QualifierDeclaration') map.set(d.name.value.toLowerCase(), qualifierDeclarationToModel(d).value);
    }
  }
  return {
    namespace: 'root\\test',
    getQualifierDecl: (ns, n) => (ns === 'root\\test' ? map.get(n.toLowerCase()) : undefined),
  };
}

function classQualifier(use: string, decls = ''): Qualifier {
  const node = parseOne<ClassDeclarationNode>(`[${use}] class X { };`, 'ClassDeclaration');
  const { value, problems } = classToModel(node, context(decls));
  expect(problems).toEqual([]);
  return value.qualifiers[0]!;
}

const DMTF = `
Qualifier Description : string = null, Scope(any), Flavor(EnableOverride, ToSubclass, Translatable);
Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
Qualifier Abstract : boolean = false, Scope(class), Flavor(EnableOverride, Restricted);
Qualifier MaxValue : real64 = null, Scope(property);
Qualifier MaxLen : uint32 = null, Scope(property);
Qualifier Values : string[], Scope(property);
Qualifier In : boolean = true, Scope(parameter);
Qualifier Plain : sint32;
Qualifier Wmi : ToInstance Amended;
Qualifier WmiNone : Amended NotToSubClass;
`;

describe('toModel: qualifier declarations', () => {
  it.each([
    ['Qualifier A : boolean;', 0x02],
    ['Qualifier A : boolean, Flavor(DisableOverride, ToSubclass);', 0x12],
    ['Qualifier A : boolean, Flavor(EnableOverride, Restricted);', 0x00],
    ['Qualifier A : string, Flavor(EnableOverride, ToSubclass, Translatable);', 0x82],
    ['Qualifier A : string, Flavor(ToInstance);', 0x03],
    ['Qualifier A : string, Flavor(Restricted, DisableOverride);', 0x10],
    ['Qualifier A : string, Flavor(NotToSubClass, Translatable);', 0x80],
    ['Qualifier A : string, Flavor(EnableOverride);', 0x02],
    ['Qualifier A : ToSubClass Amended;', 0x82],
    ['Qualifier A : ToInstance;', 0x01],
    ['Qualifier A : DisableOverride;', 0x10],
    ['Qualifier A : Amended;', 0x80],
  ])('%s → flavor %i', (text, flavor) => {
    const node = parseOne<QualifierDeclarationNode>(text, 'QualifierDeclaration');
    expect(qualifierDeclarationToModel(node).value.flavor).toBe(flavor);
  });

  it('converts the DMTF form with type, default and scopes', () => {
    const node = parseOne<QualifierDeclarationNode>(
      'Qualifier ValueMap : string[] = {"a", "b"}, Scope(Property, METHOD), Flavor(ToSubclass);',
      'QualifierDeclaration',
    );
    expect(qualifierDeclarationToModel(node)).toEqual({
      value: {
        name: 'ValueMap',
        type: { base: 'string', array: true },
        defaultValue: ['a', 'b'],
        scopes: ['property', 'method'],
        flavor: 2,
      },
      problems: [],
    });
  });

  it('converts the WMI flavor statement without type or scope', () => {
    const node = parseOne<QualifierDeclarationNode>(
      'Qualifier Description : ToSubClass Amended;',
      'QualifierDeclaration',
    );
    expect(qualifierDeclarationToModel(node).value).toEqual({ name: 'Description', scopes: [], flavor: 0x82 });
  });

  it('keeps the default null and numeric defaults typed', () => {
    const n1 = parseOne<QualifierDeclarationNode>(
      'Qualifier M : uint32 = null, Scope(property);',
      'QualifierDeclaration',
    );
    expect(qualifierDeclarationToModel(n1).value.defaultValue).toBeNull();
    const n2 = parseOne<QualifierDeclarationNode>('Qualifier M : real64 = 3, Scope(property);', 'QualifierDeclaration');
    expect(qualifierDeclarationToModel(n2).value).toMatchObject({ type: { base: 'real64' }, defaultValue: 3 });
  });
});

describe('toModel: qualifier flavors on uses (decisions §2b)', () => {
  it.each([
    ['written without flavors, with a DMTF declaration: the declaration’s', 'Description("d")', 0x82],
    ['written without flavors, with a DisableOverride declaration', 'Key', 0x12],
    ['written without flavors, with a Restricted declaration', 'Abstract', 0x00],
    ['written without flavors, with a WMI flavor statement', 'Wmi("w")', 0x81],
    ['written without flavors, undeclared: 0', 'Dynamic', 0x00],
    ['written without flavors, undeclared with a value: 0', 'Provider("P")', 0x00],
    ['with flavors: starts from 0 (not from the declaration)', 'Description("d") : Amended', 0x80],
    ['ToSubClass', 'Dynamic : ToSubClass', 0x02],
    ['ToInstance', 'Dynamic : ToInstance', 0x01],
    ['DisableOverride', 'Dynamic : DisableOverride', 0x10],
    ['Translatable is Amended', 'Dynamic : Translatable', 0x80],
    ['EnableOverride alone: 0', 'Description("d") : EnableOverride', 0x00],
    ['NotToSubClass alone: 0', 'Description("d") : NotToSubClass', 0x00],
    ['NotToInstance with ToSubClass', 'Dynamic : NotToInstance ToSubClass', 0x02],
    ['Restricted alone: 0 (not the declaration’s ToSubclass)', 'Description("d") : Restricted', 0x00],
    ['all at once', 'Dynamic : ToSubClass ToInstance DisableOverride Amended', 0x93],
  ])('%s', (_name, use, flavor) => {
    expect(classQualifier(use, DMTF).flavor).toBe(flavor);
  });

  it.each([
    [0x13, ['EnableOverride'], 0x03],
    [0x13, ['NotToSubClass'], 0x11],
    [0x13, ['NotToInstance'], 0x12],
    [0x93, ['Restricted'], 0x90],
    [0x00, ['ToSubClass', 'ToInstance', 'DisableOverride', 'Amended'], 0x93],
  ])('applyFlavors(%i, %j) = %i', (start, names, flavor) => {
    expect(applyFlavors(start, names)).toBe(flavor);
  });

  it('reports contradictory flavors as syntax errors', () => {
    expect(parseMof('[A : EnableOverride DisableOverride] class X { };').diagnostics[0]!.code).toBe(
      'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES',
    );
    expect(parseMof('[A : Restricted ToSubClass] class X { };').diagnostics[0]!.code).toBe(
      'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES2',
    );
    expect(parseMof('[A : ToInstance, Restricted] class X { };').diagnostics[0]!.code).toBe(
      'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES2',
    );
  });
});

describe('toModel: qualifier value types', () => {
  it.each([
    ['bare, undeclared → boolean TRUE', 'Dynamic', { base: 'boolean', array: false }, true],
    ['bare, declared boolean → boolean TRUE', 'Key', { base: 'boolean', array: false }, true],
    ['string, undeclared', 'Provider("P")', { base: 'string', array: false }, 'P'],
    ['integer, undeclared → sint32', 'Perf(100)', { base: 'sint32', array: false }, 100],
    ['negative integer, undeclared → sint32', 'Perf(-2147483648)', { base: 'sint32', array: false }, -2147483648],
    ['integer beyond sint32, undeclared → sint64', 'Perf(2147483648)', { base: 'sint64', array: false }, 2147483648],
    [
      'integer beyond 2^53, undeclared → sint64 as a string',
      'Perf(9007199254740993)',
      { base: 'sint64', array: false },
      '9007199254740993',
    ],
    [
      'integer beyond sint64 → uint64',
      'Perf(0xFFFFFFFFFFFFFFFF)',
      { base: 'uint64', array: false },
      '18446744073709551615',
    ],
    ['hex integer, undeclared', 'locale(0x409)', { base: 'sint32', array: false }, 1033],
    ['real, undeclared → real64', 'Scale(1.5)', { base: 'real64', array: false }, 1.5],
    ['boolean literal', 'Dynamic(false)', { base: 'boolean', array: false }, false],
    ['char16 literal', "Sep('x')", { base: 'char16', array: false }, 'x'],
    ['NULL, undeclared', 'Provider(NULL)', { base: 'string', array: false }, null],
    ['string array in braces', 'Names{"a", "b"}', { base: 'string', array: true }, ['a', 'b']],
    ['integer array', 'Ids{1, 2}', { base: 'sint32', array: true }, [1, 2]],
    ['integer array widened to sint64', 'Ids{1, 5000000000}', { base: 'sint64', array: true }, [1, 5000000000]],
    ['integers with reals → real64[]', 'Nums{1, 2.5}', { base: 'real64', array: true }, [1, 2.5]],
    ['empty array → string[]', 'Names{}', { base: 'string', array: true }, []],
    ['integer for a real64 declaration → number, real64', 'MaxValue(10)', { base: 'real64', array: false }, 10],
    ['integer for a uint32 declaration → uint32', 'MaxLen(256)', { base: 'uint32', array: false }, 256],
    [
      'single value for a string[] declaration → one-element array',
      'Values("x")',
      { base: 'string', array: true },
      ['x'],
    ],
    ['array for a string[] declaration', 'Values{"x", "y"}', { base: 'string', array: true }, ['x', 'y']],
    [
      'integer for a string declaration → keeps its natural type',
      'Description(42)',
      { base: 'sint32', array: false },
      42,
    ],
    ['string for a boolean declaration → natural string', 'Key("yes")', { base: 'string', array: false }, 'yes'],
    ['out of range for uint32 declaration → natural', 'MaxLen(-1)', { base: 'sint32', array: false }, -1],
    ['value of a WMI flavor statement → natural type', 'Wmi(7)', { base: 'sint32', array: false }, 7],
  ])('%s', (_name, use, type, value) => {
    const q = classQualifier(use, DMTF);
    expect({ type: q.type, value: q.value }).toEqual({ type, value });
  });

  it('reports heterogeneous arrays', () => {
    const node = parseOne<ClassDeclarationNode>('[Mixed{1, "a"}] class X { };', 'ClassDeclaration');
    expect(classToModel(node, context()).problems.map((p) => p.code)).toEqual(['WBEMMOF_E_TYPE_MISMATCH']);
  });
});

describe('toModel: classes', () => {
  const convert = (text: string, decls = DMTF): ReturnType<typeof classToModel> =>
    classToModel(parseOne<ClassDeclarationNode>(text, 'ClassDeclaration'), context(decls));

  it('builds a ClassDefinition with loc, types and defaults', () => {
    const { value, problems } = convert(`
[Abstract]
class CIM_X : CIM_Base {
  [Key] string Name;
  uint8 Small = 0x10;
  sint64 Big = -9223372036854775808;
  uint64 Huge = 18446744073709551615;
  real32 R = 1;
  string Arr[10] = {"a"};
  char16 C = 'z';
  datetime When = "20240101120000.000000+060";
  datetime Span = "00000001020304.000000:000";
  boolean B = TRUE;
  CIM_Y ref Link = "CIM_Y.Id=1";
  object ref Any;
  Emb E = instance of Emb { P = 1; Q = {"x"}; };
  object O;
  string Nothing = NULL;
};`);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      genus: 'class',
      name: 'CIM_X',
      superclass: 'CIM_Base',
      loc: { file: 'm.mof', line: 2, column: 1 },
      qualifiers: [{ name: 'Abstract', value: true, flavor: 0 }],
    });
    expect(value.properties.map((p) => [p.name, p.type, p.defaultValue])).toEqual([
      ['Name', { base: 'string', array: false }, undefined],
      ['Small', { base: 'uint8', array: false }, 16],
      ['Big', { base: 'sint64', array: false }, '-9223372036854775808'],
      ['Huge', { base: 'uint64', array: false }, '18446744073709551615'],
      ['R', { base: 'real32', array: false }, 1],
      ['Arr', { base: 'string', array: true, arraySize: 10 }, ['a']],
      ['C', { base: 'char16', array: false }, 'z'],
      ['When', { base: 'datetime', array: false }, '20240101120000.000000+060'],
      ['Span', { base: 'datetime', array: false }, '00000001020304.000000:000'],
      ['B', { base: 'boolean', array: false }, true],
      ['Link', { base: 'ref', array: false, className: 'CIM_Y' }, 'CIM_Y.Id=1'],
      ['Any', { base: 'ref', array: false }, undefined],
      [
        'E',
        { base: 'object', array: false, className: 'Emb' },
        {
          kind: 'instance',
          className: 'Emb',
          properties: [
            { name: 'P', value: 1 },
            { name: 'Q', value: ['x'] },
          ],
        },
      ],
      ['O', { base: 'object', array: false }, undefined],
      ['Nothing', { base: 'string', array: false }, null],
    ]);
    expect(value.properties[0]).not.toHaveProperty('defaultValue');
    expect(value.properties[0]!.qualifiers).toEqual([
      { name: 'Key', type: { base: 'boolean', array: false }, value: true, flavor: 0x12 },
    ]);
  });

  it('keeps the case of names as written', () => {
    const { value } = convert('class lower_Case : UPPER { string mIxEd; uint32 MeThOd([in] string PaRaM); };');
    expect([
      value.name,
      value.superclass,
      value.properties[0]!.name,
      value.methods[0]!.name,
      value.methods[0]!.parameters[0]!.name,
    ]).toEqual(['lower_Case', 'UPPER', 'mIxEd', 'MeThOd', 'PaRaM']);
  });

  it('converts methods: void, parameter types and defaults', () => {
    const { value } = convert(
      'class X { void V(); CIM_Y REF R([in] CIM_Y ref a, [out] object ref b, [in] uint8 c[] = {1}, [in] Emb e); };',
    );
    expect(value.methods[0]).toEqual({ name: 'V', returnType: null, parameters: [], qualifiers: [] });
    expect(value.methods[1]!.returnType).toEqual({ base: 'ref', array: false, className: 'CIM_Y' });
    expect(value.methods[1]!.parameters.map((p) => [p.name, p.type, p.defaultValue])).toEqual([
      ['a', { base: 'ref', array: false, className: 'CIM_Y' }, undefined],
      ['b', { base: 'ref', array: false }, undefined],
      ['c', { base: 'uint8', array: true }, [1]],
      ['e', { base: 'object', array: false, className: 'Emb' }, undefined],
    ]);
  });

  it.each([
    ['none written', '[in] string a, [in] string b, [out] string c', [0, 1, 2]],
    ['all written', '[in, ID(0)] string a, [in, id(1)] string b', [0, 1]],
    ['some written: the others take the next ones', '[in] string a, [in, ID(5)] string b, [in] string c', [0, 5, 6]],
    [
      'explicit IDs out of order stay as written',
      '[in, ID(1)] string a, [in, ID(0)] string b, [in] string c',
      [1, 0, 1],
    ],
  ])('numbers parameters: %s', (_name, params, ids) => {
    const { value } = convert(`class X { uint32 M(${params}); };`);
    const got = value.methods[0]!.parameters.map((p) => p.qualifiers.find((q) => q.name.toLowerCase() === 'id')!);
    expect(got.map((q) => q.value)).toEqual(ids);
  });

  it('adds the ID qualifier as sint32 with flavor 0, after the written ones', () => {
    const { value } = convert('class X { uint32 M([In] string a); };');
    expect(value.methods[0]!.parameters[0]!.qualifiers).toEqual([
      { name: 'In', type: { base: 'boolean', array: false }, value: true, flavor: 0x02 },
      { name: 'ID', type: { base: 'sint32', array: false }, value: 0, flavor: 0 },
    ]);
  });

  it.each([
    ['uint8 x = 256;', 'WBEMMOF_E_OUT_OF_RANGE'],
    ['sint8 x = -129;', 'WBEMMOF_E_OUT_OF_RANGE'],
    ['uint32 x = 1.5;', 'WBEMMOF_E_TYPE_MISMATCH'],
    ['string x = 5;', 'WBEMMOF_E_TYPE_MISMATCH'],
    ['boolean x = 1;', 'WBEMMOF_E_TYPE_MISMATCH'],
    ['datetime x = "soon";', 'WBEMMOF_E_TYPE_MISMATCH'],
    ['string x[] = "a";', 'WBEMMOF_E_TYPE_MISMATCH'],
    ['X ref r = 5;', 'WBEMMOF_E_TYPE_MISMATCH'],
    ['Emb e = "text";', 'WBEMMOF_E_TYPE_MISMATCH'],
  ])('reports the default %s as %s', (prop, code) => {
    const { document } = parseMof(`class X { ${prop} };`);
    const node = document.definitions[0] as ClassDeclarationNode;
    const { value, problems } = classToModel(node, context());
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(value.properties[0]!.defaultValue).toBeNull();
    expect(parseMof(`class X { ${prop} };`).diagnostics.map((d) => d.code)).toEqual([code]);
  });
});

describe('toModel: instances', () => {
  it('converts values by their literal and resolves aliases', () => {
    const node = parseOne<InstanceDeclarationNode>(
      `[Locale(1033)] instance of Foo {
        S = "s"; I = 5; Big = 123456789012345678901; R = 2.5; B = TRUE; C = 'c'; N = NULL;
        A = {1, 2}; Ref = $P; Refs = {$P};
        E = instance of Bar { X = $P; };
        [PropertyContext("x")] Dyn;
      };
      instance of P as $P { };`,
      'InstanceDeclaration',
    );
    const { value, problems } = instanceToModel(node, {
      ...context(),
      resolveAlias: (a) => (a.toLowerCase() === 'p' ? 'P.Id=1' : undefined),
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({
      genus: 'instance',
      className: 'Foo',
      qualifiers: [{ name: 'Locale', type: { base: 'sint32', array: false }, value: 1033, flavor: 0 }],
      properties: [
        { name: 'S', value: 's' },
        { name: 'I', value: 5 },
        { name: 'Big', value: '123456789012345678901' },
        { name: 'R', value: 2.5 },
        { name: 'B', value: true },
        { name: 'C', value: 'c' },
        { name: 'N', value: null },
        { name: 'A', value: [1, 2] },
        { name: 'Ref', value: 'P.Id=1' },
        { name: 'Refs', value: ['P.Id=1'] },
        { name: 'E', value: { kind: 'instance', className: 'Bar', properties: [{ name: 'X', value: 'P.Id=1' }] } },
      ],
      loc: { file: 'm.mof', line: 1, column: 1 },
    });
  });

  it('reports an alias the resolver does not know', () => {
    const node = parseOne<InstanceDeclarationNode>(
      'instance of Foo { R = $Q; };\ninstance of Q as $Q { };',
      'InstanceDeclaration',
    );
    expect(instanceToModel(node, context()).problems.map((p) => p.code)).toEqual(['WBEMMOF_E_UNEXPECTED_ALIAS']);
  });
});
