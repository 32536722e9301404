import { failure, toExtendedStatus } from '../errors/opFailure';
import { failed, HR, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import { applyDiff } from '../history/applyDiff';
import { History, type HistoryOptions } from '../history/History';
import { labelFromChanges, makeLabel, undoLabel } from '../history/labels';
import { nameKey, type ClassDefinition } from '../model';
import { reverseChanges, type Change } from '../repository/change';
import { Repository, type CommitRecord, type RepositoryOptions } from '../repository/Repository';
import { importFailure } from '../service/importMof';
import { changesBackTo, classesAfter, diffClasses } from '../history/timeTravel';
import { asyncCallsOf } from '../service/asyncCalls';
import { checkFlags } from '../service/checkFlags';
import type { MofImportResult } from '../service/importMof';
import type { CallOutcome, ObjectSink } from '../service/sink';
import { WbemServices } from '../service/WbemServices';
import { checkConsistency } from '../storage/checkConsistency';
import { diffStates } from '../storage/diffStates';
import { applyStoredRecords } from '../storage/loadRepository';
import { MemoryStorage } from '../storage/memoryStorage';
import { hrOfError, StaleCommitError, toStorageError } from '../storage/storageErrors';
import type { HistoryLabel, StoragePort } from '../storage/StoragePort';
import type {
  ChangeNotice,
  ChangeOrigin,
  Conn,
  EngineApi,
  EngineInfo,
  EngineNotice,
  EngineStats,
  Outcome,
  UndoOutcome,
} from './engineApi';
import { EngineError } from './errors';
import { fetchBytesOverHttp, mofSource, type FetchBytes } from './mofSource';
import { CallResults, SinkTable } from './sinkTable';
import { soloTabSync, type TabSync } from './tabSync';

export interface EngineHostOptions {
  /** Where the repository lives; default a fresh MemoryStorage. */
  readonly storage?: StoragePort | (() => Promise<StoragePort>);
  /** Cross-tab coordination; default none (one tab). */
  readonly tabs?: TabSync;
  readonly history?: HistoryOptions;
  readonly repository?: RepositoryOptions;
  /** How `{ url }` MOF input is read; default fetch. */
  readonly fetchBytes?: FetchBytes;
  /** What relative MOF URLs are relative to; default the realm's location. */
  readonly baseUrl?: string;
  /** Label of the stored repository for EngineInfo (the IndexedDB name). */
  readonly dbName?: string;
  /** Attempts of an operation whose commit met another tab's newer commit. Default 5. */
  readonly maxStaleRetries?: number;
}

/** The engine as the worker (or a test) holds it: the API object and the notices it pushes. */
export interface EngineHost {
  readonly api: EngineApi;
  readonly repo: Repository;
  readonly info: EngineInfo;
  onNotice(listener: (n: EngineNotice) => void): () => void;
  close(): void;
}

/** Operations run by the engine itself, let through the gate without the write lock. */
const QUIET = '(engine) quiet';
const UNDO = 'Undo';
const REDO = 'Redo';
const BATCH = 'PutClasses';
const MAX_TOUCHED = 2000;
/** Puts between two turns of the message loop in a long batch. */
const YIELD_EVERY = 256;

interface Annotation {
  readonly operation: string;
  readonly namespace: string;
  readonly target: string;
  readonly flags: number;
}

const perf = () => (globalThis as unknown as { performance?: { now(): number } }).performance?.now() ?? Date.now();

/** Load the repository from storage (no events) and serve it. */
export async function createEngineHost(options: EngineHostOptions = {}): Promise<EngineHost> {
  const t0 = perf();
  const storage =
    typeof options.storage === 'function' ? await options.storage() : (options.storage ?? new MemoryStorage());
  const stored = await storage.load();
  const repo = new Repository(options.repository);
  const loaded = applyStoredRecords(repo, stored.records);
  const history = new History(options.history);
  history.reset(stored);
  const core = new EngineCore(repo, storage, history, options, stored.seq);
  const tabs = options.tabs ?? soloTabSync();
  core.attach(tabs);
  const info: EngineInfo = {
    protocol: 1,
    storage: storage.kind,
    dbName: options.dbName ?? null,
    loadMs: perf() - t0,
    records: loaded.applied,
    seq: stored.seq,
    tabId: tabs.tabId,
    tabSync: tabs.kind,
  };
  core.info = info;
  return {
    api: core.api(),
    repo,
    info,
    onNotice: (l) => core.listen(l),
    close: () => core.close(),
  };
}

/** The engine's moving parts: commits, the cross-tab gate, catch-up, history and the API. */
class EngineCore {
  info!: EngineInfo;
  private readonly listeners = new Set<(n: EngineNotice) => void>();
  private readonly sinks = new SinkTable((n) => this.emit(n));
  private readonly callResults = new CallResults();
  private readonly annotations: Annotation[] = [];
  private historyAction: { kind: 'undo' | 'redo'; target: number; label: HistoryLabel } | null = null;
  private tabs: TabSync = soloTabSync();
  private eventDelivery = false;
  private syncQueued = false;
  private closed = false;
  private readonly fetchBytes: FetchBytes;
  private readonly baseUrl: string;
  private readonly stats = {
    commits: 0,
    commitMsTotal: 0,
    commitMsLast: 0,
    staleRetries: 0,
    remoteCommitsApplied: 0,
    resyncs: 0,
  };

  constructor(
    readonly repo: Repository,
    private readonly storage: StoragePort,
    private readonly history: History,
    private readonly options: EngineHostOptions,
    /** The last stored commit this engine's state includes. */
    private appliedSeq: number,
  ) {
    this.fetchBytes = options.fetchBytes ?? fetchBytesOverHttp;
    this.baseUrl =
      options.baseUrl ??
      (globalThis as unknown as { location?: { href: string } }).location?.href ??
      'http://localhost/';
    repo.onCommit((r) => this.commit(r));
    repo.setOperationGate((label, run) => this.gate(label, run));
    repo.subscribe((event) => {
      if (this.eventDelivery) this.emit({ type: 'event', event });
    });
  }

  attach(tabs: TabSync): void {
    this.tabs = tabs;
    tabs.onAnnounce((seq) => {
      if (seq > this.appliedSeq) this.scheduleCatchUp();
    });
  }

  listen(l: (n: EngineNotice) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(n: EngineNotice): void {
    for (const l of this.listeners) l(n);
  }

  close(): void {
    this.closed = true;
    this.tabs.close();
    this.storage.close();
    this.listeners.clear();
  }

  // -- Commit: one storage transaction per committed operation, awaited by the engine.

  private async commit(record: CommitRecord): Promise<void> {
    let kind: 'op' | 'undo' | 'redo' = 'op';
    let target: number | undefined;
    let label: HistoryLabel;
    let announced: Annotation | undefined;
    if ((record.label === UNDO || record.label === REDO) && this.historyAction) {
      ({ kind, target, label } = this.historyAction);
      this.historyAction = null;
    } else {
      announced = record.meta ? undefined : this.findAnnotation(record.label, record.changes);
      const meta = record.meta ?? announced;
      label = meta
        ? makeLabel(record.label, {
            ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
            ...(meta.target !== undefined ? { target: meta.target } : {}),
            ...(meta.flags !== undefined ? { flags: meta.flags } : {}),
          })
        : labelFromChanges(record.label, record.changes);
    }
    const { batch, apply } = this.history.prepare(
      { kind, label, changes: record.changes, ...(target !== undefined ? { target } : {}) },
      Date.now(),
    );
    this.emit({ type: 'commit', phase: 'begin', seq: batch.seq, label: label.text });
    const t = perf();
    try {
      await this.storage.commit(batch);
    } catch (e) {
      throw toStorageError(e);
    } finally {
      this.stats.commitMsLast = perf() - t;
      this.stats.commitMsTotal += this.stats.commitMsLast;
    }
    this.stats.commits++;
    // The call's annotation is used up only now: a refused commit is retried and needs it again.
    if (announced) this.annotations.splice(this.annotations.indexOf(announced), 1);
    apply();
    this.appliedSeq = batch.seq;
    this.tabs.announce(batch.seq);
    this.emit({ type: 'commit', phase: 'end', seq: batch.seq, label: label.text });
    this.notifyChanged('local', batch.seq, label, record.changes);
  }

  private notifyChanged(origin: ChangeOrigin, seq: number, label: HistoryLabel | null, changes: readonly Change[]) {
    const seen = new Set<string>();
    const touched: { kind: string; ns: string; name: string }[] = [];
    let truncated = false;
    for (const c of changes) {
      const name =
        c.kind === 'class' || c.kind === 'qualifierDecl'
          ? c.name
          : c.kind === 'instance'
            ? c.path
            : c.kind === 'security'
              ? c.principal
              : c.ns;
      const k = `${c.kind}|${c.ns.toLowerCase()}|${name.toLowerCase()}`;
      if (seen.has(k)) continue;
      seen.add(k);
      if (touched.length >= MAX_TOUCHED) {
        truncated = true;
        break;
      }
      touched.push({ kind: c.kind, ns: c.ns, name });
    }
    const notice: ChangeNotice = { origin, seq, label, touched, truncated };
    this.emit({ type: 'changed', notice });
  }

  /** The call that announced this commit (flags and target for the history line). */
  private findAnnotation(operation: string, changes: readonly Change[]): Annotation | undefined {
    const names = new Set<string>();
    for (const c of changes) {
      if (c.kind === 'class' || c.kind === 'qualifierDecl') names.add(nameKey(c.name));
      else if (c.kind === 'instance') names.add(c.path.toLowerCase());
    }
    const candidates = this.annotations.filter((a) => a.operation === operation);
    const hit =
      candidates.find((a) => names.has(a.target.toLowerCase())) ??
      (candidates.length === 1 || names.size === 0 ? candidates[0] : undefined);
    return hit;
  }

  private annotate(operation: string, conn: Conn, target: string, flags: number): () => void {
    const a: Annotation = { operation, namespace: conn.namespace, target, flags };
    this.annotations.push(a);
    return () => {
      const i = this.annotations.indexOf(a);
      if (i >= 0) this.annotations.splice(i, 1);
    };
  }

  // -- The gate: cross-tab lock, and catch-up + retry when another tab committed first.

  private async gate<T>(label: string, run: () => Promise<T>): Promise<T> {
    if (label === QUIET) return run();
    const max = this.options.maxStaleRetries ?? 5;
    // Alone (no other tab heard from), skip the lock (a Web Lock costs ~0.5 ms a request): the
    // storage's seq check still refuses a commit planned on a stale state, and we retry.
    const peers = this.tabs.hasPeers();
    const lock = <U>(fn: () => Promise<U>) => (peers ? this.tabs.withWriteLock(fn) : fn());
    return lock(async () => {
      // Holding the lock, nobody else commits: catch up first so the operation is planned on the
      // latest state (a broadcast may still be on its way).
      if (peers) await this.catchUp();
      for (let attempt = 0; ; attempt++) {
        try {
          return await run();
        } catch (e) {
          if (!(e instanceof StaleCommitError) || attempt >= max) throw e;
          this.stats.staleRetries++;
          await this.catchUp();
        }
      }
    });
  }

  private scheduleCatchUp(): void {
    if (this.syncQueued || this.closed) return;
    this.syncQueued = true;
    void this.repo
      .exclusive(QUIET, async () => {
        this.syncQueued = false;
        if (!this.closed) await this.catchUp();
      })
      .catch((e: unknown) => console.error('classwright: catching up with another tab failed', e));
  }

  /** Apply the commits other tabs stored since ours (or reload everything if the log is too short). */
  private async catchUp(): Promise<void> {
    const since = await this.storage.readSince(this.appliedSeq);
    if (!since) {
      await this.resync();
      return;
    }
    const all: Change[] = [];
    for (const e of since.entries) {
      for (const c of e.changes) this.applyRemote(c);
      all.push(...e.changes);
      this.appliedSeq = e.seq;
      this.stats.remoteCommitsApplied++;
    }
    this.history.applyRemote(since);
    this.appliedSeq = Math.max(this.appliedSeq, since.seq);
    const last = since.entries[since.entries.length - 1];
    if (last) this.notifyChanged('remote', since.seq, last.label, all);
  }

  private applyRemote(c: Change): void {
    const exists = this.repo.state.ns(c.ns) !== undefined;
    if (c.kind === 'namespace' ? (c.after === true) === exists : !exists) return;
    this.repo.state.apply(c);
  }

  /** Rebuild from the stored records: for a tab that fell behind the history's bound. */
  private async resync(): Promise<void> {
    const stored = await this.storage.load();
    const fresh = new Repository(this.options.repository);
    applyStoredRecords(fresh, stored.records);
    const changes = diffStates(this.repo.state, fresh.state);
    for (const c of changes) this.repo.state.apply(c);
    this.history.reset(stored);
    this.appliedSeq = stored.seq;
    this.stats.resyncs++;
    this.emit({
      type: 'changed',
      notice: { origin: 'reload', seq: stored.seq, label: null, touched: [], truncated: true },
    });
  }

  // -- Undo / redo: a new operation applying the recorded diff (reversed for undo).

  private historyOp(kind: 'undo' | 'redo'): Promise<UndoOutcome> {
    const name = kind === 'undo' ? UNDO : REDO;
    return this.repo
      .exclusive(name, async (txn): Promise<UndoOutcome> => {
        const target = kind === 'undo' ? this.history.undoTarget() : this.history.redoTarget();
        if (!target) return { hr: HR.S_FALSE, errorObject: null, target: null, label: null };
        const entry = await this.storage.entry(target.seq);
        if (!entry) {
          const f = failure(HR.E_NOT_FOUND, String(target.seq), `History entry ${target.seq} is no longer stored.`);
          return { hr: f.hr, errorObject: toExtendedStatus(f, name), target, label: null };
        }
        const f = applyDiff(this.repo, txn, kind === 'undo' ? reverseChanges(entry.changes) : entry.changes);
        if (f) {
          txn.aborted = true;
          return { hr: f.hr, errorObject: toExtendedStatus(f, name), target, label: null };
        }
        const label = undoLabel(kind === 'undo' ? 'Undo' : 'Redo', target.label);
        this.historyAction = { kind, target: target.seq, label };
        return { hr: HR.S_NO_ERROR, errorObject: null, target, label };
      })
      .catch((e: unknown) => {
        this.historyAction = null;
        const hr = hrOfError(e);
        return {
          hr,
          errorObject: toExtendedStatus(failure(hr, '', String(e)), name),
          target: null,
          label: null,
        };
      });
  }

  /** Time travel: every later entry's diff reversed, applied as one new operation. */
  private restore(seq: number): Promise<UndoOutcome> {
    const name = 'Restore';
    const release = this.annotate(name, { namespace: 'root' }, `#${seq}`, 0);
    return this.repo
      .exclusive(name, async (txn): Promise<UndoOutcome> => {
        const back = await changesBackTo((n) => this.storage.entry(n), this.history.seq, seq);
        if (!back) {
          const f = failure(HR.E_NOT_FOUND, String(seq), `History entry ${seq} is no longer kept.`);
          return { hr: f.hr, errorObject: toExtendedStatus(f, name), target: null, label: null };
        }
        if (back.length === 0) return { hr: HR.S_FALSE, errorObject: null, target: null, label: null };
        const f = applyDiff(this.repo, txn, back);
        if (f) {
          txn.aborted = true;
          return { hr: f.hr, errorObject: toExtendedStatus(f, name), target: null, label: null };
        }
        return { hr: HR.S_NO_ERROR, errorObject: null, target: null, label: null };
      })
      .catch((e: unknown) => {
        const hr = hrOfError(e);
        return { hr, errorObject: toExtendedStatus(failure(hr, '', String(e)), name), target: null, label: null };
      })
      .finally(release);
  }

  // -- The API

  private svc(conn: Conn): WbemServices {
    if (typeof conn !== 'object' || conn === null || typeof conn.namespace !== 'string') {
      throw new EngineError({
        hr: HR.E_INVALID_PARAMETER,
        message: 'A connection { namespace } is required.',
        path: ['conn'],
      });
    }
    return new WbemServices(this.repo, conn.namespace, {
      ...(conn.user !== undefined ? { user: conn.user } : {}),
      ...(conn.locale !== undefined ? { locale: conn.locale } : {}),
    });
  }

  private outcome(out: CallOutcome & { path?: string }, release?: () => void): Outcome {
    const base: Outcome = { hr: out.hr, errorObject: out.errorObject, ...(out.path ? { path: out.path } : {}) };
    if (!out.callResult) return base;
    void out.callResult.getCallStatus(0xffffffff).then(() => release?.());
    return { ...base, callResultId: this.callResults.add(out.callResult) };
  }

  /** A sync (or semisync) write, annotated for its history line. */
  private async write(
    operation: string,
    conn: Conn,
    target: string,
    flags: number,
    call: (s: WbemServices) => Promise<CallOutcome & { path?: string }>,
  ): Promise<Outcome> {
    const s = this.svc(conn);
    const release = this.annotate(operation, conn, target, flags);
    let semisync = false;
    try {
      const out = await call(s);
      semisync = out.callResult !== undefined;
      return this.outcome(out, release);
    } catch (e) {
      // A call whose commit failed and that lets the exception through (PutInstance…): report it
      // as its outcome, with the HRESULT the failure carries (WBEM_E_OUT_OF_DISK_SPACE for quota).
      const hr = hrOfError(e);
      return { hr, errorObject: toExtendedStatus(failure(hr, target, String(e)), operation) };
    } finally {
      if (!semisync) release();
    }
  }

  /** An async call with a page sink: the call's own hr, then the sink hears the rest. */
  private startAsync(
    operation: string,
    conn: Conn,
    target: string,
    flags: number,
    sinkId: string,
    start: (s: WbemServices, sink: ObjectSink) => number,
    beforeFinal?: () => readonly unknown[] | null,
  ): number {
    const s = this.svc(conn);
    const release = this.annotate(operation, conn, target, flags);
    const sink = this.sinks.open(sinkId, { onFinal: release, ...(beforeFinal ? { beforeFinal } : {}) });
    const hr = start(s, sink);
    if (failed(hr)) this.sinks.abandon(sinkId);
    return hr;
  }

  /** Several puts as one operation (PutClassAsync semantics for the whole batch). */
  private putClassesAsync(conn: Conn, defs: readonly ClassDefinition[], flags: number, sinkId: string): number {
    const s = this.svc(conn);
    const own = checkFlags('putClassAsync', flags);
    if (failed(own)) return own;
    if (!Array.isArray(defs)) return HR.E_INVALID_PARAMETER;
    if (!this.repo.state.ns(conn.namespace)) return HR.E_INVALID_NAMESPACE;
    if ((this.repo.rightsOf(conn.namespace, s.user) & WBEM_RIGHT.ENABLE) === 0) return HR.E_ACCESS_DENIED;
    const calls = asyncCallsOf(this.repo);
    const call = calls.begin(this.sinks.open(sinkId), (flags & WBEM_FLAG.SEND_STATUS) !== 0);
    const meta = { namespace: conn.namespace, target: `${defs.length} classes`, flags };
    setTimeout(() => {
      if (call.cancelled) return;
      void this.repo
        .exclusive(
          BATCH,
          async (txn) => {
            for (let i = 0; i < defs.length; i++) {
              if (call.cancelled) {
                txn.aborted = true;
                return { hr: HR.E_CALL_CANCELLED, errorObject: null };
              }
              const r = await s.execPutClass(txn, defs[i]!, flags & ~WBEM_FLAG.SEND_STATUS, null);
              if (r.failure) {
                txn.aborted = true;
                return { hr: r.hr, errorObject: toExtendedStatus(r.failure, 'PutClass') };
              }
              calls.progress(call, i + 1, defs.length);
              // Let the message loop run now and then, so a CancelAsyncCall from the page is seen.
              if ((i + 1) % YIELD_EVERY === 0) await new Promise((r) => setTimeout(r, 0));
            }
            if (call.cancelled) {
              txn.aborted = true;
              return { hr: HR.E_CALL_CANCELLED, errorObject: null };
            }
            call.committed = true;
            return { hr: HR.S_NO_ERROR, errorObject: null };
          },
          meta,
        )
        .then(
          (r) => calls.complete(call, r.hr, r.errorObject),
          (e: unknown) => {
            const hr = hrOfError(e);
            calls.complete(call, hr, toExtendedStatus(failure(hr, '', String(e)), 'PutClass'));
          },
        );
    }, 0);
    return HR.S_NO_ERROR;
  }

  private quiet<T>(fn: () => T): Promise<T> {
    return this.repo.exclusive(QUIET, () => fn());
  }

  api(): EngineApi {
    const src = (input: Parameters<EngineApi['importMof']>[1]) => mofSource(input, this.fetchBytes, this.baseUrl);
    return {
      info: async () => this.info,
      connectServer: async (namespace) => {
        const ns = this.repo.state.ns(String(namespace));
        return ns ? { hr: HR.S_NO_ERROR, namespace: ns.path } : { hr: HR.E_INVALID_NAMESPACE, namespace: null };
      },
      getObject: async (conn, path, flags = 0) => this.svc(conn).getObject(path, flags),
      createClassEnum: async (conn, superclass, flags = 0) => this.svc(conn).createClassEnum(superclass, flags),
      createInstanceEnum: async (conn, className, flags = 0) => this.svc(conn).createInstanceEnum(className, flags),
      putClass: (conn, def, flags = 0, ctx = null) =>
        this.write('PutClass', conn, def?.name ?? '', flags, (s) => s.putClass(def, flags, ctx)),
      putClassAsync: async (conn, def, flags, ctx, sink) =>
        this.startAsync('PutClass', conn, def?.name ?? '', flags, sink, (s, k) => s.putClassAsync(def, flags, ctx, k)),
      deleteClass: (conn, className, flags = 0, ctx = null) =>
        this.write('DeleteClass', conn, className ?? '', flags, (s) => s.deleteClass(className, flags, ctx)),
      deleteClassAsync: async (conn, className, flags, ctx, sink) =>
        this.startAsync('DeleteClass', conn, className ?? '', flags, sink, (s, k) =>
          s.deleteClassAsync(className, flags, ctx, k),
        ),
      putClassesAsync: async (conn, defs, flags, sink) => this.putClassesAsync(conn, defs, flags, sink),
      cancelAsyncCall: async (sink) => {
        if (typeof sink !== 'string' || sink === '') return HR.E_INVALID_PARAMETER;
        const proxy = this.sinks.get(sink);
        return proxy ? asyncCallsOf(this.repo).cancel(proxy) : HR.E_NOT_FOUND;
      },
      getCallStatus: async (id, timeoutMs) => {
        const cr = this.callResults.get(id);
        const r = await cr.getCallStatus(timeoutMs);
        return {
          hr: r.hr,
          ...(r.status !== undefined ? { status: r.status } : {}),
          errorObject: cr.getErrorObject(),
          resultString: cr.getResultString(),
        };
      },
      releaseCallResult: async (id) => this.callResults.release(id),
      importMof: async (conn, input, options = {}) => {
        const s = this.svc(conn);
        const { input: mof, name } = src(input);
        const release = this.annotate('MOF import', conn, name, options.classFlags ?? 0);
        try {
          return await s.importMof(mof, options);
        } catch (e) {
          const hr = hrOfError(e);
          return importFailure(hr, toExtendedStatus(failure(hr, name, String(e)), 'MOF import'));
        } finally {
          release();
        }
      },
      importMofAsync: async (conn, input, flags, options, sink) => {
        const { input: mof, name } = src(input);
        // The whole result (counts, every diagnostic and failure) reaches the page as one
        // Indicate just before the final status; the status alone names only the first error.
        let result: MofImportResult | null = null;
        return this.startAsync(
          'MOF import',
          conn,
          name,
          flags,
          sink,
          (s, k) => {
            // importMofAsync runs this.importMof: on this one short-lived service, keep its result.
            const importMof = s.importMof.bind(s);
            s.importMof = async (i, o) => (result = await importMof(i, o));
            return s.importMofAsync(mof, flags, options ?? {}, k);
          },
          () => (result && result.hr >>> 0 !== HR.E_CALL_CANCELLED ? [result] : null),
        );
      },
      putInstance: (conn, inst, flags = 0) =>
        this.write('PutInstance', conn, inst?.className ?? '', flags, (s) => s.putInstance(inst, flags)),
      deleteInstance: (conn, path, flags = 0) =>
        this.write('DeleteInstance', conn, path ?? '', flags, (s) => s.deleteInstance(path, flags)),
      getQualifierDecl: async (conn, name) => this.svc(conn).getQualifierDecl(name) ?? null,
      enumQualifierDecls: async (conn) => this.svc(conn).enumQualifierDecls(),
      putQualifierDecl: (conn, decl) =>
        this.write('PutQualifier', conn, decl?.name ?? '', 0, (s) => s.putQualifierDecl(decl)),
      getSecurity: async (conn) => this.svc(conn).getSecurity(),
      setSecurity: async (conn, principal, rights) => {
        const s = this.svc(conn);
        const release = this.annotate('SetSecurity', conn, principal, 0);
        try {
          return await s.setSecurity(principal, rights);
        } catch (e) {
          return hrOfError(e);
        } finally {
          release();
        }
      },
      analyzeClassUpdate: async (conn, def, flags = 0) => {
        const s = this.svc(conn);
        if (!this.repo.state.ns(conn.namespace)) {
          throw new EngineError({
            hr: HR.E_INVALID_NAMESPACE,
            message: `Namespace ${conn.namespace} does not exist.`,
            path: ['conn', 'namespace'],
          });
        }
        return s.analyzeClassUpdate(def, flags);
      },
      putChangeSet: async (conn, defs, flags = 0) => {
        const release = this.annotate('Change set', conn, `${defs.length} classes`, flags);
        try {
          return await this.svc(conn).putChangeSet(defs, flags);
        } finally {
          release();
        }
      },
      analyzeChangeSet: async (conn, defs, flags = 0) => this.svc(conn).analyzeChangeSet(defs, flags),
      exportMof: async (conn) => this.svc(conn).exportMof(),
      traceQualifier: async (conn, className, qualifier, element = {}) =>
        this.svc(conn).traceQualifier(className, qualifier, element) ?? null,
      history: async () => this.history.view(),
      classesAt: async (conn, seq) => {
        const back = await changesBackTo((n) => this.storage.entry(n), this.history.seq, seq);
        if (!back) return { hr: HR.E_NOT_FOUND, classes: [] };
        return { hr: HR.S_NO_ERROR, classes: classesAfter(this.repo.state, conn.namespace, back) };
      },
      diffHistory: async (conn, fromSeq, toSeq) => {
        const current = this.history.seq;
        const a = await changesBackTo((n) => this.storage.entry(n), current, fromSeq);
        const b = await changesBackTo((n) => this.storage.entry(n), current, toSeq);
        if (!a || !b) return { hr: HR.E_NOT_FOUND, added: [], removed: [], changed: [] };
        const from = classesAfter(this.repo.state, conn.namespace, a);
        const to = classesAfter(this.repo.state, conn.namespace, b);
        return { hr: HR.S_NO_ERROR, ...diffClasses(from, to) };
      },
      restoreHistory: (seq) => this.restore(seq),
      undo: () => this.historyOp('undo'),
      redo: () => this.historyOp('redo'),
      checkConsistency: () => this.quiet(() => checkConsistency(this.repo.state)),
      stats: async (): Promise<EngineStats> => ({
        seq: this.appliedSeq,
        namespaces: this.repo.state.namespacePaths().map((path) => {
          const ns = this.repo.state.ns(path)!;
          let instances = 0;
          for (const m of ns.instances.values()) instances += m.size;
          return { path, classes: ns.userClassCount, instances };
        }),
        ...this.stats,
      }),
      setEventDelivery: async (enabled) => {
        this.eventDelivery = enabled === true;
      },
    };
  }
}
