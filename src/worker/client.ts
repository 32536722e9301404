import type { ExtendedStatus } from '../errors/extendedStatus';
import { WBEM_STATUS, WBEMSTATUS } from '../errors/wbem';
import type { IntrinsicEvent } from '../events/intrinsicEvent';
import type {
  CallStatusData,
  ChangeNotice,
  Conn,
  ConnectData,
  EngineApi,
  EngineInfo,
  EngineMethod,
  EngineNotice,
  SinkCall,
  SinkId,
} from './engineApi';
import { EngineError, type EngineErrorData } from './errors';
import type { CallArgs, CallValue, Endpoint, FromEngine, LifecycleMessage } from './protocol';

/** One connection to an engine: where to post, and how to stop it. */
export interface EngineLink {
  readonly endpoint: Endpoint;
  /** Stop the engine at once (Worker.terminate) or just disconnect. */
  terminate(): void;
  /** Called when the engine cannot start at all (the worker script failed to load). */
  onFatal?(listener: (error: EngineErrorData) => void): void;
}

export type ClientState = 'booting' | 'ready' | 'failed' | 'terminated';

/** What a sink handler may implement: IWbemObjectSink, as plain callbacks. */
export interface SinkHandlers {
  indicate?(objects: readonly unknown[]): void;
  setStatus?(flags: number, hr: number, strParam: string | null, errorObject: ExtendedStatus | null): void;
}

/** A page-side sink: pass `id` to an async call; `done` settles on its final status. */
export interface EngineSink {
  readonly id: SinkId;
  /** Every call received so far, in order. */
  readonly calls: readonly SinkCall[];
  readonly done: Promise<{ hr: number; errorObject: ExtendedStatus | null; strParam: string | null }>;
  /** True if a call arrived out of order (never expected: one port delivers in order). */
  readonly outOfOrder: boolean;
  /** CancelAsyncCall(this sink). */
  cancel(): Promise<number>;
}

/** A semisync call result, polled across the boundary. */
export interface RemoteCallResult {
  readonly id: number;
  getCallStatus(timeoutMs: number): Promise<CallStatusData>;
  release(): Promise<void>;
}

/** The API methods that take a Conn first, bound to one: `conn.putClass(def, flags)`. */
export type Connection = {
  readonly [K in EngineMethod as CallArgs<K> extends [Conn, ...unknown[]] ? K : never]: EngineApi[K] extends (
    conn: Conn,
    ...args: infer A
  ) => infer R
    ? (...args: A) => R
    : never;
} & { readonly conn: Conn };

interface SinkRecord {
  readonly id: SinkId;
  readonly handlers: SinkHandlers;
  readonly calls: SinkCall[];
  next: number;
  outOfOrder: boolean;
  /** Passed to a call: it will hear a final status. */
  used: boolean;
  resolve(v: { hr: number; errorObject: ExtendedStatus | null; strParam: string | null }): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

type Listener<T> = (value: T) => void;

let clients = 0;

/**
 * The page's side of the engine: EngineApi over a link (a Web Worker, or a MessageChannel to an
 * in-process engine), plus what a UI needs around it: sinks, intrinsic events, change notices,
 * semisync call results, the lifecycle, and terminate / restart.
 */
export class EngineClient {
  /** The engine's API: every method of EngineApi, as a call across the link. */
  readonly api: EngineApi;
  state: ClientState = 'booting';
  info: EngineInfo | null = null;
  /** performance.now() when the current link was opened, and when it reported ready. */
  startedAt = 0;
  readyAt = 0;
  ready!: Promise<EngineInfo>;

  private link!: EngineLink;
  private readonly clientId = `c${++clients}`;
  private nextCall = 1;
  private nextSink = 1;
  private nextEcho = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly echoes = new Map<number, () => void>();
  private readonly sinks = new Map<SinkId, SinkRecord>();
  private readonly eventListeners = new Set<Listener<IntrinsicEvent>>();
  private readonly changeListeners = new Set<Listener<ChangeNotice>>();
  private readonly noticeListeners = new Set<Listener<EngineNotice>>();
  private readonly lifecycleListeners = new Set<Listener<ClientState>>();
  private settleReady: { resolve(i: EngineInfo): void; reject(e: unknown): void } | null = null;
  private readonly onMessage = (e: { data: unknown }) => this.receive(e.data as FromEngine);

