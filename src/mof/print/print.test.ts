import { describe, expect, it } from 'vitest';
import { WBEM_FLAVOR } from '../../errors/wbem';
import { AMENDED, cls, DISABLEOVERRIDE, method, param, prop, qual, TOINSTANCE, TOSUBCLASS } from '../../model/build';
import {
  cimType,
  type CimType,
  type CimValue,
  type ClassDefinition,
  type EmbeddedInstance,
  type QualifierDeclaration,
} from '../../model';
import { Repository } from '../../repository/Repository';
import type { NamespaceData } from '../../repository/namespaceData';
import { connectServer } from '../../service/connectServer';
import { parseMof } from '../parseMof';
import { classToModel } from '../toModel';
import { printClass, printInstance } from './printClass';
import { printNamespace } from './printNamespace';
import { lookupIn, printQualifier, printQualifierDecl, useFlavorKeywords } from './printQualifiers';
import { mofString, printValue } from './printValue';

const t = (text: string): CimType => {
  const array = text.endsWith('[]');
  const [base, className] = (array ? text.slice(0, -2) : text).split(':') as [CimType['base'], string | undefined];
  return cimType(base, array, className);
};

const embedded = (className: string, properties: Record<string, CimValue>): EmbeddedInstance => ({
  kind: 'instance',
  className,
  properties: Object.entries(properties).map(([name, value]) => ({ name, value })),
});

/** MOF type text for a property declaration of `type` (ref and embedded forms). */
function declText(type: CimType): string {
  const base =
    type.base === 'ref'
      ? `${type.className ?? 'object'} ref`
      : type.base === 'object'
        ? (type.className ?? 'object')
        : type.base;
  return `${base} p${type.array ? '[]' : ''}`;
}

/** The printed value read back as a property default of that type. */
function reparse(type: CimType, printed: string): CimValue | undefined {
  const { document, diagnostics } = parseMof(`class A { ${declText(type)} = ${printed}; };`);
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  const node = document.definitions[0]!;
  if (node.kind !== 'ClassDeclaration') throw new Error('not a class');
  const { value, problems } = classToModel(node, { namespace: 'root', getQualifierDecl: () => undefined });
  expect(problems).toEqual([]);
  return value.properties[0]!.defaultValue;
}

