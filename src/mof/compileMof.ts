import { WBEMSTATUS, WBEM_FLAG, failed, hrName } from '../errors/wbem';
import type { ExtendedStatus } from '../errors/extendedStatus';
import type { QualifierDeclaration, SourceLocation } from '../model';
import type { ClassDeclarationNode, Definition, InstanceDeclarationNode, Loc, MofDocument, PragmaNode } from './ast';
import { aliasDefinitions, aliasReferences, findAliasCycles } from './checkAliases';
import type { ValueProblem } from './convertValue';
import type { MofOpResult, MofTarget } from './mofTarget';
import { classFlagsOf, deleteTargetOf, formatPragma, instanceFlagsOf, resolveNamespace, stringArgOf } from './pragmas';
import { classToModel, instanceToModel, qualifierDeclarationToModel, sourceLocation } from './toModel';

export interface MofCompileOptions {
  /** Namespace before any `#pragma namespace` (mofcomp's -N; WMI's default is root\default). */
  readonly defaultNamespace: string;
  /** Go on after a failure and report every one (mofcomp's behaviour); default: stop at the first. */
  readonly continueOnError?: boolean;
  /** Called after each declaration or pragma: `done` rises to `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Flags for classes before any `#pragma classflags` (mofcomp -class:). */
  readonly classFlags?: number;
  /** Flags for instances before any `#pragma instanceflags` (mofcomp -instance:). */
  readonly instanceFlags?: number;
}

export interface MofCompileFailure {
  readonly hr: number;
  /** The class, `instance of Class`, `qualifier Name` or `#pragma name` that failed. */
  readonly name: string;
  readonly loc: SourceLocation;
  readonly message: string;
  /** The target's __ExtendedStatus; null for failures found by the compiler itself. */
  readonly errorObject: ExtendedStatus | null;
}

export interface MofCompileResult {
  /** The first failure's HRESULT, or 0. */
  readonly hr: number;
  readonly failures: readonly MofCompileFailure[];
  /** Successful puts. */
  readonly classes: number;
  readonly instances: number;
  readonly qualifiers: number;
  /** locale / instancelocale / amendment / autorecover pragmas met, as written (`locale("en_US")`). */
  readonly pragmas: readonly string[];
}

/** The pragmas in force at a point of the walk. */
interface PragmaState {
  namespace: string;
  classFlags: number;
  instanceFlags: number;
  amendment: boolean;
}

interface Deferred {
  readonly decl: InstanceDeclarationNode;
  readonly state: Readonly<PragmaState>;
  /** Deferral order: instances that become ready together are compiled in it. */
  readonly seq: number;
  /** Distinct aliases it still waits for. */
  missing: number;
  done: boolean;
}

/**
 * Applies parsed MOF to a target, declaration by declaration in source order, with the pragmas
 * in force (decisions §12): includes are compiled where they stand, as if pasted there.
 * Documents that another one includes are compiled at the include, the others in order.
 *
 * An instance that refers to an alias not yet created is deferred until that alias's instance
 * has been put (forward references); what is still waiting at the end is circular or depends
 * on a failed instance. The first failure stops compilation unless `continueOnError`.
 * No transactions here: the caller wraps the whole call in one (and rolls back on failure).
 */
export async function compileMof(
  documents: readonly MofDocument[],
  target: MofTarget,
  options: MofCompileOptions,
): Promise<MofCompileResult> {
  const compiler = new MofCompiler(target, options, { defs: aliasDefinitions(documents), complete: true });
  const byFile = new Map(documents.map((d) => [d.file, d]));
  const includedDocument = (def: PragmaNode, active: ReadonlySet<string>): MofDocument | undefined =>
    def.resolved === undefined || active.has(def.resolved) ? undefined : byFile.get(def.resolved);

  /** Declarations a walk will visit, includes expanded, for progress. */
  const count = (doc: MofDocument, active: ReadonlySet<string>): number => {
    let n = 0;
    for (const def of doc.definitions) {
      n++;
      const inc = isInclude(def) ? includedDocument(def, active) : undefined;
      if (inc !== undefined) n += count(inc, new Set([...active, inc.file]));
    }
    return n;
  };

  const walk = async (doc: MofDocument, active: ReadonlySet<string>): Promise<void> => {
    for (const def of doc.definitions) {
      if (compiler.stopped) return;
      if (!isInclude(def)) {
        await compiler.definition(def);
        continue;
      }
      const inc = includedDocument(def, active);
      if (inc !== undefined) await walk(inc, new Set([...active, inc.file]));
      else if (def.resolved === undefined || !active.has(def.resolved)) compiler.includeNotLoaded(def);
      compiler.progress();
    }
  };

  const included = new Set<string>();
  for (const d of documents) {
    for (const def of d.definitions) {
      if (isInclude(def) && def.resolved !== undefined && byFile.has(def.resolved)) included.add(def.resolved);
    }
  }
  let roots = documents.filter((d) => !included.has(d.file));
  if (roots.length === 0) roots = documents.slice(0, 1);
  for (const r of roots) compiler.expect(count(r, new Set([r.file])));
  for (const r of roots) {
    if (compiler.stopped) break;
    await walk(r, new Set([r.file]));
  }
  return compiler.finish();
}

