import type { Change } from './change';
import type { Repository } from './Repository';

/** A whole repository as plain data: every namespace's contents as `after`-only changes. */
export interface RepositorySnapshot {
  readonly format: 'classwright-repository';
  readonly version: 1;
  readonly records: readonly Change[];
}

/**
 * Everything stored, in an order that loads cleanly: namespaces (parents first), then per
 * namespace its security, qualifier declarations, classes (superclasses first) and instances.
 * System classes are never included: every namespace creates its own.
 */
export function snapshotRecords(repo: Repository): Change[] {
  const out: Change[] = [];
  const paths = repo.state.namespacePaths();
  for (const path of paths) out.push({ kind: 'namespace', ns: path, after: true });
  for (const path of paths) {
    const ns = repo.state.ns(path)!;
    for (const s of ns.security.values())
      out.push({ kind: 'security', ns: ns.path, principal: s.principal, after: s.rights });
    for (const d of ns.qualifierDecls.values())
      out.push({ kind: 'qualifierDecl', ns: ns.path, name: d.name, after: d });
    // Pre-order from the roots: superclasses first, user classes below system classes included.
    for (const key of ns.descendants('')) {
      const c = ns.classes.get(key)!;
      if (!c.system) out.push({ kind: 'class', ns: ns.path, name: c.def.name, after: c });
    }
    for (const [, m] of ns.instances)
      for (const inst of m.values())
        out.push({ kind: 'instance', ns: ns.path, className: inst.def.className, path: inst.path, after: inst.def });
  }
  return out;
}

export function takeSnapshot(repo: Repository): RepositorySnapshot {
  return { format: 'classwright-repository', version: 1, records: snapshotRecords(repo) };
}

/**
 * Apply stored records to a repository without raising events: the way a repository comes
 * back from disk or IndexedDB. Namespaces that already exist (root, root\default, root\cimv2)
 * are kept, their stored security applied over the defaults.
 */
export function loadRecords(repo: Repository, records: readonly Change[]): void {
  for (const r of records) {
    if (r.kind === 'namespace' && repo.state.ns(r.ns) && r.after) continue;
    repo.state.apply(r);
  }
}

export function loadSnapshot(repo: Repository, snapshot: RepositorySnapshot): void {
  if (snapshot.format !== 'classwright-repository' || snapshot.version !== 1) {
    throw new Error(
      `not a Classwright repository snapshot (format ${String(snapshot.format)}, version ${String(snapshot.version)})`,
    );
  }
  loadRecords(repo, snapshot.records);
}