describe('printValue: every value form', () => {
  const rows: ReadonlyArray<[string, CimValue, CimType | undefined, string]> = [
    ['NULL', null, t('string'), 'NULL'],
    ['TRUE', true, t('boolean'), 'TRUE'],
    ['FALSE', false, t('boolean'), 'FALSE'],
    ['an integer', 42, t('uint32'), '42'],
    ['a negative integer', -128, t('sint8'), '-128'],
    ['uint64 beyond 2^53, kept as a string', '18446744073709551615', t('uint64'), '18446744073709551615'],
    ['sint64 minimum, kept as a string', '-9223372036854775808', t('sint64'), '-9223372036854775808'],
    ['a real keeps its point', 1, t('real64'), '1.0'],
    ['real32 zero', 0, t('real32'), '0.0'],
    ['a real with a fraction', 1.5, t('real64'), '1.5'],
    ['a negative real', -2.25, t('real32'), '-2.25'],
    ['a large real (exponent, point added)', 1e21, t('real64'), '1.0e+21'],
    ['a tiny real (exponent, point added)', 1e-7, t('real64'), '1.0e-7'],
    ['a real with fraction and exponent', 1.5e300, t('real64'), '1.5e+300'],
    ['char16', 'x', t('char16'), "'x'"],
    ['char16 apostrophe', "'", t('char16'), "'\\''"],
    ['char16 double quote (no escape needed)', '"', t('char16'), `'"'`],
    ['char16 backslash', '\\', t('char16'), "'\\\\'"],
    ['char16 newline', '\n', t('char16'), "'\\n'"],
    ['char16 control character', '\u0001', t('char16'), "'\\x0001'"],
    ['char16 NUL', '\0', t('char16'), "'\\x0000'"],
    ['a string', 'abc', t('string'), '"abc"'],
    ['string escapes', 'a"b\\c\nd\te\rf\bg\fh', t('string'), '"a\\"b\\\\c\\nd\\te\\rf\\bg\\fh"'],
    ['string control character', 'bell\u0007', t('string'), '"bell\\x0007"'],
    ['non-ASCII is written as is', 'é ü 😀', t('string'), '"é ü 😀"'],
    ['a string that looks like a number', '123', t('string'), '"123"'],
    ['datetime', '20240101120000.000000+060', t('datetime'), '"20240101120000.000000+060"'],
    ['interval', '00000001020304.000000:000', t('datetime'), '"00000001020304.000000:000"'],
    ['a reference (object path)', 'Foo.Name="a\\b"', t('ref:Foo'), '"Foo.Name=\\"a\\\\b\\""'],
    ['an integer array', [1, 2, 3], t('uint8[]'), '{1, 2, 3}'],
    ['an empty array', [], t('string[]'), '{}'],
    ['a string array', ['a', 'b"'], t('string[]'), '{"a", "b\\""}'],
    ['a real array keeps points', [1, 2.5], t('real64[]'), '{1.0, 2.5}'],
    ['a char16 array', ['a', "'"], t('char16[]'), "{'a', '\\''}"],
    ['a boolean array', [true, false], t('boolean[]'), '{TRUE, FALSE}'],
    ['uint64 array beyond 2^53', ['18446744073709551615', 1], t('uint64[]'), '{18446744073709551615, 1}'],
    ['untyped: integer', 7, undefined, '7'],
    ['untyped: real', 0.5, undefined, '0.5'],
    ['untyped: string', 'x', undefined, '"x"'],
  ];

  it.each(rows)('%s', (_name, value, type, expected) => {
    expect(printValue(value, type)).toBe(expected);
  });

  it.each(rows.filter(([, , type]) => type !== undefined))('%s reads back as the same value', (_n, value, type) => {
    expect(reparse(type!, printValue(value, type))).toEqual(value);
  });

  it('mofString writes control characters as 4-digit \\x escapes, so a hex digit after one stays text', () => {
    expect(mofString('\u0001A')).toBe('"\\x0001A"');
    expect(reparse(t('string'), mofString('\u0001A'))).toBe('\u0001A');
  });

  it('prints an embedded instance on its own lines, indented, nested ones deeper', () => {
    const v = embedded('Outer', { Name: 'o', Inner: embedded('Inner', { N: 1 }), Empty: embedded('E', {}) });
    expect(printValue(v, t('object:Outer'), '    ')).toBe(
      [
        'instance of Outer',
        '    {',
        '        Name = "o";',
        '        Inner = instance of Inner',
        '        {',
        '            N = 1;',
        '        };',
        '        Empty = instance of E',
        '        {',
        '        };',
        '    }',
      ].join('\n'),
    );
  });

  it('types the properties of an embedded instance from its class when a lookup is given', () => {
    const v = embedded('Box', { Size: 2, Big: '18446744073709551615', Letter: 'a' });
    const types: Record<string, CimType> = { size: t('real64'), big: t('uint64'), letter: t('char16') };
    expect(printValue(v, t('object:Box'), '', (_c, p) => types[p.toLowerCase()])).toBe(
      "instance of Box\n{\n    Size = 2.0;\n    Big = 18446744073709551615;\n    Letter = 'a';\n}",
    );
    // Without types: numbers as they are, a 64-bit string as a string.
    expect(printValue(v, t('object:Box'))).toBe(
      'instance of Box\n{\n    Size = 2;\n    Big = "18446744073709551615";\n    Letter = "a";\n}',
    );
  });

  it('an embedded instance as a property default reads back', () => {
    const v = embedded('Inner', { N: 1, S: 'x', L: [1, 2] });
    expect(reparse(t('object:Inner'), printValue(v, t('object:Inner')))).toEqual(v);
  });
});

