import { failure, type OpFailure } from '../errors/opFailure';
import { HR } from '../errors/wbem';
import { timeCreatedNow, type EventListener, type IntrinsicEvent, type PendingEvent } from '../events/intrinsicEvent';
import { nameKey, sameName } from '../model';
import type { OpEnv } from '../ops/opEnv';
import { toCimClass } from '../service/cimObjects';
import type { Change } from './change';
import { DEFAULT_SECURITY, defaultGroupsOf } from './defaultSecurity';
import { namespaceKey, normalizeNamespace, parentNamespace, RepositoryState } from './RepositoryState';
import { Txn } from './Txn';
import type { ClassProvider } from '../service/classProvider';

export interface RepositoryQuotas {
  /** Most user classes across all namespaces. */
  readonly classes?: number;
  /** Most bytes of stored class definitions (JSON), across all namespaces. */
  readonly bytes?: number;
}

export interface RepositoryOptions {
  /** `__SERVER` and the server part of `__PATH`; `.` unless configured (decisions §11). */
  readonly server?: string;
  readonly quotas?: RepositoryQuotas;
  /** Group membership per principal; the default makes Administrator an administrator. */
  readonly groupsOf?: (principal: string) => readonly string[];
}

/** A committed operation, as persistence and history see it. */
export interface CommitRecord {
  readonly label: string;
  readonly changes: readonly Change[];
  /** What the caller of `exclusive` said about the operation, for the history's label. */
  readonly meta?: OperationMeta;
}

/** Optional facts about an operation for its history entry: `PutClass Shape (UPDATE_SAFE_MODE)`. */
export interface OperationMeta {
  readonly namespace?: string;
  /** The class, instance path or file the operation is about. */
  readonly target?: string;
  readonly flags?: number;
}

/** Runs around one operation (see Repository.setOperationGate). */
export type OperationGate = <T>(label: string, run: () => Promise<T>) => Promise<T>;

/** A class provider bound to a namespace (decisions §9), in registration order. */
export interface ProviderBinding {
  readonly name: string;
  claims: Set<string>;
  impl: ClassProvider;
}

/**
 * The class repository: all namespaces, the one queue every operation goes through, the
 * transaction that makes each one atomic, and the event and commit subscribers.
 */
export class Repository {
  readonly state = new RepositoryState();
  readonly server: string;
  private readonly quotas: RepositoryQuotas;
  private readonly groupsOf: (principal: string) => readonly string[];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<EventListener>();
  private readonly commitHooks = new Set<(record: CommitRecord) => void | Promise<void>>();
  private gate: OperationGate | null = null;
  private readonly providers = new Map<string, ProviderBinding[]>();
  private storedBytes = 0;

  constructor(options: RepositoryOptions = {}) {
    this.server = options.server ?? '.';
    this.quotas = options.quotas ?? {};
    this.groupsOf = options.groupsOf ?? defaultGroupsOf;
    const boot = new Txn(this.state, 'bootstrap');
    boot.apply(this.createNamespaceChanges('root'), []);
    boot.apply(this.createNamespaceChanges('root\\default'), []);
    boot.apply(this.createNamespaceChanges('root\\cimv2'), []);
  }

  /** The changes that create a namespace, its security inherited from its parent (decisions §8). */
  createNamespaceChanges(path: string): Change[] {
    const p = normalizeNamespace(path);
    const parent = parentNamespace(p);
    const parentNs = parent ? this.state.ns(parent) : undefined;
    const entries = parentNs ? [...parentNs.security.values()] : DEFAULT_SECURITY;
    return [
      { kind: 'namespace', ns: p, after: true },
      ...entries.map((e): Change => ({ kind: 'security', ns: p, principal: e.principal, after: e.rights })),
    ];
  }

  /** The caller's rights on a namespace: its own entry and those of its groups (decisions §8). */
  rightsOf(nsPath: string, principal: string): number {
    const ns = this.state.ns(nsPath);
    if (!ns) return 0;
    let rights = ns.security.get(nameKey(principal))?.rights ?? 0;
    for (const g of this.groupsOf(principal)) rights |= ns.security.get(nameKey(g))?.rights ?? 0;
    return rights;
  }

  /** The operation environment for one caller in one namespace. */
  env(nsPath: string, principal: string, locale: number): OpEnv | undefined {
    const ns = this.state.ns(nsPath);
    if (!ns) return undefined;
    return {
      state: this.state,
      ns,
      rights: this.rightsOf(nsPath, principal),
      locale,
      claimants: (className) => this.claimants(ns.path, className),
      isSubclassOf: (a, b) => {
        const r = ns.resolve(a);
        if (!r) return undefined;
        return sameName(r.name, b) || r.derivation.some((d) => sameName(d, b));
      },
      createNamespaceChanges: (p) => this.createNamespaceChanges(p),
    };
  }

  // -- Providers (decisions §9)

  bindings(nsPath: string): ProviderBinding[] {
    const k = namespaceKey(nsPath);
    let list = this.providers.get(k);
    if (!list) this.providers.set(k, (list = []));
    return list;
  }

  claimants(nsPath: string, className: string): string[] {
    const list = this.providers.get(namespaceKey(nsPath));
    if (!list) return [];
    const k = nameKey(className);
    return list.filter((b) => b.claims.has(k)).map((b) => b.name);
  }

