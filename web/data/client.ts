import type { EngineApi, EngineNotice, SinkCall, SinkId } from '../../src/worker/engineApi';

/** A page-side IWbemObjectSink: its id names it to the engine; `close` forgets it. */
export interface SinkHandle {
  readonly id: SinkId;
  close(): void;
}

/**
 * What the designer needs from the engine: the EngineApi (plain data in and out), the notices it
 * pushes (commits, events, sink calls), and page-side sinks for the asynchronous calls.
 * Implemented by the worker client (web/engine) and, for tests, by an in-process engine.
 */
export interface DesignerClient {
  readonly api: EngineApi;
  /** Every notice the engine pushes. Returns the unsubscribe function. */
  subscribe(listener: (notice: EngineNotice) => void): () => void;
  /** A new sink: every Indicate / SetStatus of calls made with `id` reaches `onCall`, in order. */
  openSink(onCall: (call: SinkCall) => void): SinkHandle;
  /** Settles once the engine has loaded its repository (the worker client has it). */
  readonly ready?: Promise<unknown>;
}
