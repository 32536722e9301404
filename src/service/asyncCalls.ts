import type { ExtendedStatus } from '../errors/extendedStatus';
import { HR, WBEM_STATUS } from '../errors/wbem';
import type { ObjectSink } from './sink';

/** One pending asynchronous call (MS-WMI's AsyncOperationTable entry). */
export interface AsyncCall {
  readonly sink: ObjectSink;
  /** WBEM_FLAG_SEND_STATUS was given: progress reaches the sink. */
  readonly sendStatus: boolean;
  cancelled: boolean;
  committed: boolean;
  finished: boolean;
}

/**
 * The table of pending asynchronous calls: the sink protocol (one final SetStatus, nothing after
 * it) and CancelAsyncCall (decisions §6).
 */
export class AsyncCalls {
  private readonly calls = new Set<AsyncCall>();

  begin(sink: ObjectSink, sendStatus: boolean): AsyncCall {
    const call: AsyncCall = { sink, sendStatus, cancelled: false, committed: false, finished: false };
    this.calls.add(call);
    return call;
  }

  progress(call: AsyncCall, done: number, total: number): void {
    if (!call.sendStatus || call.cancelled || call.finished) return;
    call.sink.setStatus(WBEM_STATUS.PROGRESS, ((total & 0xffff) * 0x10000 + (done & 0xffff)) >>> 0, null, null);
  }

  indicate(call: AsyncCall, objects: readonly unknown[]): void {
    if (call.cancelled || call.finished) return;
    call.sink.indicate(objects);
  }

  complete(call: AsyncCall, hr: number, errorObject: ExtendedStatus | null): void {
    this.calls.delete(call);
    if (call.finished) return;
    call.finished = true;
    if (call.cancelled) return; // the cancel already delivered the final status
    call.sink.setStatus(WBEM_STATUS.COMPLETE, hr, null, hr >>> 0 >= 0x80000000 ? errorObject : null);
  }

  /** CancelAsyncCall: before the commit point the call is abandoned and completes with CALL_CANCELLED. */
  cancel(sink: ObjectSink | null | undefined): number {
    if (!sink) return HR.E_INVALID_PARAMETER;
    let found = false;
    for (const call of this.calls) {
      if (call.sink !== sink) continue;
      found = true;
      if (call.committed || call.finished || call.cancelled) continue;
      call.cancelled = true;
      queueMicrotask(() => {
        if (call.finished) return;
        call.finished = true;
        this.calls.delete(call);
        sink.setStatus(WBEM_STATUS.COMPLETE, HR.E_CALL_CANCELLED, null, null);
      });
    }
    return found ? HR.S_NO_ERROR : HR.E_NOT_FOUND;
  }
}

const TABLES = new WeakMap<object, AsyncCalls>();

/** The pending-call table of one repository (shared by every service connected to it). */
export function asyncCallsOf(repo: object): AsyncCalls {
  let t = TABLES.get(repo);
  if (!t) TABLES.set(repo, (t = new AsyncCalls()));
  return t;
}
