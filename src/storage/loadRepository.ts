import type { Change } from '../repository/change';
import type { Repository } from '../repository/Repository';

/**
 * Apply stored records over a repository without raising events or running commit hooks: the
 * way a repository comes back from storage. Namespaces a fresh repository already has (root,
 * root\default, root\cimv2) are kept, not recreated; records of a namespace that does not exist
 * are skipped (counted) rather than failing the whole load.
 */
export function applyStoredRecords(repo: Repository, records: readonly Change[]): { applied: number; skipped: number } {
  let applied = 0;
  let skipped = 0;
  for (const r of records) {
    const exists = repo.state.ns(r.ns) !== undefined;
    if (r.kind === 'namespace') {
      if (r.after === true ? exists : !exists) continue;
    } else if (!exists) {
      skipped++;
      continue;
    }
    repo.state.apply(r);
    applied++;
  }
  return { applied, skipped };
}
