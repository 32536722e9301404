import { HR } from '../errors/wbem';
import { EngineClient } from './client';
import type { Endpoint, InitMessage, WorkerInitOptions } from './protocol';

/**
 * Start the engine in a module Web Worker and return its client. Call once per page, at module
 * scope (React StrictMode's double effects must not start two). `restart()` starts a new worker
 * on the same database.
 */
export function startEngineWorker(options: WorkerInitOptions = {}): EngineClient {
  return new EngineClient(() => {
    // Written literally so the bundler emits the worker as its own chunk.
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'classwright-engine',
    });
    worker.postMessage({ type: 'init', options } satisfies InitMessage);
    let fatal: ((e: { hr: number; message: string }) => void) | null = null;
    worker.addEventListener('error', (e: ErrorEvent) => {
      const message = `The engine worker failed: ${e.message || 'it could not be loaded'}`;
      console.error(`classwright: ${message}`);
      fatal?.({ hr: HR.E_FAILED, message });
    });
    return {
      endpoint: worker as unknown as Endpoint,
      terminate: () => worker.terminate(),
      onFatal: (l) => (fatal = l),
    };
  });
}
