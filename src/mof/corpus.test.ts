import { readFileSync } from 'node:fs';
import { listMofFiles } from '../cli/mofFiles';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WBEM_FLAVOR } from '../errors/wbem';
import type { QualifierDeclaration } from '../model';
import type { ClassDeclarationNode, MofDocument, QualifierDeclarationNode } from './ast';
import { decodeMofBytes } from './decodeMofBytes';
import { formatDiagnostic, type MofDiagnostic } from './diagnostics';
import { parseMof } from './parseMof';
import { parseMofFiles, type MofFileSource } from './parseMofFiles';
import { classToModel, qualifierDeclarationToModel } from './toModel';

const CORPUS = resolve(import.meta.dirname, '../../public/corpus');
const WMI = join(CORPUS, 'wmi-mof');

/** The two iSCSI files are C preprocessor input (WDK runs cl /EP before mofcomp). */
const C_PREPROCESSOR: Readonly<Record<string, number>> = {
  'Windows-driver-samples/storage/iscsi/src/common.mof': 16,
  'Windows-driver-samples/storage/iscsi/src/mgmt.mof': 13,
};

describe('WMI MOF corpus', () => {
  const files = listMofFiles(WMI)
    .sort()
    .map((p) => relative(WMI, p).replace(/\\/g, '/'));

  it('has the 38 files of INDEX.md', () => {
    expect(files).toHaveLength(38);
  });

  it.each(files.filter((f) => C_PREPROCESSOR[f] === undefined))('%s parses without diagnostics', (file) => {
    const { document, diagnostics } = parseMof(decodeMofBytes(readFileSync(join(WMI, file))), file);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(document.definitions.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(C_PREPROCESSOR))('%s gets a positioned unsupported-preprocessor diagnostic', (file, line) => {
    const { diagnostics } = parseMof(decodeMofBytes(readFileSync(join(WMI, file))), file);
    const first = diagnostics[0]!;
    expect(first).toMatchObject({ code: 'WBEMMOF_E_INVALID_PRAGMA', file, line, column: 1, length: '#define'.length });
    expect(first.message).toMatch(/Unsupported C preprocessor directive "#define"/);
    expect(first.frame).toContain(`${line} | #define`);
  });

  it('reads the UTF-16LE / CRLF file like the others', () => {
    const file = 'Windows-driver-samples/storage/iscsi/src/iscsiprf.mof';
    const bytes = readFileSync(join(WMI, file));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const { document } = parseMof(decodeMofBytes(bytes), file);
    expect(document.definitions.filter((d) => d.kind === 'ClassDeclaration')).toHaveLength(14);
  });
});

/** A MofFileSource over node:fs, as the CLI would implement it. */
const nodeFs: MofFileSource = {
  async read(path) {
    try {
      return new Uint8Array(await readFile(path));
    } catch {
      return undefined;
    }
  },
  resolve: (from, include) => resolve(dirname(from), include),
};

interface Oracle {
  counts: { classes: number; qualifier_declarations: number; declared_properties: number; declared_methods: number };
  compile_order: string[];
  qualifier_declarations: Array<{
    name: string;
    type: string;
    is_array: boolean;
    scopes: string[];
    flavors: {
      overridable: boolean | null;
      tosubclass: boolean | null;
      toinstance: boolean | null;
      translatable: boolean | null;
    };
  }>;
  classes: Array<{
    name: string;
    superclass: string | null;
    declared_class_qualifiers: string[];
    declared_properties: string[];
    declared_methods: string[];
    property_types: Record<string, string>;
  }>;
}

describe('DMTF CIM Schema 2.49 with its includes', () => {
  let documents: readonly MofDocument[];
  let diagnostics: readonly MofDiagnostic[];
  let classes: ClassDeclarationNode[];
  let qualifiers: QualifierDeclarationNode[];
  const oracle = JSON.parse(
    readFileSync(join(import.meta.dirname, 'testdata', 'cim-schema-oracle.json'), 'utf8'),
  ) as Oracle;

  beforeAll(async () => {
    ({ documents, diagnostics } = await parseMofFiles(join(CORPUS, 'cim-schema', 'cim_schema_2.49.0.mof'), nodeFs));
    const defs = documents.flatMap((d) => d.definitions);
    classes = defs.filter((d): d is ClassDeclarationNode => d.kind === 'ClassDeclaration');
    qualifiers = defs.filter((d): d is QualifierDeclarationNode => d.kind === 'QualifierDeclaration');
  });

  it('parses 1,634 files with no diagnostics', () => {
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(documents).toHaveLength(1634);
    expect(documents[0]!.definitions.filter((d) => d.kind === 'Pragma' && d.resolved !== undefined)).toHaveLength(1633);
  });

  it('finds 1,631 classes and 70 qualifier declarations, in the oracle order', () => {
    expect(classes).toHaveLength(1631);
    expect(qualifiers).toHaveLength(70);
    expect(classes.map((c) => c.name.value)).toEqual(oracle.compile_order);
  });

  it('converts every qualifier declaration as pywbem reads it', () => {
    const byName = new Map(oracle.qualifier_declarations.map((q) => [q.name, q]));
    for (const node of qualifiers) {
      const { value, problems } = qualifierDeclarationToModel(node);
      expect(problems).toEqual([]);
      const o = byName.get(value.name)!;
      expect(o, value.name).toBeDefined();
      expect([value.name, value.type?.base, value.type?.array]).toEqual([o.name, o.type, o.is_array]);
      expect([...value.scopes].sort()).toEqual(o.scopes.map((s) => s.toLowerCase()).sort());
      // pywbem reports null when no Flavor list is written: DMTF's defaults, EnableOverride + ToSubclass.
      expect((value.flavor & WBEM_FLAVOR.NOT_OVERRIDABLE) === 0).toBe(o.flavors.overridable ?? true);
      expect((value.flavor & WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS) !== 0).toBe(o.flavors.tosubclass ?? true);
      if (o.flavors.translatable !== null)
        expect((value.flavor & WBEM_FLAVOR.AMENDED) !== 0).toBe(o.flavors.translatable);
    }
  });

  it('converts every class to the declared members pywbem sees', () => {
    const decls = new Map<string, QualifierDeclaration>();
    for (const q of qualifiers) decls.set(q.name.value.toLowerCase(), qualifierDeclarationToModel(q).value);
    const byName = new Map(oracle.classes.map((c) => [c.name, c]));
    let properties = 0;
    let methods = 0;
    for (const node of classes) {
      const { value, problems } = classToModel(node, {
        namespace: 'root\\cimv2',
        getQualifierDecl: (_ns, n) => decls.get(n.toLowerCase()),
      });
      expect(problems).toEqual([]);
      const o = byName.get(value.name)!;
      expect(value.superclass).toBe(o.superclass);
      expect(value.qualifiers.map((q) => q.name)).toEqual(o.declared_class_qualifiers);
      expect(value.properties.map((p) => p.name)).toEqual(o.declared_properties);
      expect(value.methods.map((m) => m.name)).toEqual(o.declared_methods);
      for (const p of value.properties) {
        const t = `${p.type.base === 'ref' ? `ref:${p.type.className}` : p.type.base}${p.type.array ? '[]' : ''}`;
        expect(t.toLowerCase(), `${value.name}.${p.name}`).toBe(o.property_types[p.name]!.toLowerCase());
      }
      properties += value.properties.length;
      methods += value.methods.length;
    }
    expect([properties, methods]).toEqual([oracle.counts.declared_properties, oracle.counts.declared_methods]);
  });
});
