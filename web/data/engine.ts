import type { DesignerClient } from './client';

/**
 * The engine client the designer talks to. The entry (web/main.tsx) installs the worker client
 * from web/engine; component tests install an in-process one. Swapping clients is this one call.
 */
let current: DesignerClient | null = null;

export function getClient(): DesignerClient {
  if (!current) throw new Error('No engine client: call setClient() first (web/main.tsx does).');
  return current;
}

export function setClient(client: DesignerClient | null): void {
  current = client;
}
