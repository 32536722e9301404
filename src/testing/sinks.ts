import type { ExtendedStatus } from '../errors/extendedStatus';
import { hrName, WBEM_STATUS, type WbemStatusType } from '../errors/wbem';
import type { ClassDefinition } from '../model';
import type { ClassProvider } from '../service/classProvider';
import type { ObjectSink, WbemContext } from '../service/sink';

/** One call an `ObjectSink` received. */
export type SinkCall =
  | { readonly kind: 'indicate'; readonly count: number }
  | {
      readonly kind: 'setStatus';
      readonly flags: WbemStatusType;
      readonly hr: number;
      readonly strParam: string | null;
      readonly errorObject: ExtendedStatus | null;
    };

/** A sink that records every call, and a promise that settles on the final SetStatus. */
export interface RecordingSink extends ObjectSink {
  readonly calls: SinkCall[];
  /** Resolves with the COMPLETE call (the first one; a second would be a protocol error). */
  readonly done: Promise<Extract<SinkCall, { kind: 'setStatus' }>>;
  /** Compact form of the calls: `PROGRESS 0x00030001`, `COMPLETE WBEM_S_NO_ERROR`, `INDICATE 2`. */
  trace(): string[];
}

export function recordingSink(): RecordingSink {
  const calls: SinkCall[] = [];
  let resolve!: (c: Extract<SinkCall, { kind: 'setStatus' }>) => void;
  const done = new Promise<Extract<SinkCall, { kind: 'setStatus' }>>((r) => (resolve = r));
  return {
    calls,
    done,
    indicate(objects) {
      calls.push({ kind: 'indicate', count: objects.length });
    },
    setStatus(flags, hr, strParam, errorObject) {
      const c = { kind: 'setStatus' as const, flags, hr, strParam, errorObject };
      calls.push(c);
      if (flags === WBEM_STATUS.COMPLETE) resolve(c);
    },
    trace() {
      return calls.map((c) =>
        c.kind === 'indicate'
          ? `INDICATE ${c.count}`
          : c.flags === WBEM_STATUS.PROGRESS
            ? `PROGRESS 0x${(c.hr >>> 0).toString(16).padStart(8, '0')}`
            : `${c.flags === WBEM_STATUS.COMPLETE ? 'COMPLETE' : 'REQUIREMENTS'} ${hrName(c.hr)}`,
      );
    },
  };
}

/** Resolve after `ms` milliseconds (lets queued asynchronous work run). */
export function delay(ms = 0): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** One call a scripted provider received. */
export interface ProviderCall {
  readonly op: 'putClass' | 'deleteClass';
  readonly className: string;
  readonly flags: number;
  readonly context: WbemContext | null;
}

/**
 * A class provider that answers every PutClass and DeleteClass with a fixed HRESULT (optionally
 * after a delay, or when `release()` is called) and records what it was asked, into its own log
 * and an optional shared one (to check the order in which providers are asked).
 */
export interface ScriptedProvider extends ClassProvider {
  readonly calls: ProviderCall[];
  answer: number;
  /** Milliseconds to wait before answering; 'manual' waits for `release()`. */
  wait: number | 'manual';
  /** Answer every call waiting under `wait: 'manual'`. */
  release(): void;
}

export function scriptedProvider(
  name: string,
  answer: number,
  shared?: { name: string; call: ProviderCall }[],
): ScriptedProvider {
  const waiting: (() => void)[] = [];
  const respond = (call: ProviderCall): Promise<number> | number => {
    p.calls.push(call);
    shared?.push({ name, call });
    if (p.wait === 'manual') return new Promise((r) => waiting.push(() => r(p.answer)));
    if (p.wait > 0) return delay(p.wait).then(() => p.answer);
    return p.answer;
  };
  const p: ScriptedProvider = {
    calls: [],
    answer,
    wait: 0,
    release() {
      for (const w of waiting.splice(0)) w();
    },
    putClassAsync(def: ClassDefinition, flags: number, context: WbemContext | null) {
      return respond({ op: 'putClass', className: def.name, flags, context });
    },
    deleteClassAsync(className: string, flags: number, context: WbemContext | null) {
      return respond({ op: 'deleteClass', className, flags, context });
    },
  };
  return p;
}
