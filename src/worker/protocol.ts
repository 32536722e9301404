import type { EngineApi, EngineInfo, EngineMethod, EngineNotice } from './engineApi';
import type { EngineErrorData } from './errors';
import type { IndexedDbStorageOptions } from '../storage/indexedDbStorage';

/**
 * The wire protocol, derived from EngineApi: a call names a method and carries exactly its
 * parameters; its reply carries exactly its resolved value. Adding a method to EngineApi adds
 * it to the protocol; there is no message list to keep in step.
 */

export type CallArgs<M extends EngineMethod> = Parameters<EngineApi[M]>;
export type CallValue<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

/** page → engine: one API call, with a correlation id unique per client. */
export type CallMessage<M extends EngineMethod = EngineMethod> = {
  [K in M]: { readonly type: 'call'; readonly id: number; readonly method: K; readonly args: CallArgs<K> };
}[M];

/** engine → page: the value a call resolved with, or the error it failed with, as data. */
export type ReplyMessage<M extends EngineMethod = EngineMethod> =
  | { [K in M]: { readonly type: 'return'; readonly id: number; readonly method: K; readonly value: CallValue<K> } }[M]
  | { readonly type: 'throw'; readonly id: number; readonly error: EngineErrorData };

/**
 * The start-up handshake. The engine says `booting` as soon as it listens, then `ready` once the
 * repository is loaded (with the load time), or `failed` with the reason. Calls made before
 * `ready` wait for it.
 */
export type LifecycleMessage =
  | { readonly type: 'lifecycle'; readonly state: 'booting' }
  | { readonly type: 'lifecycle'; readonly state: 'ready'; readonly info: EngineInfo }
  | { readonly type: 'lifecycle'; readonly state: 'failed'; readonly error: EngineErrorData };

/** A bare round trip through the worker's message loop (no API dispatch): the benchmark's floor. */
export interface EchoMessage {
  readonly type: 'echo';
  readonly id: number;
  readonly payload?: unknown;
}

/** What the page sends a worker first: how to open its storage. */
export interface InitMessage {
  readonly type: 'init';
  readonly options: WorkerInitOptions;
}

export interface WorkerInitOptions {
  /** IndexedDB database name; default `classwright`. */
  readonly dbName?: string;
  readonly durability?: IndexedDbStorageOptions['durability'];
  /** Keep the repository in memory only (nothing persisted). */
  readonly memory?: boolean;
}

export type ToEngine = CallMessage | EchoMessage | InitMessage;
export type FromEngine = ReplyMessage | LifecycleMessage | EchoMessage | EngineNotice;

/** The part of a Worker / MessagePort both ends use. */
export interface Endpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  start?(): void;
}
