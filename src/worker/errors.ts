import { HR, hrName } from '../errors/wbem';

/**
 * An error as it crosses the boundary: plain data, so nothing is lost on the way (comlink keeps
 * only name / message / stack; PGlite only the message). `hr` is the HRESULT it stands for.
 */
export interface EngineErrorData {
  readonly hr: number;
  readonly message: string;
  /** Where in the request the problem is (a method, an argument, an element path). */
  readonly path?: readonly string[];
  /** The original error's class name, for logs. */
  readonly name?: string;
}

/** The page-side error a failed call rejects with: the data, as an Error with every field. */
export class EngineError extends Error {
  readonly hr: number;
  readonly path: readonly string[];
  readonly data: EngineErrorData;

  constructor(data: EngineErrorData) {
    super(`${hrName(data.hr)}: ${data.message}`);
    this.name = 'EngineError';
    this.hr = data.hr;
    this.path = data.path ?? [];
    this.data = data;
  }
}

/** Any thrown value as EngineErrorData: its `hr` and `path` when it has them, else WBEM_E_FAILED. */
export function toErrorData(e: unknown, path?: readonly string[]): EngineErrorData {
  if (e instanceof EngineError) return e.data;
  const o = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
  const hr =
    typeof o['hr'] === 'number' && (o['hr'] as number) >>> 0 >= 0x80000000 ? (o['hr'] as number) >>> 0 : HR.E_FAILED;
  const message = typeof o['message'] === 'string' ? (o['message'] as string) : String(e);
  const ownPath = Array.isArray(o['path']) ? (o['path'] as unknown[]).map(String) : undefined;
  const p = ownPath ?? path;
  const name = typeof o['name'] === 'string' ? (o['name'] as string) : undefined;
  return { hr, message, ...(p ? { path: p } : {}), ...(name ? { name } : {}) };
}
