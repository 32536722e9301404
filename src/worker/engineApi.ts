import type { ExtendedStatus } from '../errors/extendedStatus';
import type { IntrinsicEvent } from '../events/intrinsicEvent';
import type { HistoryView } from '../history/History';
import type { ClassDefinition, InstanceDefinition, QualifierDeclaration } from '../model';
import type { CimClass, CimInstance } from '../service/cimObjects';
import type { UpdateAnalysis } from '../service/analyzeClassUpdate';
import type { ChangeSetResult } from '../service/changeSet';
import type { HistoryDiff } from '../history/timeTravel';
import type { QualifierElement, QualifierTrace } from '../service/traceQualifier';
import type { MofImportResult } from '../service/importMof';
import type { WbemContext } from '../service/sink';
import type { ConsistencyReport } from '../storage/checkConsistency';
import type { HistoryLabel, HistorySummary } from '../storage/StoragePort';
import type { EngineErrorData } from './errors';

/**
 * The engine as the page sees it: one object of async methods taking and returning plain data.
 * The worker serves it over postMessage (protocol.ts derives every message from this type); the
 * same object runs in-process for Node and component tests. Names, flags and HRESULTs are
 * IWbemServices's (src/service/WbemServices.ts); a page-side sink is named by a SinkId.
 */
export interface EngineApi {
  /** The engine's state: how it loaded, where it stores, what it holds. */
  info(): Promise<EngineInfo>;
  /** IWbemLocator::ConnectServer: the canonical namespace path, or WBEM_E_INVALID_NAMESPACE. */
  connectServer(namespace: string, options?: ConnectData): Promise<{ hr: number; namespace: string | null }>;

  getObject(conn: Conn, path: string, flags?: number): Promise<GetObjectResult>;
  createClassEnum(conn: Conn, superclass: string | null, flags?: number): Promise<{ hr: number; objects: CimClass[] }>;
  createInstanceEnum(conn: Conn, className: string, flags?: number): Promise<{ hr: number; objects: CimInstance[] }>;

  /** Sync PutClass; with WBEM_FLAG_RETURN_IMMEDIATELY semisync: poll `callResultId`. */
  putClass(conn: Conn, def: ClassDefinition, flags?: number, ctx?: WbemContext | null): Promise<Outcome>;
  /** PutClassAsync: returns the call's own hr; the sink gets every indicate / setStatus after it. */
  putClassAsync(
    conn: Conn,
    def: ClassDefinition,
    flags: number,
    ctx: WbemContext | null,
    sink: SinkId,
  ): Promise<number>;
  deleteClass(conn: Conn, className: string, flags?: number, ctx?: WbemContext | null): Promise<Outcome>;
  deleteClassAsync(
    conn: Conn,
    className: string,
    flags: number,
    ctx: WbemContext | null,
    sink: SinkId,
  ): Promise<number>;
  /**
   * Several PutClass calls as ONE operation (one transaction, one undo step, one commit): all
   * stored or none. With SEND_STATUS the sink gets progress per class.
   */
  putClassesAsync(conn: Conn, defs: readonly ClassDefinition[], flags: number, sink: SinkId): Promise<number>;
  /** CancelAsyncCall(pSink) for any asynchronous call started with this sink. */
  cancelAsyncCall(sink: SinkId): Promise<number>;

  /** IWbemCallResult::GetCallStatus of a semisync call (WBEM_S_TIMEDOUT while pending). */
  getCallStatus(callResultId: number, timeoutMs: number): Promise<CallStatusData>;
  /** Forget a finished semisync call result. */
  releaseCallResult(callResultId: number): Promise<void>;

  /** MOF import as one operation (decisions §12); resolves with the full result. */
  importMof(conn: Conn, input: MofInput, options?: MofImportOptionsData): Promise<MofImportResult>;
  /** The namespace as MOF, every superclass before its subclasses, then instances. */
  exportMof(conn: Conn): Promise<{ hr: number; text: string }>;
  /** MOF import with a sink: progress per declaration with SEND_STATUS, then one final status. */
  importMofAsync(
    conn: Conn,
    input: MofInput,
    flags: number,
    options: MofImportOptionsData,
    sink: SinkId,
  ): Promise<number>;

  putInstance(conn: Conn, inst: InstanceDefinition, flags?: number): Promise<Outcome>;
  deleteInstance(conn: Conn, path: string, flags?: number): Promise<Outcome>;
  getQualifierDecl(conn: Conn, name: string): Promise<QualifierDeclaration | null>;
  enumQualifierDecls(conn: Conn): Promise<QualifierDeclaration[]>;
  putQualifierDecl(conn: Conn, decl: QualifierDeclaration): Promise<Outcome>;
  getSecurity(conn: Conn): Promise<{ hr: number; entries: { principal: string; rights: number }[] }>;
  setSecurity(conn: Conn, principal: string, rights: number): Promise<number>;
  /** What a put would do in each update mode; changes nothing. */
  analyzeClassUpdate(conn: Conn, def: ClassDefinition, flags?: number): Promise<UpdateAnalysis>;
  /** Put several classes as one operation and one undo step, bases before subclasses. */
  putChangeSet(conn: Conn, defs: readonly ClassDefinition[], flags?: number): Promise<ChangeSetResult>;
  /** What putChangeSet would do, class by class; changes nothing. */
  analyzeChangeSet(conn: Conn, defs: readonly ClassDefinition[], flags?: number): Promise<ChangeSetResult>;
  /** Who receives a qualifier below a class, and where DisableOverride blocks overrides. */
  traceQualifier(
    conn: Conn,
    className: string,
    qualifier: string,
    element?: QualifierElement,
  ): Promise<QualifierTrace | null>;