/** `#pragma include` / `#include`: the driver of a compilation follows these, the compiler never sees them. */
export function isInclude(def: Definition): def is PragmaNode {
  return def.kind === 'Pragma' && def.name === 'include';
}

/**
 * What the compiler knows of the import's aliases (lower-case name → first declaration). While
 * files are still being read (`complete` false), an alias not yet seen may be defined further on.
 */
export interface AliasBook {
  readonly defs: ReadonlyMap<string, ClassDeclarationNode | InstanceDeclarationNode>;
  readonly complete: boolean;
}

/**
 * Compiles definitions one at a time, in the order a driver hands them over (compileMof over
 * parsed documents; compileMofFiles as files are parsed). Include pragmas are the driver's.
 */
export class MofCompiler {
  private readonly failures: MofCompileFailure[] = [];
  private readonly pragmas: string[] = [];
  private classes = 0;
  private instances = 0;
  private qualifiers = 0;
  private halted = false;
  private done = 0;
  private total = 0;
  /** Alias (lower case) → object path (instances) or class name (classes). */
  private readonly aliasPaths = new Map<string, string>();
  private pending: Deferred[] = [];
  /** Alias (lower case) → the deferred instances waiting for it (forward references). */
  private readonly waiting = new Map<string, Deferred[]>();
  private readonly state: PragmaState;
  /**
   * The target's qualifier declarations by namespace and name as written: a class of the CIM
   * schema looks up Description on every element. Cleared whenever a declaration, an instance or
   * a deletion is applied (only this compilation changes the repository while it runs).
   */
  private declCache = new Map<string, Map<string, QualifierDeclaration | null>>();
  private readonly qualifierDecl = (namespace: string, name: string): QualifierDeclaration | undefined => {
    let byName = this.declCache.get(namespace);
    if (byName === undefined) this.declCache.set(namespace, (byName = new Map()));
    let d = byName.get(name);
    if (d === undefined) byName.set(name, (d = this.target.getQualifierDecl(namespace, name) ?? null));
    return d ?? undefined;
  };

  constructor(
    private readonly target: MofTarget,
    private readonly options: MofCompileOptions,
    private readonly aliases: AliasBook,
  ) {
    this.state = {
      namespace: options.defaultNamespace,
      classFlags: options.classFlags ?? 0,
      instanceFlags: options.instanceFlags ?? 0,
      amendment: false,
    };
  }

  /** A failure stopped the compilation (never with continueOnError). */
  get stopped(): boolean {
    return this.halted;
  }

  /** `n` more definitions will be handed over (the progress total). */
  expect(n: number): void {
    this.total += n;
  }

  /** One more definition done (the driver calls it for include pragmas; definition() does for the rest). */
  progress(): void {
    this.done++;
    this.options.onProgress?.(this.done, this.total);
  }

  /** An include the driver could not follow. */
  includeNotLoaded(p: PragmaNode): void {
    this.fail(
      `#pragma ${p.name}`,
      p.loc,
      WBEMSTATUS.WBEMMOF_E_INVALID_INCLUDE_FILE,
      'The included file was not loaded: parse with parseMofFiles to follow includes.',
    );
  }

  /** Compiles one definition (not an include), then counts it for progress. */
  async definition(def: Definition): Promise<void> {
    switch (def.kind) {
      case 'Pragma':
        await this.pragma(def);
        break;
      case 'QualifierDeclaration': {
        const { value, problems } = qualifierDeclarationToModel(def);
        const name = `qualifier ${value.name}`;
        if (this.convertFailed(name, problems)) break;
        const r = await this.call(name, def.loc, () =>
          this.target.putQualifierDecl(this.state.namespace, value, sourceLocation(def.loc)),
        );
        this.declCache = new Map();
        if (r !== undefined) this.qualifiers++;
        break;
      }
      case 'ClassDeclaration':
        await this.putClass(def);
        break;
      case 'InstanceDeclaration':
        await this.instanceOrDefer(def);
        break;
    }
    this.progress();
  }

  /** After the last definition: what is still deferred is reported, and the outcome returned. */
  finish(): MofCompileResult {
    if (!this.halted) this.reportStuck();
    return {
      hr: this.failures[0]?.hr ?? 0,
      failures: this.failures,
      classes: this.classes,
      instances: this.instances,
      qualifiers: this.qualifiers,
      pragmas: this.pragmas,
    };
  }