  constructor(private readonly open: () => EngineLink) {
    this.api = new Proxy({} as EngineApi, {
      get: (_t, method) =>
        typeof method === 'string' && method !== 'then'
          ? (...args: unknown[]) => this.send(method as EngineMethod, args)
          : undefined,
    });
    this.start();
  }

  /** Call one API method. */
  call<M extends EngineMethod>(method: M, ...args: CallArgs<M>): Promise<CallValue<M>> {
    return this.send(method, args) as Promise<CallValue<M>>;
  }

  /** A new page-side sink for one asynchronous call. */
  sink(handlers: SinkHandlers = {}): EngineSink {
    const id = `${this.clientId}:s${this.nextSink++}`;
    let resolve!: SinkRecord['resolve'];
    const done = new Promise<{ hr: number; errorObject: ExtendedStatus | null; strParam: string | null }>(
      (r) => (resolve = r),
    );
    const rec: SinkRecord = { id, handlers, calls: [], next: 0, outOfOrder: false, used: false, resolve };
    this.sinks.set(id, rec);
    return {
      id,
      calls: rec.calls,
      done,
      get outOfOrder() {
        return rec.outOfOrder;
      },
      cancel: () => this.api.cancelAsyncCall(id),
    };
  }

  /**
   * A sink reporting each call to `onCall` (the designer's data layer uses this form); `close`
   * forgets it. Same as `sink()`, which also records calls and offers `done`.
   */
  openSink(onCall: (call: SinkCall) => void): { readonly id: SinkId; close(): void } {
    const s = this.sink({
      indicate: (objects) => onCall({ kind: 'indicate', objects }),
      setStatus: (flags, hr, strParam, errorObject) => onCall({ kind: 'setStatus', flags, hr, strParam, errorObject }),
    });
    return { id: s.id, close: () => void this.sinks.delete(s.id) };
  }

  /** Every notice the engine pushes (alias of onNotice). */
  subscribe(listener: Listener<EngineNotice>): () => void {
    return this.onNotice(listener);
  }

  /** The semisync call result a call returned as `callResultId`. */
  callResult(id: number): RemoteCallResult {
    return {
      id,
      getCallStatus: (timeoutMs) => this.api.getCallStatus(id, timeoutMs),
      release: () => this.api.releaseCallResult(id),
    };
  }

  /** The API bound to a namespace, principal and locale. */
  connect(namespace: string, options: ConnectData = {}): Connection {
    const conn: Conn = { namespace, ...options };
    return new Proxy({ conn } as Connection, {
      get: (t, method) =>
        method === 'conn'
          ? t.conn
          : typeof method === 'string' && method !== 'then'
            ? (...args: unknown[]) => this.send(method as EngineMethod, [conn, ...args])
            : undefined,
    });
  }

  /** Intrinsic events as the engine raises them (turns delivery on while anyone listens). */
  onEvent(listener: Listener<IntrinsicEvent>): () => void {
    this.eventListeners.add(listener);
    if (this.eventListeners.size === 1) void this.api.setEventDelivery(true).catch(() => undefined);
    return () => {
      if (this.eventListeners.delete(listener) && this.eventListeners.size === 0)
        void this.api.setEventDelivery(false).catch(() => undefined);
    };
  }

