import type { ExtendedStatus } from '../errors/extendedStatus';
import { failure, toExtendedStatus } from '../errors/opFailure';
import { HR, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import { thrownFailure } from '../errors/thrownFailure';
import {
  nameKey,
  type ClassDefinition,
  type InstanceDefinition,
  type QualifierDeclaration,
  type SourceLocation,
} from '../model';
import { compileMof, type MofCompileOptions, type MofCompileResult } from '../mof/compileMof';
import { compileMofFiles } from '../mof/compileMofFiles';
import type { MofFileSource } from '../mof/parseMofFiles';
import type { MofDiagnostic } from '../mof/diagnostics';
import type { MofOpResult, MofTarget } from '../mof/mofTarget';
import type { MofDocument } from '../mof/ast';
import type { Repository } from '../repository/Repository';
import type { Txn } from '../repository/Txn';
import type { AsyncCalls } from './asyncCalls';
import type { ObjectSink } from './sink';
import { WbemServices, type OpResult } from './WbemServices';

export interface MofImportOptions {
  /** Keep what succeeded after a failure, as mofcomp does (decisions §12). Default: atomic. */
  readonly continueOnError?: boolean;
  /** Class flags before any `#pragma classflags` (mofcomp's -class: switch). */
  readonly classFlags?: number;
  readonly instanceFlags?: number;
  /** Called as declarations are applied. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between declarations: true abandons the import before its commit. */
  readonly isCancelled?: () => boolean;
}

export interface MofImportResult {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /** Syntax errors: when there is any, nothing was applied. */
  readonly diagnostics: readonly MofDiagnostic[];
  /** Every semantic failure (one, unless continueOnError). */
  readonly failures: MofCompileResult['failures'];
  readonly classes: number;
  readonly instances: number;
  readonly qualifiers: number;
  /** False when the import was rolled back (or never applied). */
  readonly committed: boolean;
}

/** How many declarations a cancellable import applies between two turns of the message loop. */
const YIELD_EVERY = 256;

const result = (r: OpResult, operation: string): MofOpResult => ({
  hr: r.hr,
  errorObject: r.failure ? toExtendedStatus(r.failure, operation) : null,
  ...(r.path ? { path: r.path } : {}),
});

/** The repository, inside one transaction, as the MOF compiler's target. */
export function transactionTarget(
  repo: Repository,
  txn: Txn,
  user: string,
  locale: number,
  isCancelled?: () => boolean,
): MofTarget {
  let ops = 0;
  const services = new Map<string, WbemServices>();
  const svc = (ns: string) => {
    let s = services.get(nameKey(ns));
    if (!s) services.set(nameKey(ns), (s = new WbemServices(repo, ns, { user, locale })));
    return s;
  };
  const missing = (ns: string): MofOpResult => ({
    hr: HR.E_INVALID_NAMESPACE,
    errorObject: toExtendedStatus(failure(HR.E_INVALID_NAMESPACE, ns, `Namespace ${ns} does not exist.`), 'MOF import'),
  });
  const enabled = (ns: string) => (repo.rightsOf(ns, user) & WBEM_RIGHT.ENABLE) !== 0;
  const denied = (ns: string): MofOpResult => ({
    hr: HR.E_ACCESS_DENIED,
    errorObject: toExtendedStatus(
      failure(HR.E_ACCESS_DENIED, ns, `The caller lacks WBEM_ENABLE on ${ns}.`),
      'MOF import',
    ),
  });
  const guard = async (ns: string, run: () => Promise<MofOpResult> | MofOpResult): Promise<MofOpResult> => {
    if (isCancelled) {
      // A cancellable import lets the message loop run now and then, so a CancelAsyncCall is seen
      // before the commit point.
      if (++ops % YIELD_EVERY === 0) await new Promise<void>((r) => setTimeout(r, 0));
      if (isCancelled()) {
        return {
          hr: HR.E_CALL_CANCELLED,
          errorObject: toExtendedStatus(failure(HR.E_CALL_CANCELLED, ns, 'The import was cancelled.'), 'MOF import'),
        };
      }
    }
    if (!repo.state.ns(ns)) return missing(ns);
    if (!enabled(ns)) return denied(ns);
    return run();
  };
  return {
    putQualifierDecl: (ns, decl: QualifierDeclaration) =>
      guard(ns, () => result(svc(ns).execPutQualifierDecl(txn, decl), 'PutQualifier')),
    putClass: (ns, def: ClassDefinition, flags) =>
      guard(ns, async () => result(await svc(ns).execPutClass(txn, def, flags, null), 'PutClass')),
    putInstance: (ns, inst: InstanceDefinition, flags) =>
      guard(ns, async () => result(await svc(ns).execPutInstance(txn, inst, flags), 'PutInstance')),
    deleteClass: (ns, name) =>
      guard(ns, async () => result(await svc(ns).execDeleteClass(txn, name, 0, null), 'DeleteClass')),
    deleteInstance: (ns, path) =>
      guard(ns, async () => result(await svc(ns).execDeleteInstance(txn, path), 'DeleteInstance')),
    getQualifierDecl: (ns, name) => repo.state.ns(ns)?.qualifierDecl(name),
    hasNamespace: (ns) => repo.state.ns(ns) !== undefined,
  };
}

/** Where and as whom an import runs. */
export interface ImportContext {
  readonly repo: Repository;
  /** The namespace before any `#pragma namespace`. */
  readonly namespace: string;
  readonly user: string;
  readonly locale: number;
}

/** One MOF import: one transaction (one undo step), the repository inside it as the compiler's target. */
function inTransaction(
  { repo, user, locale }: ImportContext,
  options: MofImportOptions,
  run: (txn: Txn, target: MofTarget) => Promise<MofImportResult>,
): Promise<MofImportResult> {
  return repo.exclusive('MOF import', (txn) =>
    run(txn, transactionTarget(repo, txn, user, locale, options.isCancelled)),
  );
}

/**
 * Apply parsed MOF documents as one operation (decisions §12): one transaction and one undo
 * step; the first semantic failure rolls everything back unless continueOnError.
 */
export function applyMof(
  ctx: ImportContext,
  documents: readonly MofDocument[],
  options: MofImportOptions = {},
): Promise<MofImportResult> {
  return inTransaction(ctx, options, async (txn, target) => {
    const compiled = await compileMof(documents, target, compileOptions(ctx.namespace, options));
    return settleImport(txn, compiled, options);
  });
}

/**
 * Parse and apply MOF files as one operation, each file applied as soon as it is parsed
 * (compileMofFiles: no syntax tree of the whole import is kept). A syntax problem in any file
 * rolls back what was applied, so nothing is (decisions §12), and every problem is reported.
 */
export function importMofFiles(
  ctx: ImportContext,
  entry: string,
  source: MofFileSource,
  options: MofImportOptions = {},
): Promise<MofImportResult> {
  return inTransaction(ctx, options, async (txn, target) => {
    const r = await compileMofFiles(entry, source, target, {
      ...compileOptions(ctx.namespace, options),
      ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
    });
    // A cancel wins over what parsing found before it (the rest of the files were not read).
    if (r.diagnostics.length > 0 && !options.isCancelled?.()) {
      txn.aborted = true;
      return syntaxFailure(r.diagnostics);
    }
    return settleImport(txn, r.compiled, options);
  });
}

function compileOptions(namespace: string, options: MofImportOptions): MofCompileOptions {
  return {
    defaultNamespace: namespace,
    ...(options.continueOnError ? { continueOnError: true } : {}),
    ...(options.classFlags !== undefined ? { classFlags: options.classFlags } : {}),
    ...(options.instanceFlags !== undefined ? { instanceFlags: options.instanceFlags } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** The outcome of a compiled import: commit what it applied, or roll it back (failed or cancelled). */
function settleImport(txn: Txn, compiled: MofCompileResult, options: MofImportOptions): MofImportResult {
  const cancelled = options.isCancelled?.() ?? false;
  const failed = compiled.hr >>> 0 >= 0x80000000;
  const keep = !cancelled && (!failed || options.continueOnError === true);
  if (!keep) txn.aborted = true;
  const first = compiled.failures[0];
  const hr = cancelled ? HR.E_CALL_CANCELLED : compiled.hr;
  let errorObject: ExtendedStatus | null = null;
  if (cancelled)
    errorObject = toExtendedStatus(failure(HR.E_CALL_CANCELLED, '', 'The import was cancelled.'), 'MOF import');
  else if (first) {
    const base = first.errorObject ?? toExtendedStatus(failure(first.hr, first.name, first.message), 'MOF import');
    errorObject = {
      ...base,
      Location: first.loc as SourceLocation,
      Description: `${first.loc.file}:${first.loc.line}:${first.loc.column}: ${base.Description}`,
    };
  }
  return {
    hr,
    errorObject,
    diagnostics: [],
    failures: compiled.failures,
    classes: compiled.classes,
    instances: compiled.instances,
    qualifiers: compiled.qualifiers,
    committed: keep && txn.changes.length > 0,
  };
}

/** An import that applied nothing, failing before any declaration (no namespace, no right, storage). */
export function importFailure(hr: number, errorObject: ExtendedStatus | null = null): MofImportResult {
  return { hr, errorObject, diagnostics: [], failures: [], classes: 0, instances: 0, qualifiers: 0, committed: false };
}

/** A syntax-error result: nothing applied, every diagnostic reported. */
export function syntaxFailure(diagnostics: readonly MofDiagnostic[]): MofImportResult {
  const first = diagnostics[0]!;
  return {
    hr: first.hr,
    errorObject: toExtendedStatus(
      {
        ...failure(first.hr, first.file, `${first.file}:${first.line}:${first.column}: ${first.message}`),
        location: { file: first.file, line: first.line, column: first.column },
      },
      'MOF import',
    ),
    diagnostics,
    failures: [],
    classes: 0,
    instances: 0,
    qualifiers: 0,
    committed: false,
  };
}

/** Sink delivery of an import (progress per declaration with SEND_STATUS), for importMofAsync. */
export function importWithSink(
  calls: AsyncCalls,
  sink: ObjectSink,
  flags: number,
  run: (opts: MofImportOptions) => Promise<MofImportResult>,
): void {
  const call = calls.begin(sink, (flags & WBEM_FLAG.SEND_STATUS) !== 0);
  setTimeout(() => {
    if (call.cancelled) return;
    run({
      onProgress: (done, total) => calls.progress(call, done, total),
      isCancelled: () => call.cancelled,
    }).then(
      (r) => calls.complete(call, r.hr, r.errorObject),
      (e: unknown) => {
        const f = thrownFailure(e);
        calls.complete(call, f.hr, toExtendedStatus(f, 'MOF import'));
      },
    );
  }, 0);
}
