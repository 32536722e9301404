import { nameKey } from '../model';
import type { Change } from './change';
import { NamespaceData } from './namespaceData';

/** Canonical form of a namespace path: backslashes, no server prefix, no leading or trailing slash. */
export function normalizeNamespace(path: string): string {
  let p = path.replace(/\//g, '\\');
  const server = /^\\\\[^\\]+\\/.exec(p);
  if (server) p = p.slice(server[0].length);
  return p.replace(/^\\+|\\+$/g, '');
}

/**
 * Remembered keys of the paths seen last. Every repository call finds its namespace by path (a
 * MOF import asks for one qualifier declaration per qualifier written: 31,000 on the CIM schema),
 * and a program uses a handful of namespaces, so three regular expressions per call were waste.
 */
const keys = new Map<string, string>();

export function namespaceKey(path: string): string {
  let k = keys.get(path);
  if (k === undefined) {
    // Bounded: a caller looping over generated paths cannot grow it without limit.
    if (keys.size >= 256) keys.clear();
    keys.set(path, (k = normalizeNamespace(path).toLowerCase()));
  }
  return k;
}

export function parentNamespace(path: string): string | null {
  const p = normalizeNamespace(path);
  const i = p.lastIndexOf('\\');
  return i < 0 ? null : p.slice(0, i);
}

/** All namespaces, and the one place where changes are applied to them. */
export class RepositoryState {
  private readonly namespaces = new Map<string, NamespaceData>();

  ns(path: string): NamespaceData | undefined {
    return this.namespaces.get(namespaceKey(path));
  }

  namespacePaths(): string[] {
    return [...this.namespaces.values()]
      .map((n) => n.path)
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  }

  childNamespaces(path: string): string[] {
    const prefix = namespaceKey(path) + '\\';
    return this.namespacePaths().filter(
      (p) => p.toLowerCase().startsWith(prefix) && !p.slice(prefix.length).includes('\\'),
    );
  }

  apply(c: Change): void {
    if (c.kind === 'namespace') {
      const k = namespaceKey(c.ns);
      if (c.after) this.namespaces.set(k, new NamespaceData(normalizeNamespace(c.ns)));
      else this.namespaces.delete(k);
      return;
    }
    const ns = this.namespaces.get(namespaceKey(c.ns));
    if (!ns) throw new Error(`internal: change to missing namespace ${c.ns}`);
    switch (c.kind) {
      case 'class':
        ns.setClass(nameKey(c.name), c.after);
        return;
      case 'instance':
        ns.setInstance(
          nameKey(c.className),
          c.path.toLowerCase(),
          c.after ? { path: c.path, def: c.after } : undefined,
        );
        return;
      case 'qualifierDecl':
        ns.setQualifierDecl(nameKey(c.name), c.after);
        return;
      case 'security':
        if (c.after !== undefined) ns.security.set(nameKey(c.principal), { principal: c.principal, rights: c.after });
        else ns.security.delete(nameKey(c.principal));
        return;
    }
  }
}