  private async pragma(p: PragmaNode): Promise<void> {
    const name = `#pragma ${p.name}`;
    switch (p.name) {
      case 'namespace': {
        const arg = stringArgOf(p);
        const ns = arg.ok ? resolveNamespace(this.state.namespace, arg.value) : arg;
        if (!ns.ok) return this.fail(name, p.loc, WBEMSTATUS[ns.code], ns.message);
        this.state.namespace = ns.value;
        if (!this.target.hasNamespace(ns.value)) {
          this.fail(name, p.loc, WBEMSTATUS.WBEM_E_INVALID_NAMESPACE, `Namespace ${ns.value} does not exist.`);
        }
        return;
      }
      case 'classflags':
      case 'instanceflags': {
        const f = p.name === 'classflags' ? classFlagsOf(p) : instanceFlagsOf(p);
        if (!f.ok) return this.fail(name, p.loc, WBEMSTATUS[f.code], f.message);
        if (p.name === 'classflags') this.state.classFlags = f.value;
        else this.state.instanceFlags = f.value;
        return;
      }
      case 'deleteclass':
      case 'deleteinstance': {
        const t = deleteTargetOf(p);
        if (!t.ok) return this.fail(name, p.loc, WBEMSTATUS[t.code], t.message);
        const ns = this.state.namespace;
        const loc = sourceLocation(p.loc);
        const op = (): Promise<MofOpResult> =>
          p.name === 'deleteclass'
            ? this.target.deleteClass(ns, t.value.name, loc)
            : this.target.deleteInstance(ns, t.value.name, loc);
        // NOFAIL: a class or instance that is not there is no failure; any other error still is.
        await this.call(`${name}(${t.value.name})`, p.loc, op, t.value.fail ? undefined : WBEMSTATUS.WBEM_E_NOT_FOUND);
        this.declCache = new Map(); // deleting an __NAMESPACE instance removes a namespace
        return;
      }
      case 'amendment':
        this.state.amendment = true;
        this.pragmas.push(formatPragma(p));
        return;
      case 'locale':
      case 'instancelocale':
      case 'autorecover':
        this.pragmas.push(formatPragma(p));
        return;
      default:
        this.fail(name, p.loc, WBEMSTATUS.WBEMMOF_E_INVALID_PRAGMA, `Unknown pragma "${p.name}".`);
    }
  }

  private async putClass(def: ClassDeclarationNode): Promise<void> {
    const ns = this.state.namespace;
    // Only instances are deferred: a class default naming an alias defined further down is refused
    // with a message that says so (a class cannot wait: later declarations may depend on it).
    const later = aliasReferences(def).find((r) => !this.aliasPaths.has(r.name.toLowerCase()));
    if (later !== undefined && (!this.aliases.complete || this.aliases.defs.has(later.name.toLowerCase()))) {
      return this.fail(
        def.name.value,
        later.loc,
        WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS,
        `Alias $${later.name} is used in a class default before its instance is compiled.`,
      );
    }
    const { value, problems } = classToModel(def, {
      namespace: ns,
      getQualifierDecl: this.qualifierDecl,
      resolveAlias: (a) => this.aliasPaths.get(a.toLowerCase()),
    });
    if (this.convertFailed(value.name, problems)) return;
    // `#pragma amendment`: amended qualifiers go to the locale namespace (decisions §7).
    const flags = this.state.classFlags | (this.state.amendment ? WBEM_FLAG.USE_AMENDED_QUALIFIERS : 0);
    const r = await this.call(value.name, def.loc, () =>
      this.target.putClass(ns, value, flags, sourceLocation(def.loc)),
    );
    if (r === undefined) return;
    this.classes++;
    if (def.alias !== undefined) await this.defineAlias(def.alias.value, value.name);
  }

