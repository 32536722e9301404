// The engine runs in a Web Worker and in Node, and must not see the DOM. These few host
// functions exist in both; they are declared here instead of pulling in a whole host library.
declare function setTimeout(handler: () => void, timeoutMs?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
// eslint-disable-next-line no-var
declare var TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(input?: Uint8Array): string };
};