const decl = (name: string, type: string | undefined, flavor: number, extra: Partial<QualifierDeclaration> = {}) =>
  ({
    name,
    ...(type === undefined ? {} : { type: t(type) }),
    scopes: type === undefined ? [] : ['any'],
    flavor,
    ...extra,
  }) as QualifierDeclaration;

describe('printQualifier: values, and flavors only where they differ from the declaration', () => {
  const KEY = decl('Key', 'boolean', DISABLEOVERRIDE);
  const DESCRIPTION = decl('Description', 'string', TOSUBCLASS | AMENDED);
  const VALUES = decl('Values', 'string[]', TOSUBCLASS | AMENDED);
  const MAXLEN = decl('MaxLen', 'uint32', TOSUBCLASS);
  const WEIGHT = decl('Weight', 'real64', TOSUBCLASS);
  const decls = new Map([KEY, DESCRIPTION, VALUES, MAXLEN, WEIGHT].map((d) => [d.name.toLowerCase(), d]));
  const lookup = lookupIn(decls);
  const rows: ReadonlyArray<[string, ReturnType<typeof qual>, string]> = [
    ['a boolean TRUE is bare', qual('Key', true, DISABLEOVERRIDE), 'Key'],
    ['a boolean FALSE has its value', qual('Key', false, DISABLEOVERRIDE), 'Key(FALSE)'],
    ['a string in parentheses', qual('Description', 'x', TOSUBCLASS | AMENDED), 'Description("x")'],
    ['an array in braces', { ...qual('Values', ['a', 'b']), flavor: TOSUBCLASS | AMENDED }, 'Values{"a", "b"}'],
    ['a typed integer', { ...qual('MaxLen', 10, TOSUBCLASS), type: t('uint32') }, 'MaxLen(10)'],
    ['a real keeps its point', { ...qual('Weight', 2, TOSUBCLASS), type: t('real64') }, 'Weight(2.0)'],
    ['flavor equal to the declaration: nothing', qual('Description', 'x', TOSUBCLASS | AMENDED), 'Description("x")'],
    ['flavor narrower than the declaration', qual('Description', 'x', TOSUBCLASS), 'Description("x"): ToSubClass'],
    ['flavor 0 under a propagating declaration', qual('Description', 'x', 0), 'Description("x"): Restricted'],
    [
      'every flavor bit',
      qual('Key', true, TOSUBCLASS | TOINSTANCE | DISABLEOVERRIDE | AMENDED),
      'Key: ToSubClass ToInstance DisableOverride Amended',
    ],
    ['undeclared, flavor 0: nothing', qual('Vendor', 'acme', 0), 'Vendor("acme")'],
    ['undeclared, with a flavor', qual('Vendor', 'acme', TOINSTANCE), 'Vendor("acme"): ToInstance'],
    ['undeclared boolean TRUE is bare', qual('Dynamic', true, 0), 'Dynamic'],
    ['undeclared integer', qual('Priority', 5, 0), 'Priority(5)'],
    ['undeclared NULL', { name: 'X', type: t('string'), value: null, flavor: 0 }, 'X(NULL)'],
  ];
  it.each(rows)('%s', (_name, q, expected) => {
    expect(printQualifier(q, lookup)).toBe(expected);
  });

  it('useFlavorKeywords gives keywords that rebuild the bits from 0', () => {
    expect(useFlavorKeywords(0)).toEqual(['Restricted']);
    expect(useFlavorKeywords(WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS | WBEM_FLAVOR.AMENDED)).toEqual([
      'ToSubClass',
      'Amended',
    ]);
  });
});

