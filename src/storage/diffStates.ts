import { sameData } from '../history/applyDiff';
import type { Change } from '../repository/change';
import type { NamespaceData } from '../repository/namespaceData';
import type { RepositoryState } from '../repository/RepositoryState';

const depth = (p: string) => p.split('\\').length;

function diffMap<T>(
  from: ReadonlyMap<string, T> | undefined,
  to: ReadonlyMap<string, T> | undefined,
  make: (before: T | undefined, after: T | undefined) => Change | null,
  out: Change[],
): void {
  const keys = new Set([...(from?.keys() ?? []), ...(to?.keys() ?? [])]);
  for (const k of keys) {
    const a = from?.get(k);
    const b = to?.get(k);
    if (sameData(a, b)) continue;
    const c = make(a, b);
    if (c) out.push(c);
  }
}

function instancesOf(ns: NamespaceData | undefined) {
  const m = new Map<string, { className: string; path: string; def: import('../model').InstanceDefinition }>();
  if (!ns) return m;
  for (const [ck, byPath] of ns.instances)
    for (const [pk, inst] of byPath)
      m.set(`${ck}\u0000${pk}`, { className: inst.def.className, path: inst.path, def: inst.def });
  return m;
}

/**
 * The changes that turn one repository state into another: how a tab that fell too far behind
 * the shared log catches up from the stored records. Namespaces are created parents first and
 * removed children first; system classes are never compared.
 */
export function diffStates(from: RepositoryState, to: RepositoryState): Change[] {
  const out: Change[] = [];
  const toPaths = to.namespacePaths().sort((a, b) => depth(a) - depth(b));
  const fromPaths = from.namespacePaths().sort((a, b) => depth(b) - depth(a));
  for (const p of toPaths) if (!from.ns(p)) out.push({ kind: 'namespace', ns: p, after: true });
  for (const p of toPaths) {
    const a = from.ns(p);
    const b = to.ns(p)!;
    const ns = b.path;
    diffMap(
      a?.security,
      b.security,
      (x, y) => ({
        kind: 'security',
        ns,
        principal: (y ?? x)!.principal,
        ...(x ? { before: x.rights } : {}),
        ...(y ? { after: y.rights } : {}),
      }),
      out,
    );
    diffMap(
      a?.qualifierDecls,
      b.qualifierDecls,
      (x, y) => ({
        kind: 'qualifierDecl',
        ns,
        name: (y ?? x)!.name,
        ...(x ? { before: x } : {}),
        ...(y ? { after: y } : {}),
      }),
      out,
    );
    diffMap(
      a?.classes,
      b.classes,
      (x, y) =>
        x?.system || y?.system
          ? null
          : { kind: 'class', ns, name: (y ?? x)!.def.name, ...(x ? { before: x } : {}), ...(y ? { after: y } : {}) },
      out,
    );
    diffMap(
      instancesOf(a),
      instancesOf(b),
      (x, y) => ({
        kind: 'instance',
        ns,
        className: (y ?? x)!.className,
        path: (y ?? x)!.path,
        ...(x ? { before: x.def } : {}),
        ...(y ? { after: y.def } : {}),
      }),
      out,
    );
  }
  for (const p of fromPaths) if (!to.ns(p)) out.push({ kind: 'namespace', ns: p, before: true });
  return out;
}