  provider(nsPath: string, name: string): ProviderBinding | undefined {
    return this.providers.get(namespaceKey(nsPath))?.find((b) => nameKey(b.name) === nameKey(name));
  }

  // -- Events and commits

  /** Receive every intrinsic event after its operation commits. Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each committed operation before its events are raised (persistence, history). */
  onCommit(hook: (record: CommitRecord) => void | Promise<void>): () => void {
    this.commitHooks.add(hook);
    return () => this.commitHooks.delete(hook);
  }

  /**
   * Wrap every operation's run, in queue order: `run` executes the operation and its commit hooks
   * and may be called again (a retry after a failed commit re-plans the operation from scratch).
   * The worker uses it for a cross-tab write lock and to catch up with other tabs' commits.
   */
  setOperationGate(gate: OperationGate | null): void {
    this.gate = gate;
  }

  /**
   * Run one operation alone: operations never interleave. The operation applies its changes to
   * the transaction; a failure (or `txn.aborted`) rolls everything back, else it commits.
   */
  exclusive<T>(label: string, fn: (txn: Txn) => Promise<T> | T, meta?: OperationMeta): Promise<T> {
    const run = async (): Promise<T> => {
      const txn = new Txn(this.state, label);
      // A rollback also gives back the bytes the operation counted against the quota (decisions §10).
      const bytesAtStart = this.storedBytes;
      const rollback = () => {
        txn.rollback();
        this.storedBytes = bytesAtStart;
      };
      let result: T;
      try {
        result = await fn(txn);
      } catch (e) {
        rollback();
        throw e;
      }
      if (txn.aborted) {
        rollback();
        return result;
      }
      if (txn.changes.length > 0) {
        try {
          const record: CommitRecord = meta ? { label, changes: txn.changes, meta } : { label, changes: txn.changes };
          for (const hook of this.commitHooks) await hook(record);
        } catch (e) {
          rollback();
          throw e;
        }
      }
      this.raise(txn.events);
      return result;
    };
    const gated = (): Promise<T> => (this.gate ? this.gate(label, run) : run());
    const p = this.queue.then(gated, gated);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Apply one operation's changes inside a transaction, enforcing quotas (decisions §10). */
  applyOp(txn: Txn, changes: readonly Change[], events: readonly PendingEvent[]): OpFailure | null {
    const eventMark = txn.events.length;
    const bytesBefore = this.storedBytes;
    const mark = txn.apply(changes, events);
    if (this.quotas.bytes !== undefined) {
      for (const c of changes) {
        if (c.kind !== 'class') continue;
        if (c.before && !c.before.system) this.storedBytes -= JSON.stringify(c.before.def).length;
        if (c.after && !c.after.system) this.storedBytes += JSON.stringify(c.after.def).length;
      }
    }
    const over = this.quotaExceeded();
    if (over) {
      txn.revertTo(mark, eventMark);
      this.storedBytes = bytesBefore;
      return over;
    }
    return null;
  }

  private quotaExceeded(): OpFailure | null {
    if (this.quotas.classes !== undefined) {
      let n = 0;
      for (const p of this.state.namespacePaths()) n += this.state.ns(p)!.userClassCount;
      if (n > this.quotas.classes) {
        return failure(HR.E_OUT_OF_MEMORY, '', `The repository quota of ${this.quotas.classes} classes is reached.`);
      }
    }
    if (this.quotas.bytes !== undefined && this.storedBytes > this.quotas.bytes) {
      return failure(
        HR.E_OUT_OF_MEMORY,
        '',
        `The repository quota of ${this.quotas.bytes} bytes of class definitions is reached.`,
      );
    }
    return null;
  }

  /** Raise the events of a committed transaction, in their planned order (decisions §5). */
  private raise(events: readonly PendingEvent[]): void {
    if (this.listeners.size === 0 || events.length === 0) return;
    const time = timeCreatedNow();
    for (const e of events) {
      const ev = this.buildEvent(e, time);
      for (const l of this.listeners) l(ev);
    }
  }

  private buildEvent(e: PendingEvent, time: string): IntrinsicEvent {
    const ns = this.state.ns(e.ns);
    const cimOf = (r: NonNullable<PendingEvent['previous']>) => toCimClass(r, ns?.path ?? e.ns, this.server);
    const current = ns && e.eventClass !== '__ClassDeletionEvent' ? ns.resolve(e.className) : undefined;
    const base = { __CLASS: e.eventClass, namespace: ns?.path ?? e.ns, className: e.className, TIME_CREATED: time };
    switch (e.eventClass) {
      case '__ClassCreationEvent':
        return { ...base, ...(current ? { TargetClass: cimOf(current) } : {}) };
      case '__ClassModificationEvent':
        return {
          ...base,
          ...(current ? { TargetClass: cimOf(current) } : {}),
          ...(e.previous ? { PreviousClass: cimOf(e.previous) } : {}),
        };
      case '__ClassDeletionEvent':
        return { ...base, ...(e.previous ? { TargetClass: cimOf(e.previous) } : {}) };
      default:
        return {
          ...base,
          ...(e.instance ? { TargetInstance: e.instance } : {}),
          ...(e.previousInstance ? { PreviousInstance: e.previousInstance } : {}),
        };
    }
  }
}