  /** Every committed change set, this tab's and other tabs' (for query invalidation). */
  onChange(listener: Listener<ChangeNotice>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Every notice the engine pushes (sinks, events, changes, commits). */
  onNotice(listener: Listener<EngineNotice>): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  onLifecycle(listener: Listener<ClientState>): () => void {
    this.lifecycleListeners.add(listener);
    return () => this.lifecycleListeners.delete(listener);
  }

  /** A bare round trip through the engine's message loop. */
  echo(payload?: unknown): Promise<void> {
    const id = this.nextEcho++;
    return new Promise((resolve) => {
      this.echoes.set(id, resolve);
      this.link.endpoint.postMessage({ type: 'echo', id, payload });
    });
  }

  /** Stop the engine now: pending calls reject, open sinks get a final WBEM_E_TRANSPORT_FAILURE. */
  terminate(reason = 'The engine was terminated.'): void {
    if (this.state === 'terminated') return;
    this.link.endpoint.removeEventListener('message', this.onMessage);
    this.link.terminate();
    this.setState('terminated');
    this.failAll({ hr: WBEMSTATUS.WBEM_E_TRANSPORT_FAILURE, message: reason });
  }

  /** Terminate (if running) and start a new engine on the same storage. */
  restart(): Promise<EngineInfo> {
    this.terminate('The engine was restarted.');
    this.start();
    return this.ready;
  }

  private start(): void {
    this.state = 'booting';
    this.info = null;
    this.ready = new Promise<EngineInfo>((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => undefined);
    this.startedAt = now();
    this.link = this.open();
    this.link.endpoint.addEventListener('message', this.onMessage);
    this.link.endpoint.start?.();
    this.link.onFatal?.((error) => this.fail(error));
    if (this.eventListeners.size > 0) void this.api.setEventDelivery(true).catch(() => undefined);
    this.setState('booting');
  }

  private send(method: EngineMethod, args: unknown[]): Promise<unknown> {
    if (this.state === 'terminated' || this.state === 'failed') {
      return Promise.reject(
        new EngineError({
          hr: WBEMSTATUS.WBEM_E_TRANSPORT_FAILURE,
          message: `The engine is ${this.state}.`,
          path: [method],
        }),
      );
    }
    const id = this.nextCall++;
    for (const a of args) {
      const rec = typeof a === 'string' ? this.sinks.get(a) : undefined;
      if (rec) rec.used = true;
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.link.endpoint.postMessage({ type: 'call', id, method, args });
      } catch (e) {
        this.pending.delete(id);
        reject(new EngineError({ hr: WBEMSTATUS.WBEM_E_INVALID_PARAMETER, message: String(e), path: [method] }));
      }
    });
  }

  private receive(m: FromEngine): void {
    switch (m.type) {
      case 'return':
      case 'throw': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.type === 'return') p.resolve(m.value);
        else p.reject(new EngineError(m.error));
        return;
      }
      case 'echo':
        this.echoes.get(m.id)?.();
        this.echoes.delete(m.id);
        return;
      case 'lifecycle':
        this.lifecycle(m);
        return;
      default:
        this.notice(m);
    }
  }

  private lifecycle(m: LifecycleMessage): void {
    if (m.state === 'ready') {
      this.info = m.info;
      this.readyAt = now();
      this.setState('ready');
      this.settleReady?.resolve(m.info);
    } else if (m.state === 'failed') {
      this.fail(m.error);
    }
  }

  private fail(error: EngineErrorData): void {
    if (this.state === 'terminated') return;
    this.setState('failed');
    this.settleReady?.reject(new EngineError(error));
    this.failAll(error);
  }

  private notice(n: EngineNotice): void {
    if (n.type === 'sink') {
      const rec = this.sinks.get(n.sink);
      if (rec) this.deliver(rec, n.seq, n.call);
    } else if (n.type === 'event') {
      for (const l of this.eventListeners) l(n.event);
    } else if (n.type === 'changed') {
      for (const l of this.changeListeners) l(n.notice);
    }
    for (const l of this.noticeListeners) l(n);
  }

  private deliver(rec: SinkRecord, seq: number, call: SinkCall): void {
    if (seq !== rec.next) rec.outOfOrder = true;
    rec.next = seq + 1;
    rec.calls.push(call);
    if (call.kind === 'indicate') rec.handlers.indicate?.(call.objects);
    else {
      rec.handlers.setStatus?.(call.flags, call.hr, call.strParam, call.errorObject);
      if (call.flags === WBEM_STATUS.COMPLETE) {
        this.sinks.delete(rec.id);
        rec.resolve({ hr: call.hr, errorObject: call.errorObject, strParam: call.strParam });
      }
    }
  }

  private failAll(error: EngineErrorData): void {
    for (const p of this.pending.values()) p.reject(new EngineError(error));
    this.pending.clear();
    for (const e of this.echoes.values()) e();
    this.echoes.clear();
    for (const rec of [...this.sinks.values()]) {
      if (!rec.used) continue; // not passed to any call yet: it may serve the next engine
      this.deliver(rec, rec.next, {
        kind: 'setStatus',
        flags: WBEM_STATUS.COMPLETE,
        hr: error.hr,
        strParam: error.message,
        errorObject: null,
      });
    }
  }

  private setState(s: ClientState): void {
    this.state = s;
    for (const l of this.lifecycleListeners) l(s);
  }
}

const now = () => (globalThis as unknown as { performance?: { now(): number } }).performance?.now() ?? Date.now();
