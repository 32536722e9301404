import { basename, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMofFiles } from '../../cli/mofFiles';
import { nodeFileSource } from '../../cli/nodeFileSource';
import { hrName } from '../../errors/wbem';
import type { MofFileSource } from '../parseMofFiles';
import { parseMofFiles } from '../parseMofFiles';
import { Repository } from '../../repository/Repository';
import { connectServer } from '../../service/connectServer';

/**
 * Issue 3's evidence for the real WMI MOFs of public/corpus/wmi-mof: each file compiles into a
 * fresh repository after public/wmi-base/wmi-base.mof, the small base MOF that declares the
 * Windows classes and namespaces they assume (EventTrace, WMIEvent, Win32_PerfRawData,
 * CIM_Process, Msvm_*, OMI_BaseResource, root\WMI, …).
 *
 * That every file parses, and that the two C-preprocessor files get a positioned "unsupported"
 * diagnostic, is asserted in src/mof/corpus.test.ts; not repeated here.
 */
const PUBLIC = resolve(import.meta.dirname, '../../../public');
const WMI = join(PUBLIC, 'corpus', 'wmi-mof');
const BASE = join(PUBLIC, 'wmi-base', 'wmi-base.mof');
const CIM = join(PUBLIC, 'corpus', 'cim-schema', 'cim_schema_2.49.0.mof');

const FILES = listMofFiles(WMI)
  .sort()
  .map((p) => relative(WMI, p).replace(/\\/g, '/'));

/** C preprocessor input (the WDK runs cl /EP before mofcomp): not MOF as it stands. */
const C_PREPROCESSOR = new Set([
  'Windows-driver-samples/storage/iscsi/src/common.mof',
  'Windows-driver-samples/storage/iscsi/src/mgmt.mof',
]);
/** Includes cim_schema_2.26.0.mof, which the sample does not ship. */
const SAMPLE = 'Windows-classic-samples/Samples/ManagementInfrastructure/cpp/Sample.mof';

/**
 * The namespace before any #pragma namespace, as these files are deployed: WDM driver MOFs go to
 * root\WMI (the kernel's WMI loader puts them there), DSC resource schemas to DSC's namespace,
 * the rest to mofcomp's default, root\default.
 */
function defaultNamespace(file: string): string {
  if (file.startsWith('Windows-driver-samples/')) return 'root\\WMI';
  if (file.startsWith('xPSDesiredStateConfiguration/')) return 'root\\Microsoft\\Windows\\DesiredStateConfiguration';
  return 'root\\default';
}

async function withBase(): Promise<Repository> {
  const repo = new Repository();
  const r = await connectServer(repo, 'root\\default').services!.importMof({ entry: BASE, source: nodeFileSource() });
  expect(r.diagnostics).toEqual([]);
  expect(r.failures).toEqual([]);
  return repo;
}

async function declared(entry: string, source: MofFileSource) {
  const { documents } = await parseMofFiles(entry, source);
  const defs = documents.flatMap((d) => d.definitions);
  return {
    classes: defs.filter((d) => d.kind === 'ClassDeclaration').length,
    instances: defs.filter((d) => d.kind === 'InstanceDeclaration').length,
  };
}

const COMPILING = FILES.filter((f) => !C_PREPROCESSOR.has(f) && f !== SAMPLE);

describe('the WMI base MOF (public/wmi-base/wmi-base.mof)', () => {
  it('loads atomically into a fresh repository and creates the namespaces the corpus names', async () => {
    const repo = await withBase();
    for (const ns of ['root\\WMI', 'root\\virtualization\\v2', 'root\\Microsoft\\Windows\\DesiredStateConfiguration'])
      expect(repo.state.ns(ns), ns).toBeDefined();
    const has = (ns: string, cls: string) => repo.state.ns(ns)?.resolve(cls) !== undefined;
    expect(has('root\\WMI', 'EventTrace')).toBe(true);
    expect(has('root\\WMI', 'WMIEvent')).toBe(true);
    expect(has('root\\WMI', 'Win32_PerfRawData')).toBe(true);
    expect(has('root\\cimv2', 'CIM_Process')).toBe(true);
    expect(has('root\\cimv2', 'Win32_PerfRawData')).toBe(true);
    expect(has('root\\virtualization\\v2', 'Msvm_EthernetSwitchFeatureSettingData')).toBe(true);
    expect(has('root\\Microsoft\\Windows\\DesiredStateConfiguration', 'OMI_BaseResource')).toBe(true);
  });
});

