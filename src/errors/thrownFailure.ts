import { failure, type OpFailure } from './opFailure';
import { HR } from './wbem';

/**
 * An operation that threw (a commit hook, i.e. storage, failed after the rollback): an error that
 * carries its HRESULT in `hr` (src/storage's StorageError) reports that; the browser's own storage
 * quota error is WBEM_E_OUT_OF_DISK_SPACE (decisions §10); anything else WBEM_E_FAILED.
 */
export function thrownFailure(e: unknown): OpFailure {
  const o = typeof e === 'object' && e !== null ? (e as { name?: unknown; hr?: unknown }) : {};
  const hr =
    typeof o.hr === 'number' && o.hr >>> 0 >= 0x80000000
      ? o.hr >>> 0
      : o.name === 'QuotaExceededError'
        ? HR.E_OUT_OF_DISK_SPACE
        : HR.E_FAILED;
  if (hr === HR.E_OUT_OF_DISK_SPACE) {
    return failure(hr, '', `The browser's storage quota is exhausted; nothing was stored.`);
  }
  return failure(hr, '', String(e));
}