  history(): Promise<HistoryView>;
  /** Undo the latest operation not undone, as a new operation labelled `Undo …`. S_FALSE: nothing to undo. */
  undo(): Promise<UndoOutcome>;
  redo(): Promise<UndoOutcome>;
  /** A namespace's classes as they were right after history entry `seq` (0: before the first). */
  classesAt(conn: Conn, seq: number): Promise<{ hr: number; classes: ClassDefinition[] }>;
  /** What changed in a namespace between two points of the history. */
  diffHistory(conn: Conn, fromSeq: number, toSeq: number): Promise<{ hr: number } & HistoryDiff>;
  /** Bring the repository back to the state right after `seq`, as one new operation. */
  restoreHistory(seq: number): Promise<UndoOutcome>;

  /** The structural invariants over the whole repository (superclasses exist, no cycles…). */
  checkConsistency(): Promise<ConsistencyReport>;
  stats(): Promise<EngineStats>;
  /** Push intrinsic events to this client (off until asked: they carry whole classes). */
  setEventDelivery(enabled: boolean): Promise<void>;
}

export type EngineMethod = keyof EngineApi;

/** Who calls, where: IWbemServices is bound to a namespace, principal and locale. */
export interface Conn {
  readonly namespace: string;
  /** Default `Administrator`. */
  readonly user?: string;
  /** Default 0x409. */
  readonly locale?: number;
}
export type ConnectData = Omit<Conn, 'namespace'>;

/** A page-side sink, by the id its client gave it. */
export type SinkId = string;

/** A sync or semisync call's outcome. */
export interface Outcome {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /** PutInstance: the new instance's path. */
  readonly path?: string;
  /** Semisync (WBEM_FLAG_RETURN_IMMEDIATELY): poll with getCallStatus. */
  readonly callResultId?: number;
}

export interface GetObjectResult {
  readonly hr: number;
  readonly object: CimClass | CimInstance | null;
  readonly errorObject: ExtendedStatus | null;
}

export interface CallStatusData {
  /** WBEM_S_NO_ERROR once finished, WBEM_S_TIMEDOUT while pending. */
  readonly hr: number;
  /** The call's final HRESULT, once finished. */
  readonly status?: number;
  readonly errorObject: ExtendedStatus | null;
  readonly resultString: string | null;
}

/** MOF to import: text, a set of files with an entry, or a URL the engine fetches (with includes). */
export type MofInput =
  | { readonly text: string; readonly fileName?: string }
  | { readonly files: Readonly<Record<string, string>>; readonly entry: string }
  | { readonly url: string };

export interface MofImportOptionsData {
  readonly continueOnError?: boolean;
  readonly classFlags?: number;
  readonly instanceFlags?: number;
}

export interface UndoOutcome {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /** The entry undone or redone. */
  readonly target: HistorySummary | null;
  readonly label: HistoryLabel | null;
}

export interface EngineInfo {
  readonly protocol: 1;
  readonly storage: 'memory' | 'indexeddb';
  readonly dbName: string | null;
  /** From the start of loading to a usable repository, in the engine's realm. */
  readonly loadMs: number;
  readonly records: number;
  readonly seq: number;
  readonly tabId: string;
  /** How tabs coordinate: a Web Lock per write plus BroadcastChannel, or nothing (one tab). */
  readonly tabSync: 'locks+broadcast' | 'broadcast' | 'none';
}

export interface EngineStats {
  readonly seq: number;
  readonly namespaces: { readonly path: string; readonly classes: number; readonly instances: number }[];
  /** Storage commits made by this engine and the time they took (until durable). */
  readonly commits: number;
  readonly commitMsTotal: number;
  readonly commitMsLast: number;
  /** Commits refused because another tab committed first (then caught up and retried). */
  readonly staleRetries: number;
  /** Commits other tabs made that this engine applied. */
  readonly remoteCommitsApplied: number;
  readonly resyncs: number;
}

/** What an ObjectSink receives, as data. */
export type SinkCall =
  | { readonly kind: 'indicate'; readonly objects: readonly unknown[] }
  | {
      readonly kind: 'setStatus';
      readonly flags: number;
      readonly hr: number;
      readonly strParam: string | null;
      readonly errorObject: ExtendedStatus | null;
    };

/** Where a change came from, for the UI's invalidation. */
export type ChangeOrigin = 'local' | 'remote' | 'reload';

/** A committed change set, local or from another tab: enough to invalidate queries. */
export interface ChangeNotice {
  readonly origin: ChangeOrigin;
  readonly seq: number;
  readonly label: HistoryLabel | null;
  /** What changed: `class`, `instance`… with namespace and name, deduplicated, at most 2,000. */
  readonly touched: readonly { readonly kind: string; readonly ns: string; readonly name: string }[];
  /** More were touched than listed: refetch everything. */
  readonly truncated: boolean;
}

/** What the engine pushes to a client besides replies. */
export type EngineNotice =
  | { readonly type: 'sink'; readonly sink: SinkId; readonly seq: number; readonly call: SinkCall }
  | { readonly type: 'event'; readonly event: IntrinsicEvent }
  | { readonly type: 'changed'; readonly notice: ChangeNotice }
  /** A commit is being written (`begin`) or is durable (`end`); crash tests key on `begin`. */
  | { readonly type: 'commit'; readonly phase: 'begin' | 'end'; readonly seq: number; readonly label: string }
  | { readonly type: 'storageClosed'; readonly reason: string }
  | { readonly type: 'failed'; readonly error: EngineErrorData };
