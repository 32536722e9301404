import { HR } from '../errors/wbem';
import type { EngineHost } from './engineHost';
import type { EngineNotice } from './engineApi';
import { toErrorData, type EngineErrorData } from './errors';
import type { CallMessage, Endpoint, FromEngine, ReplyMessage, ToEngine } from './protocol';

/**
 * Serve an engine on an endpoint (the worker's global scope, or one end of a MessageChannel):
 * handshake, calls by correlation id, notices pushed in order. Listens at once, so calls sent
 * while the engine still loads are answered once it is ready.
 */
export function serveEngine(endpoint: Endpoint, boot: Promise<EngineHost>): { close(): void } {
  const post = (m: FromEngine) => {
    try {
      endpoint.postMessage(m);
    } catch (e) {
      // A value the structured clone refuses: answer the call with the reason instead.
      if (m.type === 'return') endpoint.postMessage({ type: 'throw', id: m.id, error: toErrorData(e, [m.method]) });
      else console.error('classwright: cannot post', m.type, e);
    }
  };
  let host: EngineHost | null = null;
  let bootError: EngineErrorData | null = null;
  let unlisten = () => {};

  const dispatch = async (m: CallMessage) => {
    try {
      const h = host ?? (await boot);
      const api = h.api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const fn = Object.prototype.hasOwnProperty.call(api, m.method) ? api[m.method] : undefined;
      if (typeof fn !== 'function') {
        throw {
          hr: HR.E_INVALID_PARAMETER,
          message: `Unknown engine method "${String(m.method)}".`,
          path: [String(m.method)],
        };
      }
      const value = await fn(...(Array.isArray(m.args) ? m.args : []));
      post({ type: 'return', id: m.id, method: m.method, value } as ReplyMessage);
    } catch (e) {
      post({ type: 'throw', id: m.id, error: bootError ?? toErrorData(e, [String(m.method)]) });
    }
  };

  const onMessage = (e: { data: unknown }) => {
    const m = e.data as ToEngine;
    if (m?.type === 'echo') endpoint.postMessage(m);
    else if (m?.type === 'call') void dispatch(m);
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();
  post({ type: 'lifecycle', state: 'booting' });

  let closed = false;
  boot.then(
    (h) => {
      if (closed) return;
      host = h;
      unlisten = h.onNotice((n: EngineNotice) => post(n));
      post({ type: 'lifecycle', state: 'ready', info: h.info });
    },
    (e: unknown) => {
      bootError = toErrorData(e, ['boot']);
      if (!closed) post({ type: 'lifecycle', state: 'failed', error: bootError });
    },
  );

  return {
    close() {
      closed = true;
      endpoint.removeEventListener('message', onMessage);
      unlisten();
      boot.then(
        (h) => h.close(),
        () => undefined,
      );
    },
  };
}
