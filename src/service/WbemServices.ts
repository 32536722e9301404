import type { ExtendedStatus } from '../errors/extendedStatus';
import { failure, toExtendedStatus, type OpFailure } from '../errors/opFailure';
import { HR, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import { thrownFailure } from '../errors/thrownFailure';
import { nameKey, type CimObjectDefinition, type ClassDefinition, type QualifierDeclaration } from '../model';
import { DEFAULT_LOCALE, localeNamespaceName, mergeAmendment } from '../ops/amendment';
import { parseObjectPath } from '../model/objectPath';
import type { OpEnv } from '../ops/opEnv';
import { planDeleteClass } from '../ops/planDeleteClass';
import { findInstance, planDeleteInstance, planPutInstance } from '../ops/planInstance';
import { planPutClass, type PutClassPlan } from '../ops/planPutClass';
import { Resolver } from '../resolve/Resolver';
import type { OperationMeta, Repository } from '../repository/Repository';
import type { Txn } from '../repository/Txn';
import { asyncCallsOf, type AsyncCalls, type AsyncCall } from './asyncCalls';
import { checkFlags, type FlaggedCall } from './checkFlags';
import { toCimClass, type CimClass, type CimInstance } from './cimObjects';
import type { ClassProvider } from './classProvider';
import { CallResult, type CallOutcome, type ObjectSink, type WbemContext } from './sink';
import { toCimInstance } from './toCimInstance';
import { analyzeClassUpdate, type UpdateAnalysis } from './analyzeClassUpdate';
import {
  emptyChangeSet,
  failedOutcome,
  orderChangeSet,
  type ChangeSetOutcome,
  type ChangeSetResult,
} from './changeSet';
import { traceQualifier, type QualifierElement, type QualifierTrace } from './traceQualifier';
import {
  applyMof,
  importMofFiles,
  type ImportContext,
  importFailure,
  importWithSink,
  syntaxFailure,
  type MofImportOptions,
  type MofImportResult,
} from './importMof';
import { parseMof } from '../mof/parseMof';
import { printNamespace } from '../mof/print/printNamespace';
import type { MofFileSource } from '../mof/parseMofFiles';

export interface ConnectOptions {
  /** The acting principal; `Administrator` (a member of Administrators) by default. */
  readonly user?: string;
  /** The caller's locale, 0x409 by default (decisions §7). */
  readonly locale?: number;
}

/** The result of one operation inside the queue, before it becomes a call outcome. */
export interface OpResult {
  readonly hr: number;
  readonly failure: OpFailure | null;
  readonly plan?: PutClassPlan;
  readonly path?: string;
}

const OK: OpResult = { hr: HR.S_NO_ERROR, failure: null };
const fromFailure = (f: OpFailure): OpResult => ({ hr: f.hr, failure: f });

/**
 * IWbemServices bound to one namespace, principal and locale: the service API with WMI's names,
 * flag bits and HRESULTs. Writes go through the repository's queue, one at a time, atomically.
 */
export class WbemServices {
  readonly user: string;
  readonly locale: number;

  constructor(
    readonly repo: Repository,
    readonly namespace: string,
    options: ConnectOptions = {},
  ) {
    this.user = options.user ?? 'Administrator';
    this.locale = options.locale ?? DEFAULT_LOCALE;
  }

  private get calls(): AsyncCalls {
    return asyncCallsOf(this.repo);
  }

  private env(): OpEnv | undefined {
    return this.repo.env(this.namespace, this.user, this.locale);
  }

  private enabled(): boolean {
    return (this.repo.rightsOf(this.namespace, this.user) & WBEM_RIGHT.ENABLE) !== 0;
  }

  /** The checks made before a call returns (decisions §1): flags, null arguments, WBEM_ENABLE. */
  private precheck(call: FlaggedCall, flags: number, arg: unknown): number {
    const hr = checkFlags(call, flags);
    if (hr !== HR.S_NO_ERROR) return hr;
    if (arg === null || arg === undefined) return HR.E_INVALID_PARAMETER;
    if (!this.repo.state.ns(this.namespace)) return HR.E_INVALID_NAMESPACE;
    if (!this.enabled()) return HR.E_ACCESS_DENIED;
    return HR.S_NO_ERROR;
  }

  /** What the history labels an operation with: the namespace, the class or path, the flags. */
  private meta(arg: unknown, flags: number): OperationMeta {
    const o = arg as { genus?: string; name?: string; className?: string } | string | null | undefined;
    const target = typeof o === 'string' ? o : o?.genus === 'class' ? o.name : o?.className;
    return { namespace: this.namespace, ...(target !== undefined ? { target } : {}), flags };
  }

  private errorOf(r: OpResult, operation: string): ExtendedStatus | null {
    return r.failure ? toExtendedStatus(r.failure, operation) : null;
  }

  // -- PutClass

  /** Run a PutClass inside a transaction (used by the service calls and by MOF import). */
  async execPutClass(
    txn: Txn,
    obj: CimObjectDefinition,
    flags: number,
    ctx: WbemContext | null,
    call?: AsyncCall,
    preview = false,
  ): Promise<OpResult> {
    const env = this.env();
    if (!env)
      return fromFailure(
        failure(HR.E_INVALID_NAMESPACE, this.namespace, `Namespace ${this.namespace} does not exist.`),
      );
    const planned = planPutClass(env, obj, flags);
    if (!planned.ok) return fromFailure(planned.failure);
    let plan = planned.plan;
    if (call) this.calls.progress(call, 1, 3);
    // A preview never reaches providers: it shows what the repository would store.
    if (plan.claimants.length > 0 && !preview) {
      const asked = await this.askProviders(plan.claimants, (obj as ClassDefinition).name, (p) =>
        p.putClassAsync(obj as ClassDefinition, flags, ctx),
      );
      if (asked.failure) return fromFailure(asked.failure);
      plan = withProvider(plan, (obj as ClassDefinition).name, asked.provider!);
    }
    if (call) {
      if (call.cancelled)
        return fromFailure(
          failure(HR.E_CALL_CANCELLED, obj.genus === 'class' ? obj.name : '', 'The call was cancelled.'),
        );
      this.calls.progress(call, 2, 3);
      call.committed = true;
    }
    const over = this.repo.applyOp(txn, plan.changes, plan.events);
    if (over) return fromFailure(over);
    // The plan already derived the stored class; the next put of a subclass needs it as its parent.
    if (plan.resolved) env.ns.resolver.seed(plan.resolved);
    return { hr: HR.S_NO_ERROR, failure: null, plan };
  }

  /** Ask the claiming providers in registration order (decisions §9); failures name the class. */
  private async askProviders(
    names: readonly string[],
    className: string,
    ask: (p: ClassProvider) => Promise<number> | number,
  ): Promise<{ provider?: string; failure?: OpFailure }> {
    for (const name of names) {
      const binding = this.repo.provider(this.namespace, name);
      if (!binding) continue;
      let hr: number;
      try {
        hr = (await ask(binding.impl)) >>> 0;
      } catch {
        hr = HR.E_FAILED;
      }
      if (hr === HR.E_PROVIDER_NOT_CAPABLE) continue;
      if (hr >= 0x80000000) {
        const why = `Provider ${name} refused the operation on ${className}.`;
        return { failure: { ...failure(hr, className, why), providerName: name } };
      }
      return { provider: name };
    }
    return {
      failure: failure(
        HR.E_PROVIDER_NOT_CAPABLE,
        className,
        `No provider that claims ${className} (${names.join(', ')}) could carry out the operation.`,
      ),
    };
  }

  /** IWbemServices::PutClass. With WBEM_FLAG_RETURN_IMMEDIATELY it is semisynchronous. */
  async putClass(
    obj: CimObjectDefinition | null,
    flags = 0,
    ctx: WbemContext | null = null,
    options: { callResult?: boolean } = {},
  ): Promise<CallOutcome> {
    return this.syncCall('putClass', 'PutClass', flags, obj, options, (txn) =>
      this.execPutClass(txn, obj!, flags, ctx),
    );
  }

  /**
   * A synchronous or semisynchronous call: the §1 checks as its return value, then the operation
   * in the queue; with a call result (RETURN_IMMEDIATELY) it returns at once.
   */
  private syncCall(
    call: FlaggedCall,
    operation: string,
    flags: number,
    arg: unknown,
    options: { callResult?: boolean },
    run: (txn: Txn) => Promise<OpResult>,
  ): Promise<CallOutcome> {
    const wantsCallResult = options.callResult ?? (flags & WBEM_FLAG.RETURN_IMMEDIATELY) !== 0;
    let hr = this.precheck(call, flags, arg);
    if (hr === HR.S_NO_ERROR && (flags & WBEM_FLAG.RETURN_IMMEDIATELY) !== 0 && !wantsCallResult)
      hr = HR.E_INVALID_PARAMETER;
    if (hr !== HR.S_NO_ERROR) return Promise.resolve({ hr, errorObject: null });
    return this.finish(this.repo.exclusive(operation, run, this.meta(arg, flags)), operation, wantsCallResult);
  }

  /** IWbemServices::PutClassAsync: returns at once; the sink gets the status (decisions §6). */
  putClassAsync(
    obj: CimObjectDefinition | null,
    flags: number,
    ctx: WbemContext | null,
    sink: ObjectSink | null,
  ): number {
    const hr = this.precheck('putClassAsync', flags, obj);
    if (hr !== HR.S_NO_ERROR) return hr;
    if (!sink) return HR.E_INVALID_PARAMETER;
    return this.startAsync(sink, flags, 'PutClass', (txn, call) => this.execPutClass(txn, obj!, flags, ctx, call));
  }

  private startAsync(
    sink: ObjectSink,
    flags: number,
    operation: string,
    run: (txn: Txn, call: AsyncCall) => Promise<OpResult>,
  ): number {
    const sendStatus = (flags & WBEM_FLAG.SEND_STATUS) !== 0;
    const call = this.calls.begin(sink, sendStatus);
    // The sink is never called before the call returns.
    setTimeout(() => {
      if (call.cancelled) return;
      void this.repo
        .exclusive(operation, async (txn) => {
          if (call.cancelled) return null;
          const r = await run(txn, call);
          if (r.failure) txn.aborted = true;
          return r;
        })
        .then(
          (r) => {
            if (!r) return;
            this.calls.progress(call, 3, 3);
            this.calls.complete(call, r.hr, this.errorOf(r, operation));
          },
          (e: unknown) => {
            const f = thrownFailure(e);
            this.calls.complete(call, f.hr, toExtendedStatus(f, operation));
          },
        );
    }, 0);
    return HR.S_NO_ERROR;
  }

  private async finish(op: Promise<OpResult>, operation: string, wantsCallResult: boolean): Promise<CallOutcome> {
    const settled = op.then(
      (r) => ({ hr: r.hr, errorObject: this.errorOf(r, operation), ...(r.path ? { path: r.path } : {}) }),
      (e: unknown) => {
        const f = thrownFailure(e);
        return { hr: f.hr, errorObject: toExtendedStatus(f, operation) };
      },
    );
    if (wantsCallResult) return { hr: HR.S_NO_ERROR, errorObject: null, callResult: new CallResult(settled) };
    return settled;
  }

  /** CancelAsyncCall(pSink). */
  cancelAsyncCall(sink: ObjectSink | null): number {
    return this.calls.cancel(sink);
  }

  // -- DeleteClass

  async execDeleteClass(
    txn: Txn,
    className: string,
    flags: number,
    ctx: WbemContext | null,
    call?: AsyncCall,
  ): Promise<OpResult> {
    const env = this.env();
    if (!env)
      return fromFailure(
        failure(HR.E_INVALID_NAMESPACE, this.namespace, `Namespace ${this.namespace} does not exist.`),
      );
    const planned = planDeleteClass(env, className);
    if (!planned.ok) return fromFailure(planned.failure);
    const plan = planned.plan;
    if (call) this.calls.progress(call, 1, 3);
    if (plan.claimants.length > 0 && (flags & WBEM_FLAG.OWNER_UPDATE) === 0) {
      const asked = await this.askProviders(plan.claimants, className, (p) =>
        p.deleteClassAsync(className, flags, ctx),
      );
      if (asked.failure) return fromFailure(asked.failure);
    }
    if (call) {
      if (call.cancelled) return fromFailure(failure(HR.E_CALL_CANCELLED, className, 'The call was cancelled.'));
      this.calls.progress(call, 2, 3);
      call.committed = true;
    }
    const over = this.repo.applyOp(txn, plan.changes, plan.events);
    return over ? fromFailure(over) : OK;
  }

  async deleteClass(
    className: string | null,
    flags = 0,
    ctx: WbemContext | null = null,
    options: { callResult?: boolean } = {},
  ): Promise<CallOutcome> {
    return this.syncCall('deleteClass', 'DeleteClass', flags, className, options, (txn) =>
      this.execDeleteClass(txn, className!, flags, ctx),
    );
  }

  deleteClassAsync(className: string | null, flags: number, ctx: WbemContext | null, sink: ObjectSink | null): number {
    const hr = this.precheck('deleteClassAsync', flags, className);
    if (hr !== HR.S_NO_ERROR) return hr;
    if (!sink) return HR.E_INVALID_PARAMETER;
    return this.startAsync(sink, flags, 'DeleteClass', (txn, call) =>
      this.execDeleteClass(txn, className!, flags, ctx, call),
    );
  }

  // -- Instances

  async execPutInstance(txn: Txn, obj: CimObjectDefinition, flags: number): Promise<OpResult> {
    const env = this.env();
    if (!env)
      return fromFailure(
        failure(HR.E_INVALID_NAMESPACE, this.namespace, `Namespace ${this.namespace} does not exist.`),
      );
    const planned = planPutInstance(env, obj, flags);
    if (!planned.ok) return fromFailure(planned.failure);
    const over = this.repo.applyOp(txn, planned.plan.changes, planned.plan.events);
    return over ? fromFailure(over) : { ...OK, path: planned.plan.path };
  }

  /** IWbemServices::PutInstance of a static instance, created or updated; its keys identify it. */
  async putInstance(
    obj: CimObjectDefinition | null,
    flags = 0,
    _ctx: WbemContext | null = null,
  ): Promise<CallOutcome & { path?: string }> {
    const hr = this.precheck('putInstance', flags, obj);
    if (hr !== HR.S_NO_ERROR) return { hr, errorObject: null };
    const op = this.repo.exclusive(
      'PutInstance',
      (txn) => this.execPutInstance(txn, obj!, flags),
      this.meta(obj, flags),
    );
    const r = await op.catch((e: unknown) => fromFailure(thrownFailure(e)));
    return { hr: r.hr, errorObject: this.errorOf(r, 'PutInstance'), ...(r.path ? { path: r.path } : {}) };
  }

  async execDeleteInstance(txn: Txn, path: string): Promise<OpResult> {
    const env = this.env();
    if (!env)
      return fromFailure(
        failure(HR.E_INVALID_NAMESPACE, this.namespace, `Namespace ${this.namespace} does not exist.`),
      );
    const planned = planDeleteInstance(env, path);
    if (!planned.ok) return fromFailure(planned.failure);
    const over = this.repo.applyOp(txn, planned.plan.changes, planned.plan.events);
    return over ? fromFailure(over) : OK;
  }

  async deleteInstance(path: string | null, flags = 0): Promise<CallOutcome> {
    const hr = this.precheck('deleteInstance', flags, path);
    if (hr !== HR.S_NO_ERROR) return { hr, errorObject: null };
    const r = await this.repo
      .exclusive('DeleteInstance', (txn) => this.execDeleteInstance(txn, path!))
      .catch((e: unknown) => fromFailure(thrownFailure(e)));
    return { hr: r.hr, errorObject: this.errorOf(r, 'DeleteInstance') };
  }

  // -- Reads (never reach providers, decisions §9)

  /** Class definitions as the caller sees them: with the locale's amendments merged when asked. */
  private reader(flags: number): Resolver | null {
    if ((flags & WBEM_FLAG.USE_AMENDED_QUALIFIERS) === 0) return null;
    const ns = this.repo.state.ns(this.namespace)!;
    const localeNs = this.repo.state.ns(`${ns.path}\\${localeNamespaceName(this.locale)}`);
    const fallbackNs = this.repo.state.ns(`${ns.path}\\${localeNamespaceName(DEFAULT_LOCALE)}`);
    return new Resolver((name) => {
      const base = ns.getClass(name)?.def;
      if (!base) return undefined;
      const a = localeNs?.getClass(name) ?? fallbackNs?.getClass(name);
      return { ...mergeAmendment(base, a && !a.system ? a.def : undefined), amended: true };
    });
  }

  private cimClass(name: string, reader: Resolver | null): CimClass | undefined {
    const ns = this.repo.state.ns(this.namespace)!;
    const r = reader ? reader.resolve(name) : ns.resolve(name);
    if (!r) return undefined;
    const provider = ns.getClass(name)?.provider;
    return toCimClass(r, ns.path, this.repo.server, {
      ...(provider ? { provider } : {}),
      ...(reader ? { amended: true } : {}),
    });
  }

  /** IWbemServices::GetObject on a class or instance path. */
  getObject(
    path: string | null,
    flags = 0,
  ): { hr: number; object: CimClass | CimInstance | null; errorObject: ExtendedStatus | null } {
    const hr = this.precheck('getObject', flags, path);
    if (hr !== HR.S_NO_ERROR) return { hr, object: null, errorObject: null };
    const p = parseObjectPath(path!);
    const notFound = (what: string) => ({
      hr: HR.E_NOT_FOUND,
      object: null,
      errorObject: toExtendedStatus(
        failure(HR.E_NOT_FOUND, what, `${what} does not exist in ${this.namespace}.`),
        'GetObject',
      ),
    });
    if (!p) {
      return {
        hr: HR.E_INVALID_OBJECT_PATH,
        object: null,
        errorObject: toExtendedStatus(
          failure(HR.E_INVALID_OBJECT_PATH, path!, `"${path}" is not an object path.`),
          'GetObject',
        ),
      };
    }
    if (p.namespace !== undefined && p.namespace.toLowerCase() !== this.namespace.toLowerCase()) {
      return new WbemServices(this.repo, p.namespace, { user: this.user, locale: this.locale }).getObject(
        path!.slice(path!.indexOf(':') + 1),
        flags,
      );
    }
    const ns = this.repo.state.ns(this.namespace)!;
    if (!p.keys) {
      const c = this.cimClass(p.className, this.reader(flags));
      return c ? { hr: HR.S_NO_ERROR, object: c, errorObject: null } : notFound(p.className);
    }
    const inst = findInstance(ns, path!.slice(path!.indexOf(':') + 1));
    if (!inst) return notFound(path!);
    return { hr: HR.S_NO_ERROR, object: toCimInstance(inst, ns, this.repo.server), errorObject: null };
  }

  /** IWbemServices::CreateClassEnum: DEEP (0) every descendant, SHALLOW (1) direct children; name order. */
  createClassEnum(superclass: string | null, flags = 0): { hr: number; objects: CimClass[] } {
    const hr = checkFlags('createClassEnum', flags);
    if (hr !== HR.S_NO_ERROR) return { hr, objects: [] };
    if (!this.repo.state.ns(this.namespace)) return { hr: HR.E_INVALID_NAMESPACE, objects: [] };
    if (!this.enabled()) return { hr: HR.E_ACCESS_DENIED, objects: [] };
    const ns = this.repo.state.ns(this.namespace)!;
    const shallow = (flags & WBEM_FLAG.SHALLOW) !== 0;
    let keys: string[];
    if (superclass === null || superclass === '') {
      keys = shallow ? [...ns.childKeys(null)] : [...ns.classes.keys()];
    } else {
      const k = nameKey(superclass);
      if (!ns.classes.has(k)) return { hr: HR.E_INVALID_CLASS, objects: [] };
      keys = shallow ? [...ns.childKeys(k)] : ns.descendants(k);
    }
    keys.sort();
    const reader = this.reader(flags);
    return {
      hr: HR.S_NO_ERROR,
      objects: keys.map((k) => this.cimClass(ns.classes.get(k)!.def.name, reader)!).filter(Boolean),
    };
  }

  /** IWbemServices::CreateInstanceEnum of static instances: DEEP includes subclasses' instances. */
  createInstanceEnum(className: string, flags = 0): { hr: number; objects: CimInstance[] } {
    const hr = checkFlags('createInstanceEnum', flags);
    if (hr !== HR.S_NO_ERROR) return { hr, objects: [] };
    if (!this.enabled()) return { hr: HR.E_ACCESS_DENIED, objects: [] };
    const ns = this.repo.state.ns(this.namespace);
    if (!ns) return { hr: HR.E_INVALID_NAMESPACE, objects: [] };
    const k = nameKey(className);
    if (!ns.classes.has(k)) return { hr: HR.E_INVALID_CLASS, objects: [] };
    const keys = (flags & WBEM_FLAG.SHALLOW) !== 0 ? [k] : [k, ...ns.descendants(k)];
    const objects: CimInstance[] = [];
    for (const key of keys)
      for (const inst of ns.instancesOf(key).values()) objects.push(toCimInstance(inst, ns, this.repo.server));
    return { hr: HR.S_NO_ERROR, objects };
  }

  // -- Qualifier declarations

  getQualifierDecl(name: string): QualifierDeclaration | undefined {
    return this.repo.state.ns(this.namespace)?.qualifierDecls.get(nameKey(name));
  }

  enumQualifierDecls(): QualifierDeclaration[] {
    const ns = this.repo.state.ns(this.namespace);
    return ns ? [...ns.qualifierDecls.values()].sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1)) : [];
  }

  execPutQualifierDecl(txn: Txn, decl: QualifierDeclaration): OpResult {
    const ns = this.repo.state.ns(this.namespace);
    if (!ns)
      return fromFailure(
        failure(HR.E_INVALID_NAMESPACE, this.namespace, `Namespace ${this.namespace} does not exist.`),
      );
    if ((this.repo.rightsOf(this.namespace, this.user) & WBEM_RIGHT.FULL_WRITE_REP) === 0) {
      return fromFailure(
        failure(HR.E_ACCESS_DENIED, decl.name, `Declaring qualifiers needs WBEM_FULL_WRITE_REP on ${ns.path}.`),
      );
    }
    const before = ns.qualifierDecls.get(nameKey(decl.name));
    const over = this.repo.applyOp(
      txn,
      [{ kind: 'qualifierDecl', ns: ns.path, name: decl.name, ...(before ? { before } : {}), after: decl }],
      [],
    );
    return over ? fromFailure(over) : OK;
  }

  async putQualifierDecl(decl: QualifierDeclaration): Promise<CallOutcome> {
    if (!this.enabled()) return { hr: HR.E_ACCESS_DENIED, errorObject: null };
    const r = await this.repo
      .exclusive('PutQualifier', (txn) => this.execPutQualifierDecl(txn, decl), this.meta(decl.name, 0))
      .catch((e: unknown) => fromFailure(thrownFailure(e)));
    return { hr: r.hr, errorObject: this.errorOf(r, 'PutQualifier') };
  }

  // -- Security (decisions §8)

  getSecurity(): { hr: number; entries: { principal: string; rights: number }[] } {
    const ns = this.repo.state.ns(this.namespace);
    if (!ns) return { hr: HR.E_INVALID_NAMESPACE, entries: [] };
    if ((this.repo.rightsOf(this.namespace, this.user) & (WBEM_RIGHT.READ_CONTROL | WBEM_RIGHT.ENABLE)) === 0) {
      return { hr: HR.E_ACCESS_DENIED, entries: [] };
    }
    return { hr: HR.S_NO_ERROR, entries: [...ns.security.values()].map((e) => ({ ...e })) };
  }

  /** Set one principal's (or group's) rights on the namespace; needs WRITE_DAC. */
  async setSecurity(principal: string, rights: number): Promise<number> {
    const ns = this.repo.state.ns(this.namespace);
    if (!ns) return HR.E_INVALID_NAMESPACE;
    if ((this.repo.rightsOf(this.namespace, this.user) & WBEM_RIGHT.WRITE_DAC) === 0) return HR.E_ACCESS_DENIED;
    return this.repo
      .exclusive(
        'SetSecurity',
        (txn) => {
          const before = ns.security.get(nameKey(principal));
          const f = this.repo.applyOp(
            txn,
            [
              {
                kind: 'security',
                ns: ns.path,
                principal: before?.principal ?? principal,
                ...(before ? { before: before.rights } : {}),
                after: rights >>> 0,
              },
            ],
            [],
          );
          return f ? f.hr : HR.S_NO_ERROR;
        },
        this.meta(principal, rights),
      )
      .catch((e: unknown) => thrownFailure(e).hr);
  }

  // -- Providers (decisions §9)

  /**
   * Register a class provider after those already registered: an `__Win32Provider` instance, an
   * `__ClassProviderRegistration` naming it and the classes it claims, and the implementation.
   * A name already registered keeps its place and takes the new claims and implementation.
   */
  async registerClassProvider(name: string, claims: readonly string[], impl: ClassProvider): Promise<number> {
    if ((this.repo.rightsOf(this.namespace, this.user) & WBEM_RIGHT.FULL_WRITE_REP) === 0) return HR.E_ACCESS_DENIED;
    const r = await this.repo.exclusive('RegisterProvider', async (txn) => {
      const a = await this.execPutInstance(
        txn,
        {
          genus: 'instance',
          className: '__Win32Provider',
          qualifiers: [],
          properties: [
            { name: 'Name', value: name },
            { name: 'CLSID', value: `{classwright-${name}}` },
          ],
        },
        0,
      );
      if (a.failure) return a;
      const b = await this.execPutInstance(
        txn,
        {
          genus: 'instance',
          className: '__ClassProviderRegistration',
          qualifiers: [],
          properties: [
            { name: 'provider', value: `__Win32Provider.Name="${name.replace(/"/g, '\\"')}"` },
            { name: 'SupportsPut', value: true },
            { name: 'SupportsDelete', value: true },
            { name: 'ResultSetQueries', value: claims.map((c) => `SELECT * FROM meta_class WHERE __CLASS = "${c}"`) },
          ],
        },
        0,
      );
      if (b.failure) txn.aborted = true;
      return b;
    });
    if (r.failure) return r.hr;
    const list = this.repo.bindings(this.namespace);
    const existing = list.find((b) => nameKey(b.name) === nameKey(name));
    const claimSet = new Set(claims.map(nameKey));
    if (existing) {
      existing.claims = claimSet;
      existing.impl = impl;
    } else list.push({ name, claims: claimSet, impl });
    return HR.S_NO_ERROR;
  }

  // -- MOF import (decisions §12)

  /**
   * Compile MOF into the repository as one operation: whole files parsed first (any syntax error
   * and nothing is applied), then declarations applied in order in one transaction.
   * `input` is MOF text, or an entry file and a source that resolves its includes.
   */
  async importMof(
    input: string | { readonly entry: string; readonly source: MofFileSource },
    options: MofImportOptions = {},
  ): Promise<MofImportResult> {
    if (!this.repo.state.ns(this.namespace)) return importFailure(HR.E_INVALID_NAMESPACE);
    if (!this.enabled()) return importFailure(HR.E_ACCESS_DENIED);
    const thrown = (e: unknown) => {
      const f = thrownFailure(e);
      return importFailure(f.hr, toExtendedStatus(f, 'MOF import'));
    };
    if (typeof input !== 'string') {
      const { entry, source } = input;
      return importMofFiles(this.importContext(), entry, source, options).catch(thrown);
    }
    const parsed = parseMof(input, '<input>');
    if (parsed.diagnostics.length > 0) return syntaxFailure(parsed.diagnostics);
    return applyMof(this.importContext(), [parsed.document], options).catch(thrown);
  }

  private importContext(): ImportContext {
    return { repo: this.repo, namespace: this.namespace, user: this.user, locale: this.locale };
  }

  /** importMof with an object sink: progress per declaration with SEND_STATUS, then one final status. */
  importMofAsync(
    input: string | { readonly entry: string; readonly source: MofFileSource },
    flags: number,
    options: Omit<MofImportOptions, 'onProgress' | 'isCancelled'>,
    sink: ObjectSink | null,
  ): number {
    const hr = this.precheck('importMof', flags, input);
    if (hr !== HR.S_NO_ERROR) return hr;
    if (!sink) return HR.E_INVALID_PARAMETER;
    importWithSink(this.calls, sink, flags, (extra) => this.importMof(input, { ...options, ...extra }));
    return HR.S_NO_ERROR;
  }

  /** The namespace as MOF, in dependency order (qualifier declarations, classes, instances). */
  exportMof(): { hr: number; text: string } {
    const ns = this.repo.state.ns(this.namespace);
    if (!ns) return { hr: HR.E_INVALID_NAMESPACE, text: '' };
    if (!this.enabled()) return { hr: HR.E_ACCESS_DENIED, text: '' };
    return { hr: HR.S_NO_ERROR, text: printNamespace(ns) };
  }

  // -- Change sets and the qualifier overlay (issue 6)

  /** Put several classes as one operation and one undo step, every base before its subclasses. */
  putChangeSet(defs: readonly ClassDefinition[], flags = 0): Promise<ChangeSetResult> {
    return this.runChangeSet(defs, flags, true);
  }

  /** What putChangeSet would do, class by class, changing nothing. */
  analyzeChangeSet(defs: readonly ClassDefinition[], flags = 0): Promise<ChangeSetResult> {
    return this.runChangeSet(defs, flags, false);
  }

  private async runChangeSet(
    defs: readonly ClassDefinition[],
    flags: number,
    commit: boolean,
  ): Promise<ChangeSetResult> {
    const hr = this.precheck('putClass', flags & ~WBEM_FLAG.RETURN_IMMEDIATELY, defs);
    if (hr !== HR.S_NO_ERROR) return { ...emptyChangeSet(), hr };
    const ns = this.repo.state.ns(this.namespace)!;
    const ordered = orderChangeSet(ns, defs);
    const order = ordered.map((d) => d.name);
    return this.repo.exclusive(
      commit ? 'Change set' : 'Change set preview',
      async (txn) => {
        const outcomes: ChangeSetOutcome[] = [];
        for (const def of ordered) {
          const r = await this.execPutClass(txn, def, flags, null, undefined, !commit);
          const errorObject = this.errorOf(r, 'PutClass');
          if (r.failure || !r.plan) {
            outcomes.push(failedOutcome(def.name, r.hr, errorObject));
            txn.aborted = true;
            return { hr: r.hr, errorObject, order, outcomes, committed: false };
          }
          const p = r.plan;
          outcomes.push({
            className: def.name,
            hr: r.hr,
            errorObject: null,
            created: p.created,
            noop: p.noop,
            resolvedConflicts: p.resolvedConflicts,
            deletedInstances: p.deletedInstances,
            rewrittenClasses: p.rewrittenClasses,
          });
        }
        if (!commit) txn.aborted = true;
        return { hr: HR.S_NO_ERROR, errorObject: null, order, outcomes, committed: commit && txn.changes.length > 0 };
      },
      { namespace: this.namespace, target: order.join(', '), flags },
    );
  }

  /** The qualifier propagation overlay: which descendants receive a qualifier, and where overrides are blocked. */
  traceQualifier(className: string, qualifier: string, element: QualifierElement = {}): QualifierTrace | undefined {
    const ns = this.repo.state.ns(this.namespace);
    return ns ? traceQualifier(ns, className, qualifier, element) : undefined;
  }

  // -- Preview

  /** What a put of this definition would do in each update mode, changing nothing. */
  analyzeClassUpdate(def: ClassDefinition, flags = 0): UpdateAnalysis {
    const env = this.env();
    if (!env) throw new Error(`namespace ${this.namespace} does not exist`);
    return analyzeClassUpdate(env, def, flags);
  }
}

/** The plan with the put class marked as owned by the provider that accepted it. */
function withProvider(plan: PutClassPlan, className: string, provider: string): PutClassPlan {
  const k = nameKey(className);
  let done = false;
  const changes = plan.changes.map((c) => {
    if (done || c.kind !== 'class' || !c.after || nameKey(c.name) !== k) return c;
    done = true;
    return { ...c, after: { ...c.after, provider } };
  });
  return { ...plan, changes };
}