  private async instanceOrDefer(
    def: InstanceDeclarationNode,
    state: Readonly<PragmaState> = this.state,
  ): Promise<void> {
    const waiting = aliasReferences(def).filter((r) => !this.aliasPaths.has(r.name.toLowerCase()));
    // Unknown while files are still being read: wait, and let the end of the import judge it.
    const undefinedRef = this.aliases.complete
      ? waiting.find((r) => !this.aliases.defs.has(r.name.toLowerCase()))
      : undefined;
    if (undefinedRef !== undefined) {
      return this.fail(
        this.instanceName(def),
        undefinedRef.loc,
        WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS,
        `Alias $${undefinedRef.name} is not defined.`,
      );
    }
    if (waiting.length > 0) {
      const aliases = new Set(waiting.map((r) => r.name.toLowerCase()));
      const d: Deferred = {
        decl: def,
        state: { ...state },
        seq: this.pending.length,
        missing: aliases.size,
        done: false,
      };
      this.pending.push(d);
      for (const a of aliases) {
        const list = this.waiting.get(a);
        if (list === undefined) this.waiting.set(a, [d]);
        else list.push(d);
      }
      return;
    }
    const { value, problems } = instanceToModel(def, {
      namespace: state.namespace,
      getQualifierDecl: this.qualifierDecl,
      resolveAlias: (a) => this.aliasPaths.get(a.toLowerCase()),
    });
    const name = this.instanceName(def);
    if (this.convertFailed(name, problems)) return;
    const r = await this.call(name, def.loc, () =>
      this.target.putInstance(state.namespace, value, state.instanceFlags, sourceLocation(def.loc)),
    );
    this.declCache = new Map(); // an __NAMESPACE instance may create a namespace
    if (r === undefined) return;
    this.instances++;
    if (def.alias === undefined) return;
    if (r.path === undefined) {
      return this.fail(
        name,
        def.alias.loc,
        WBEMSTATUS.WBEM_E_INVALID_OBJECT_PATH,
        `The target gave no object path for alias $${def.alias.value}.`,
      );
    }
    await this.defineAlias(def.alias.value, r.path);
  }

  /**
   * Records an alias and compiles the deferred instances that were waiting only for it (in the
   * order they were deferred). Each instance is indexed by the aliases it waits for, so a long
   * chain of forward references costs linear time.
   */
  private async defineAlias(alias: string, path: string): Promise<void> {
    const key = alias.toLowerCase();
    this.aliasPaths.set(key, path);
    const waiters = this.waiting.get(key);
    if (waiters === undefined) return;
    this.waiting.delete(key);
    const ready: Deferred[] = [];
    for (const d of waiters) if (--d.missing === 0) ready.push(d);
    ready.sort((a, b) => a.seq - b.seq);
    for (const d of ready) {
      if (this.halted) return;
      d.done = true;
      await this.instanceOrDefer(d.decl, d.state);
    }
  }

  /** Instances still deferred at the end: circular aliases, or aliases whose instance failed. */
  private reportStuck(): void {
    const cycles = findAliasCycles(this.aliases.defs);
    for (const p of this.pending) {
      if (p.done) continue;
      const missing = aliasReferences(p.decl).filter((r) => !this.aliasPaths.has(r.name.toLowerCase()));
      const cycle = cycles.find(
        (c) => p.decl.alias !== undefined && c.path.some((a) => a.toLowerCase() === p.decl.alias!.value.toLowerCase()),
      );
      const message =
        cycle !== undefined
          ? `Circular alias references: ${cycle.path.map((a) => `$${a}`).join(' → ')}.`
          : `Alias ${missing.map((r) => `$${r.name}`).join(', ')} was never created (its instance failed or was not compiled).`;
      this.fail(
        this.instanceName(p.decl),
        missing[0]?.loc ?? p.decl.loc,
        WBEMSTATUS.WBEMMOF_E_UNEXPECTED_ALIAS,
        message,
      );
      if (this.halted) return;
    }
    this.pending = [];
  }

  private instanceName(def: InstanceDeclarationNode): string {
    return `instance of ${def.className.value}${def.alias === undefined ? '' : ` as $${def.alias.value}`}`;
  }

  private convertFailed(name: string, problems: readonly ValueProblem[]): boolean {
    const p = problems[0];
    if (p === undefined) return false;
    this.fail(name, p.loc, WBEMSTATUS[p.code], p.message);
    return true;
  }

  /**
   * Calls the target; records a failure (unless its hr is `tolerated`) and returns undefined,
   * or returns the result. A target that throws is a failure too, never an exception out of here.
   */
  private async call(
    name: string,
    loc: Loc,
    op: () => Promise<MofOpResult>,
    tolerated?: number,
  ): Promise<MofOpResult | undefined> {
    let r: MofOpResult;
    try {
      r = await op();
    } catch (e) {
      this.fail(
        name,
        loc,
        WBEMSTATUS.WBEM_E_FAILED,
        `${name}: the target threw ${e instanceof Error ? e.message : String(e)}.`,
      );
      return undefined;
    }
    if (!failed(r.hr)) return r;
    if (tolerated !== undefined && r.hr >>> 0 === tolerated) return r;
    const why = r.errorObject?.Description;
    this.fail(name, loc, r.hr >>> 0, `${name} failed: ${hrName(r.hr)}${why ? ` — ${why}` : ''}`, r.errorObject);
    return undefined;
  }

  private fail(name: string, loc: Loc, hr: number, message: string, errorObject: ExtendedStatus | null = null): void {
    this.failures.push({ hr, name, loc: sourceLocation(loc), message, errorObject });
    if (this.options.continueOnError !== true) this.halted = true;
  }
}
