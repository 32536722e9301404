import { HR } from '../errors/wbem';

/**
 * Storage failures carry the HRESULT they stand for in `hr`, so the service layer can report
 * them as such instead of WBEM_E_FAILED: `typeof e.hr === 'number' ? e.hr : WBEM_E_FAILED`.
 */
export class StorageError extends Error {
  constructor(
    readonly hr: number,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** The browser refused the space (IndexedDB QuotaExceededError): WBEM_E_OUT_OF_DISK_SPACE. */
export class StorageQuotaError extends StorageError {
  constructor(detail: string) {
    super(HR.E_OUT_OF_DISK_SPACE, `WBEM_E_OUT_OF_DISK_SPACE: the browser refused storage space (${detail}).`);
    this.name = 'StorageQuotaError';
  }
}

/** Another writer (another tab) committed since this one last caught up; catch up and retry. */
export class StaleCommitError extends StorageError {
  constructor(
    readonly expected: number,
    readonly stored: number,
  ) {
    super(HR.E_FAILED, `Stale commit: expected stored seq ${expected}, found ${stored}.`);
    this.name = 'StaleCommitError';
  }
}

/** The database is closed (another tab upgraded it, or the engine shut down). */
export class StorageClosedError extends StorageError {
  constructor(reason: string) {
    super(HR.E_FAILED, `Storage closed: ${reason}`);
    this.name = 'StorageClosedError';
  }
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** Map an IndexedDB failure (a DOMException, or a transaction's error) to a StorageError. */
export function toStorageError(e: unknown): unknown {
  if (e instanceof StorageError) return e;
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return new StorageQuotaError(String(e));
  return e;
}

/** The HRESULT an exception from an operation stands for: its `hr` when it has one, else E_FAILED. */
export function hrOfError(e: unknown): number {
  const hr = typeof e === 'object' && e !== null ? (e as { hr?: unknown }).hr : undefined;
  return typeof hr === 'number' && hr >>> 0 >= 0x80000000 ? hr >>> 0 : HR.E_FAILED;
}