describe('real WMI MOFs compile after the base MOF, each into a fresh repository', () => {
  it('the corpus has 38 files: 35 compile as they are, 2 need the C preprocessor, 1 misses an include', () => {
    expect(FILES).toHaveLength(38);
    expect(COMPILING).toHaveLength(35);
  });

  it.each(COMPILING)('%s', async (file) => {
    const repo = await withBase();
    const source = nodeFileSource();
    const entry = join(WMI, file);
    const svc = connectServer(repo, defaultNamespace(file)).services!;
    const r = await svc.importMof({ entry, source });
    expect(r.diagnostics).toEqual([]);
    expect(r.failures.map((f) => `${basename(f.loc.file)}:${f.loc.line}: ${hrName(f.hr)} ${f.message}`)).toEqual([]);
    expect(hrName(r.hr)).toBe('WBEM_S_NO_ERROR');
    // Every declaration was applied: nothing skipped, nothing deferred and forgotten.
    const want = await declared(entry, source);
    expect({ classes: r.classes, instances: r.instances }).toEqual(want);
  });

  it(`${SAMPLE}: with the corpus's CIM Schema 2.49 standing in for the missing cim_schema_2.26.0.mof, its own classes all load`, async () => {
    const plain = nodeFileSource();
    const source: MofFileSource = {
      read: (p) => plain.read(p),
      resolve: (from, include) => (include === 'cim_schema_2.26.0.mof' ? CIM : plain.resolve(from, include)),
    };
    const repo = new Repository();
    const r = await connectServer(repo, 'root\\default').services!.importMof(
      { entry: join(WMI, SAMPLE), source },
      { continueOnError: true },
    );
    expect(r.diagnostics).toEqual([]);
    // The only failures are the schema's own 7 (decisions §12), none in Sample.mof.
    expect(r.failures.map((f) => f.name)).toEqual([
      'CIM_PolicyInSystem',
      'CIM_PolicySetInSystem',
      'CIM_PolicyGroupInSystem',
      'CIM_PolicyRuleInSystem',
      'CIM_PolicyActionInPolicyRepository',
      'CIM_PolicyConditionInPolicyRepository',
      'CIM_ReusablePolicy',
    ]);
    expect(r.classes).toBe(1624 + 6);
    const ns = repo.state.ns('root\\default')!;
    for (const cls of [
      'MSFT_WindowsProcess',
      'MSFT_WindowsService',
      'MSFT_WindowsServiceManager',
      'MSFT_WindowsServiceProcess',
      'MSFT_WindowsServiceStopped',
      'MSFT_WindowsServiceStarted',
    ])
      expect(ns.resolve(cls), cls).toBeDefined();
    expect(ns.resolve('MSFT_WindowsServiceProcess')!.derivation).toEqual(['CIM_ServiceProcess']);
    expect(ns.resolve('MSFT_WindowsServiceStarted')!.derivation).toEqual([
      'CIM_InstModification',
      'CIM_InstIndication',
      'CIM_Indication',
    ]);
  });

  it('without the base MOF, the files that need Windows classes fail with the HRESULT WMI gives', async () => {
    const cases: Array<[string, string, string]> = [
      ['Windows-driver-samples/storage/msdsm/src/dsmtrace.mof', 'WBEM_E_INVALID_NAMESPACE', '#pragma namespace'],
      [
        'Windows-classic-samples/Samples/Win7Samples/sysmgmt/wmi/vc/hiperfprovider/BasicHiPerf.Mof',
        'WBEM_E_INVALID_SUPERCLASS',
        'Win32_BasicHiPerf',
      ],
      [
        'xPSDesiredStateConfiguration/source/DSCResources/DSC_xRemoteFile/DSC_xRemoteFile.schema.mof',
        'WBEM_E_INVALID_SUPERCLASS',
        'DSC_xRemoteFile',
      ],
    ];
    for (const [file, hr, name] of cases) {
      const repo = new Repository();
      const r = await connectServer(repo, 'root\\default').services!.importMof({
        entry: join(WMI, file),
        source: nodeFileSource(),
      });
      expect([hrName(r.hr), r.failures[0]?.name, r.committed]).toEqual([hr, name, false]);
    }
  });
});
