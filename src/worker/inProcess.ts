import { EngineClient } from './client';
import { createEngineHost, type EngineHostOptions } from './engineHost';
import { serveEngine } from './server';

/**
 * The engine in this realm, behind the same client and protocol as the worker (over a
 * MessageChannel, so arguments and results are structured-cloned exactly as they would be):
 * for Node tests and the UI's component tests. Each (re)start builds a new engine from
 * `options()`; give it a storage factory over shared data to survive a restart, e.g.
 * `{ storage: async () => new MemoryStorage(data) }`.
 */
export function createInProcessEngine(options: EngineHostOptions | (() => EngineHostOptions) = {}): EngineClient {
  const make = typeof options === 'function' ? options : () => options;
  return new EngineClient(() => {
    const channel = new MessageChannel();
    const server = serveEngine(channel.port1, createEngineHost(make()));
    return {
      endpoint: channel.port2,
      terminate() {
        server.close();
        channel.port1.close();
        channel.port2.close();
      },
    };
  });
}
