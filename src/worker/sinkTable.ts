import { HR, WBEM_STATUS } from '../errors/wbem';
import type { CallResult, ObjectSink } from '../service/sink';
import type { EngineNotice, SinkCall, SinkId } from './engineApi';
import { EngineError } from './errors';

interface Entry {
  readonly proxy: ObjectSink;
  /** Calls started on this sink and not yet finished. */
  active: number;
  calls: CallHooks[];
}

/** Per call: what to indicate just before its final status, and what to do after it. */
export interface CallHooks {
  beforeFinal?(): readonly unknown[] | null;
  onFinal?(): void;
}

/**
 * The engine's side of page sinks: one ObjectSink per SinkId that turns every indicate and
 * setStatus into a notice, numbered per sink so the page can check the order.
 */
export class SinkTable {
  private readonly sinks = new Map<SinkId, Entry>();

  constructor(private readonly emit: (n: EngineNotice) => void) {}

  /** The ObjectSink for a page sink, for one more call (see CallHooks). */
  open(id: SinkId, hooks: CallHooks = {}): ObjectSink {
    if (typeof id !== 'string' || id === '')
      throw new EngineError({ hr: HR.E_INVALID_PARAMETER, message: 'A sink id is required.', path: ['sink'] });
    let e = this.sinks.get(id);
    if (!e) {
      let seq = 0;
      const post = (call: SinkCall) => this.emit({ type: 'sink', sink: id, seq: seq++, call });
      const entry: Entry = {
        active: 0,
        calls: [],
        proxy: {
          indicate: (objects) => post({ kind: 'indicate', objects }),
          setStatus: (flags, hr, strParam, errorObject) => {
            const call = flags === WBEM_STATUS.COMPLETE ? entry.calls.shift() : undefined;
            const first = call?.beforeFinal?.();
            if (first) post({ kind: 'indicate', objects: first });
            post({ kind: 'setStatus', flags, hr, strParam, errorObject });
            if (flags !== WBEM_STATUS.COMPLETE) return;
            call?.onFinal?.();
            if (--entry.active <= 0) this.sinks.delete(id);
          },
        },
      };
      this.sinks.set(id, (e = entry));
    }
    e.active++;
    e.calls.push(hooks);
    return e.proxy;
  }

  /** The call did not start (its own hr failed): the sink will hear nothing from it. */
  abandon(id: SinkId): void {
    const e = this.sinks.get(id);
    if (!e) return;
    e.calls.pop()?.onFinal?.();
    if (--e.active <= 0) this.sinks.delete(id);
  }

  get(id: SinkId): ObjectSink | undefined {
    return this.sinks.get(id)?.proxy;
  }
}

/** Semisync call results kept for the page to poll, by id. */
export class CallResults {
  private readonly results = new Map<number, CallResult>();
  private next = 1;

  add(r: CallResult): number {
    const id = this.next++;
    this.results.set(id, r);
    return id;
  }

  get(id: number): CallResult {
    const r = this.results.get(id);
    if (!r) throw new EngineError({ hr: HR.E_NOT_FOUND, message: `No call result ${id}.`, path: ['callResultId'] });
    return r;
  }

  release(id: number): void {
    this.results.delete(id);
  }
}
