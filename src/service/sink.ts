import type { ExtendedStatus } from '../errors/extendedStatus';
import type { WbemStatusType } from '../errors/wbem';

/** IWbemObjectSink: where an asynchronous call delivers its objects and its status (decisions §6). */
export interface ObjectSink {
  indicate(objects: readonly unknown[]): void;
  setStatus(flags: WbemStatusType, hr: number, strParam: string | null, errorObject: ExtendedStatus | null): void;
}

/** Named values passed unchanged to providers (IWbemContext). */
export type WbemContext = Readonly<Record<string, unknown>>;

/** What a synchronous or semisynchronous call returns. */
export interface CallOutcome {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /** Set for a semisynchronous call (WBEM_FLAG_RETURN_IMMEDIATELY). */
  readonly callResult?: CallResult;
}

/** IWbemCallResult: the outcome of a semisynchronous call (decisions §6). */
export class CallResult {
  private final: { hr: number; errorObject: ExtendedStatus | null; path?: string } | null = null;

  constructor(private readonly done: Promise<{ hr: number; errorObject: ExtendedStatus | null; path?: string }>) {
    void done.then((r) => (this.final = r));
  }

  /**
   * Waits up to timeoutMs (0 polls, WBEM_INFINITE blocks): WBEM_S_TIMEDOUT while pending, then
   * WBEM_S_NO_ERROR with the call's final HRESULT in `status`.
   */
  async getCallStatus(timeoutMs: number): Promise<{ hr: number; status?: number }> {
    if (this.final) return { hr: 0, status: this.final.hr };
    if (timeoutMs > 0) {
      const infinite = timeoutMs >= 0xffffffff;
      const timer = new Promise<null>((resolve) => {
        if (!infinite) setTimeout(() => resolve(null), timeoutMs);
      });
      const r = await Promise.race([this.done, timer]);
      if (r) return { hr: 0, status: r.hr };
    } else {
      // A poll still lets already-settled work report.
      await Promise.resolve();
      if (this.final) return { hr: 0, status: (this.final as { hr: number }).hr };
    }
    return { hr: 0x40004 };
  }

  /** The error object of a finished call (GetErrorInfo), null while pending or on success. */
  getErrorObject(): ExtendedStatus | null {
    return this.final?.errorObject ?? null;
  }

  /** PutInstance's new instance path (GetResultString). */
  getResultString(): string | null {
    return this.final?.path ?? null;
  }
}