describe('printQualifierDecl', () => {
  const rows: ReadonlyArray<[string, QualifierDeclaration, string]> = [
    [
      'DMTF default flavor (ToSubclass, EnableOverride): no Flavor list',
      decl('MaxLen', 'uint32', TOSUBCLASS, { defaultValue: null, scopes: ['property', 'method', 'parameter'] }),
      'Qualifier MaxLen : uint32 = NULL,\n    Scope(property, method, parameter);',
    ],
    [
      'DisableOverride',
      decl('Key', 'boolean', TOSUBCLASS | DISABLEOVERRIDE, { defaultValue: false, scopes: ['property', 'reference'] }),
      'Qualifier Key : boolean = FALSE,\n    Scope(property, reference),\n    Flavor(DisableOverride);',
    ],
    [
      'Restricted (not propagated)',
      decl('Abstract', 'boolean', 0, { defaultValue: false, scopes: ['class', 'association', 'indication'] }),
      'Qualifier Abstract : boolean = FALSE,\n    Scope(class, association, indication),\n    Flavor(Restricted);',
    ],
    [
      'ToInstance only: NotToSubClass',
      decl('Tag', 'string', TOINSTANCE, { scopes: ['class'] }),
      'Qualifier Tag : string,\n    Scope(class),\n    Flavor(NotToSubClass, ToInstance);',
    ],
    [
      'Translatable',
      decl('Description', 'string', TOSUBCLASS | AMENDED, { defaultValue: null, scopes: ['any'] }),
      'Qualifier Description : string = NULL,\n    Scope(any),\n    Flavor(Translatable);',
    ],
    [
      'an array type with a bound and a default',
      decl('Tags', 'string[]', TOSUBCLASS, {
        type: { ...t('string[]'), arraySize: 4 },
        defaultValue: ['a', 'b'],
        scopes: ['class'],
      }),
      'Qualifier Tags : string[4] = {"a", "b"},\n    Scope(class);',
    ],
    [
      'a real default keeps its point',
      decl('W', 'real64', TOSUBCLASS, { defaultValue: 1, scopes: ['property'] }),
      'Qualifier W : real64 = 1.0,\n    Scope(property);',
    ],
    [
      'WMI flavor statement',
      decl('Description', undefined, TOSUBCLASS | AMENDED),
      'Qualifier Description : ToSubClass Amended;',
    ],
    ['WMI flavor statement, flavor 0', decl('Vendor', undefined, 0), 'Qualifier Vendor : Restricted;'],
  ];
  it.each(rows)('%s', (_name, d, expected) => {
    expect(printQualifierDecl(d)).toBe(expected);
  });
});

