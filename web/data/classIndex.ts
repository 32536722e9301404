import type { CimClass } from '../../src/service/cimObjects';

/** The classes of one namespace, indexed for the graph, the palette and the editor. */
export interface ClassIndex {
  readonly classes: readonly CimClass[];
  /** By lower-cased name. */
  readonly byKey: ReadonlyMap<string, CimClass>;
  /** Lower-cased parent name (`''` for roots) → children keys, in case-insensitive name order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Number of descendants of each class. */
  readonly descendantCount: ReadonlyMap<string, number>;
  /** Depth of each class (roots are 0). */
  readonly depth: ReadonlyMap<string, number>;
  /** Classes whose name starts with `__` (WMI system classes). */
  readonly userCount: number;
}

export const isSystemName = (name: string) => name.startsWith('__');

export function buildClassIndex(classes: readonly CimClass[]): ClassIndex {
  const byKey = new Map<string, CimClass>();
  for (const c of classes) byKey.set(c.name.toLowerCase(), c);
  const children = new Map<string, string[]>();
  for (const c of classes) {
    const parent = c.superclass && byKey.has(c.superclass.toLowerCase()) ? c.superclass.toLowerCase() : '';
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(c.name.toLowerCase());
  }
  for (const list of children.values()) list.sort();
  const depth = new Map<string, number>();
  const descendantCount = new Map<string, number>();
  const visit = (key: string, d: number): number => {
    depth.set(key, d);
    let n = 0;
    for (const k of children.get(key) ?? []) n += 1 + visit(k, d + 1);
    descendantCount.set(key, n);
    return n;
  };
  for (const root of children.get('') ?? []) visit(root, 0);
  let userCount = 0;
  for (const c of classes) if (!isSystemName(c.name)) userCount++;
  return { classes, byKey, children, descendantCount, depth, userCount };
}

/** Ancestors of a class, nearest first (from `__DERIVATION`). */
export function ancestorsOf(index: ClassIndex, key: string): string[] {
  const c = index.byKey.get(key);
  return c ? c.derivation.map((n) => n.toLowerCase()).filter((k) => index.byKey.has(k)) : [];
}

/** Every descendant of a class, depth-first pre-order. */
export function descendantsOf(index: ClassIndex, key: string): string[] {
  const out: string[] = [];
  const walk = (k: string) => {
    for (const c of index.children.get(k) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(key);
  return out;
}
