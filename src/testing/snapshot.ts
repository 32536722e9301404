import type { Repository } from '../repository/Repository';

/** Sort by a lower-cased key, the way every engine listing is ordered. */
function byKey<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = key(a).toLowerCase();
    const y = key(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * A JSON snapshot of what one namespace stores: its user classes (local definition and owning
 * provider), its static instances, its qualifier declarations and its security descriptor.
 * System classes are left out (they never change). A missing namespace snapshots as `null`.
 * Tests compare the text before and after a failed operation: it must not change.
 */
export function snapshotNamespace(repo: Repository, path: string): string {
  const ns = repo.state.ns(path);
  if (!ns) return 'null';
  const classes = byKey(
    [...ns.classes.values()].filter((c) => !c.system),
    (c) => c.def.name,
  ).map((c) => ({ def: c.def, ...(c.provider !== undefined ? { provider: c.provider } : {}) }));
  const instances = byKey(
    [...ns.instances.values()].flatMap((m) => [...m.values()]),
    (i) => i.path,
  ).map((i) => ({ path: i.path, def: i.def }));
  const qualifierDecls = byKey([...ns.qualifierDecls.values()], (d) => d.name);
  const security = byKey([...ns.security.values()], (s) => s.principal);
  return JSON.stringify({ path: ns.path, classes, instances, qualifierDecls, security });
}

/** Every namespace of the repository, each as `snapshotNamespace` gives it. */
export function snapshotRepository(repo: Repository): string {
  return JSON.stringify(repo.state.namespacePaths().map((p) => JSON.parse(snapshotNamespace(repo, p)) as unknown));
}