describe('printClass: GetObjectText style', () => {
  const KEY = decl('Key', 'boolean', TOSUBCLASS | DISABLEOVERRIDE);
  const IN = decl('In', 'boolean', TOSUBCLASS | DISABLEOVERRIDE);
  const lookup = lookupIn(new Map([KEY, IN].map((d) => [d.name.toLowerCase(), d])));

  it('prints only local elements, flavors against the declarations, every member form', () => {
    const def: ClassDefinition = cls('Demo_Disk', 'Demo_Device', {
      qualifiers: [qual('Description', 'A disk.', TOSUBCLASS), qual('Dynamic')],
      properties: [
        prop('DeviceID', 'string', [qual('Key', true, TOSUBCLASS | DISABLEOVERRIDE)]),
        prop('Size', 'uint64', [], '18446744073709551615'),
        prop('Ratio', 'real32', [], 3),
        { ...prop('Bytes', 'uint8[]'), type: { base: 'uint8', array: true, arraySize: 16 } },
        prop('Owner', 'ref:Demo_User'),
        prop('Anything', 'ref'),
        prop('Label', 'object:Demo_Label'),
        prop('Blob', 'object'),
      ],
      methods: [
        method('Format', 'uint32', [
          param('Quick', 'boolean', [qual('In', true, TOSUBCLASS | DISABLEOVERRIDE), qual('ID', 1)]),
          param('Label', 'string', [qual('In', true, TOSUBCLASS | DISABLEOVERRIDE), qual('ID', 0)]),
        ]),
        method('Eject', null, [], [qual('Description', 'Out it goes.', 0)]),
        method('Copy', 'uint32', [
          param('To', 'ref:Demo_Disk', [qual('ID', 0)]),
          param('Overwrite', 'boolean', [qual('ID', 1)]),
          param('Names', 'string[]', [qual('ID', 2)]),
        ]),
      ],
    });
    expect(printClass(def, lookup)).toBe(
      [
        '[Description("A disk."): ToSubClass, Dynamic]',
        'class Demo_Disk : Demo_Device',
        '{',
        '    [Key]',
        '    string DeviceID;',
        '    uint64 Size = 18446744073709551615;',
        '    real32 Ratio = 3.0;',
        '    uint8 Bytes[16];',
        '    Demo_User ref Owner;',
        '    object ref Anything;',
        '    Demo_Label Label;',
        '    object Blob;',
        // Parameters by ID, not as stored.
        '    uint32 Format([In, ID(0)] string Label, [In, ID(1)] boolean Quick);',
        '    [Description("Out it goes.")]',
        '    void Eject();',
        '    uint32 Copy(',
        '        [ID(0)] Demo_Disk ref To,',
        '        [ID(1)] boolean Overwrite,',
        '        [ID(2)] string Names[]);',
        '};',
      ].join('\n'),
    );
  });

  it('an empty class', () => {
    expect(printClass(cls('Empty', null), lookup)).toBe('class Empty\n{\n};');
  });

  it('prints an instance with its class’s property types', () => {
    const types: Record<string, CimType> = { id: t('string'), weight: t('real64'), big: t('uint64') };
    const text = printInstance(
      {
        genus: 'instance',
        className: 'Demo_Item',
        qualifiers: [qual('Dynprops')],
        properties: [
          { name: 'Id', value: 'i1' },
          { name: 'Weight', value: 3 },
          { name: 'Big', value: '18446744073709551615' },
        ],
      },
      lookup,
      (p) => types[p.toLowerCase()],
    );
    expect(text).toBe(
      '[Dynprops]\ninstance of Demo_Item\n{\n    Id = "i1";\n    Weight = 3.0;\n    Big = 18446744073709551615;\n};',
    );
  });
});

// -- Round trips: compile → print → compile → print

async function load(text: string, ns = 'root\\default'): Promise<NamespaceData> {
  const repo = new Repository();
  const r = await connectServer(repo, ns).services!.importMof(text);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  expect(r.failures.map((f) => f.message)).toEqual([]);
  return repo.state.ns(ns)!;
}

