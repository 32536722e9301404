import { startEngineWorker } from '../../src/worker/spawnWorker';

/**
 * The page's one engine: a module Web Worker holding the repository, persisted in IndexedDB
 * `classwright`. Created once at module scope, so React StrictMode cannot start two.
 */
export const engine = startEngineWorker({ dbName: 'classwright' });

engine.ready.catch((e: unknown) => console.error('classwright: the engine did not start', e));
