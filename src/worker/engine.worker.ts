/**
 * The engine's Web Worker. Load it only as a module worker from its own file:
 *   new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })
 * (spawnWorker.ts does). The page sends `init` first; the worker opens IndexedDB, loads the
 * repository and serves EngineApi on its global scope.
 */
import { IndexedDbStorage } from '../storage/indexedDbStorage';
import { DEFAULT_DB_NAME } from '../storage/indexedDbSchema';
import { MemoryStorage } from '../storage/memoryStorage';
import { createEngineHost } from './engineHost';
import type { Endpoint, ToEngine, WorkerInitOptions } from './protocol';
import { serveEngine } from './server';
import { browserTabSync, soloTabSync } from './tabSync';

/** The engine module was evaluated outside a worker: a bundler inlined it into the page. */
export class WorkerInTheMainChunkError extends Error {
  constructor() {
    super(
      'engine.worker.ts was evaluated outside a Web Worker: it got bundled into the main chunk. ' +
        "Start it only with new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }).",
    );
    this.name = 'WorkerInTheMainChunkError';
  }
}

const WorkerScope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
if (typeof WorkerScope !== 'function' || !(globalThis instanceof WorkerScope)) throw new WorkerInTheMainChunkError();

const scope = globalThis as unknown as Endpoint;

function boot(options: WorkerInitOptions) {
  const dbName = options.dbName ?? DEFAULT_DB_NAME;
  let notifyClosed: (reason: string) => void = () => undefined;
  const host = createEngineHost({
    dbName,
    tabs: options.memory ? soloTabSync() : browserTabSync(dbName),
    storage: options.memory
      ? async () => new MemoryStorage()
      : () =>
          IndexedDbStorage.open({
            name: dbName,
            ...(options.durability ? { durability: options.durability } : {}),
            onClosed: (reason) => notifyClosed(reason),
          }),
  });
  void host.then((h) => {
    notifyClosed = (reason) => scope.postMessage({ type: 'storageClosed', reason });
    return h;
  });
  serveEngine(scope, host);
}

const onInit = (e: { data: unknown }) => {
  const m = e.data as ToEngine;
  if (m?.type !== 'init') return;
  scope.removeEventListener('message', onInit);
  boot(m.options ?? {});
};
scope.addEventListener('message', onInit);