/** Stored definitions without source positions; parameters in ID order (how they are identified). */
function stored(ns: NamespaceData): unknown {
  const strip = (v: unknown): unknown =>
    JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'loc' ? undefined : x)));
  const classes = [...ns.classes.values()]
    .filter((c) => !c.system)
    .map((c) => {
      const def = strip(c.def) as ClassDefinition;
      const id = (p: { qualifiers: readonly { name: string; value: CimValue }[] }) =>
        Number(p.qualifiers.find((q) => q.name.toLowerCase() === 'id')?.value ?? 0);
      return {
        ...def,
        methods: def.methods.map((m) => ({ ...m, parameters: [...m.parameters].sort((a, b) => id(a) - id(b)) })),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const instances = [...ns.instances.values()]
    .flatMap((m) => [...m.values()])
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((i) => strip(i.def));
  const decls = [...ns.qualifierDecls.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  return { classes, instances, decls };
}

const ROUND_TRIPS: ReadonlyArray<[string, string]> = [
  [
    'qualifier declarations of every flavor, and uses that differ',
    `Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);
     Qualifier Description : string = null, Scope(any), Flavor(Translatable);
     Qualifier Tag : string[3] = {"a"}, Scope(class, property), Flavor(ToInstance, NotToSubClass);
     Qualifier Secret : boolean = false, Scope(any), Flavor(Restricted);
     [Description("d") : ToSubClass, Tag{"x", "y"}, Secret]
     class R_A { [Key, Description("k") : Amended] string Id; [Secret : ToSubClass ToInstance] string S; };`,
  ],
  [
    'WMI flavor statements (flavor-only declarations) and undeclared qualifiers',
    `Qualifier Description : ToSubClass Amended;
     qualifier vendor:ToInstance;
     [Description("x"), vendor("acme"), Dynamic, Provider("P"), Locale(0x409), guid("{1}")]
     class R_B { [key, read, WmiDataId(1)] string Id; [Description("y") : Restricted] uint32 N; };`,
  ],
  [
    'every value form as defaults',
    `class R_C {
       [key] string Id;
       sint8 a = -128; uint8 b = 0xFF; sint16 c = -0x10; uint16 d = 017; sint32 e = 101b; uint32 f = 4294967295;
       sint64 g = -9223372036854775808; uint64 h = 18446744073709551615;
       real32 i = 1; real64 j = -1.25E-10; real64 k = 1e21;
       char16 l = 'q'; char16 m = '\\''; char16 n = '\\x41';
       boolean o = false; datetime p = "20240229235959.999999-480";
       string q = "multi" " part" "\\n\\t\\"\\\\ é";
       string r[] = {"x", "y"}; real64 s[] = {1, 2.5}; uint64 u[4] = {18446744073709551615};
       string v = NULL;
     };`,
  ],
  [
    'references, embedded objects, methods with parameters by ID',
    `class R_D { [key] string Id; };
     class R_E {
       [key] R_D ref Target = "R_D.Id=\\"t\\"";
       object ref Loose;
       R_D Copy = instance of R_D { Id = "c"; };
       object Anything;
       uint32 Go([in, ID(2)] string c, [in, ID(0)] R_D ref a, [in, out, ID(1)] uint32 b[]);
       void Stop();
       R_D ref Find([in] string Name);
     };`,
  ],
  [
    'a hierarchy with overrides, instances with aliases and embedded values',
    `class R_Base { [key] string Id; string Name = "base"; uint32 Size(); };
     class R_Mid : R_Base { string Name = "mid"; real64 W; };
     class R_Leaf : R_Mid { [Override("Size")] uint32 Size(); };
     instance of R_Leaf as $L { Id = "l1"; W = 2; };
     instance of R_Mid { Id = "m1"; Name = $L; };
     instance of R_Base { Id = "b1"; };`,
  ],
];

describe('round trips of small MOF texts: print, compile the print, print again', () => {
  it.each(ROUND_TRIPS)('%s', async (_name, mof) => {
    const first = await load(mof);
    const text = printNamespace(first);
    const second = await load(text);
    expect(printNamespace(second)).toBe(text);
    expect(stored(second)).toEqual(stored(first));
  });

  it('a namespace prints its pragma, declarations by name, superclasses first, then instances', async () => {
    const ns = await load(
      `Qualifier b : string, Scope(any);
       class A_Parent { [key] string k; };
       class Z_Child : A_Parent { };
       class M_Other { };
       class B_Grand : Z_Child { };
       Qualifier a : boolean, Scope(any);
       instance of Z_Child { k = "z"; };
       instance of A_Parent { k = "a"; };`,
      'root\\cimv2',
    );
    const text = printNamespace(ns);
    expect(text.startsWith('#pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")\n\n')).toBe(true);
    const order = [...text.matchAll(/^(Qualifier \w+|class \w+|instance of \w+)/gm)].map((m) => m[1]);
    expect(order).toEqual([
      'Qualifier a',
      'Qualifier b',
      'class A_Parent',
      'class Z_Child',
      'class B_Grand',
      'class M_Other',
      'instance of A_Parent',
      'instance of Z_Child',
    ]);
  });
});
