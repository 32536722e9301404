import { HR, WBEM_FLAG, WBEM_STATUS, hrName } from '../../src/errors/wbem';
import { deleteDB } from 'idb';
import type { EngineClient } from '../../src/worker/client';
import type { WorkerInitOptions } from '../../src/worker/protocol';
import { startEngineWorker } from '../../src/worker/spawnWorker';
import { engine } from './engine';

/**
 * `window.classwright`: the engine for tests (Playwright drives it through page.evaluate) and for
 * power users in the devtools console. See web/engine/README.md.
 */
export interface ClasswrightGlobal {
  /** The client: `api`, `connect`, `sink`, `onEvent`, `onChange`, `ready`, `terminate`, `restart`. */
  readonly engine: EngineClient;
  readonly api: EngineClient['api'];
  connect: EngineClient['connect'];
  sink: EngineClient['sink'];
  /** Stop the worker and delete the IndexedDB database, then start a fresh engine. */
  clearStorage(): Promise<void>;
  /** Another engine worker (its own database name, durability…), e.g. for benchmarks. */
  startEngine(options: WorkerInitOptions): EngineClient;
  readonly HR: typeof HR;
  readonly WBEM_FLAG: typeof WBEM_FLAG;
  readonly WBEM_STATUS: typeof WBEM_STATUS;
  hrName: typeof hrName;
}

export const classwright: ClasswrightGlobal = {
  engine,
  get api() {
    return engine.api;
  },
  connect: (namespace, options) => engine.connect(namespace, options),
  sink: (handlers) => engine.sink(handlers),
  async clearStorage() {
    engine.terminate('The storage is being cleared.');
    await deleteDB(engine.info?.dbName ?? 'classwright', {
      blocked: () => console.warn('classwright: another tab keeps the database open'),
    });
    await engine.restart();
  },
  startEngine: (options) => startEngineWorker(options),
  HR,
  WBEM_FLAG,
  WBEM_STATUS,
  hrName,
};

declare global {
  interface Window {
    classwright: ClasswrightGlobal;
  }
}

window.classwright = classwright;
