import { nameKey } from '../model';
import { parentNamespace, type RepositoryState } from '../repository/RepositoryState';

export interface ConsistencyReport {
  readonly ok: boolean;
  /** One sentence per problem, at most 50. */
  readonly problems: readonly string[];
  readonly namespaces: number;
  readonly classes: number;
  readonly instances: number;
}

/**
 * The repository's structural invariants, checked over the whole state (after a load, in tests):
 * every namespace's parent exists; every class's superclass exists in its namespace; no class is
 * its own ancestor; the children index matches the classes; every class resolves; every instance
 * is filed under its own class, which exists.
 */
export function checkConsistency(state: RepositoryState): ConsistencyReport {
  const problems: string[] = [];
  const report = (p: string) => {
    if (problems.length < 50) problems.push(p);
  };
  let classes = 0;
  let instances = 0;
  const paths = state.namespacePaths();
  for (const path of paths) {
    const parent = parentNamespace(path);
    if (parent !== null && !state.ns(parent)) report(`Namespace ${path} has no parent namespace ${parent}.`);
    const ns = state.ns(path)!;
    for (const [key, stored] of ns.classes) {
      if (!stored.system) classes++;
      const def = stored.def;
      if (nameKey(def.name) !== key) report(`${path}: class ${def.name} is filed under "${key}".`);
      if (def.superclass !== null && !ns.classes.has(nameKey(def.superclass))) {
        report(`${path}: the superclass ${def.superclass} of ${def.name} does not exist.`);
        continue;
      }
      // Walk up: a chain longer than the number of classes is a cycle.
      let k: string | null = def.superclass === null ? null : nameKey(def.superclass);
      let steps = 0;
      while (k !== null && steps <= ns.classes.size) {
        if (k === key) {
          report(`${path}: ${def.name} is its own ancestor.`);
          break;
        }
        const up: string | null | undefined = ns.classes.get(k)?.def.superclass;
        k = up ? nameKey(up) : null;
        steps++;
      }
      if (steps > ns.classes.size) report(`${path}: the superclass chain of ${def.name} does not end.`);
      const parentKey = def.superclass === null ? '' : nameKey(def.superclass);
      if (!ns.childKeys(parentKey === '' ? null : parentKey).has(key))
        report(`${path}: ${def.name} is missing from its superclass's children index.`);
      if (!ns.resolve(def.name)) report(`${path}: ${def.name} does not resolve.`);
    }
    for (const [parentKey, kids] of ns.children) {
      for (const kid of kids) {
        const c = ns.classes.get(kid);
        const pk = c ? (c.def.superclass === null ? '' : nameKey(c.def.superclass)) : undefined;
        if (pk !== parentKey) report(`${path}: the children index lists ${kid} under "${parentKey}" wrongly.`);
      }
    }
    for (const [classKey, m] of ns.instances) {
      if (!ns.classes.has(classKey)) report(`${path}: instances of a missing class ${classKey}.`);
      for (const inst of m.values()) {
        instances++;
        if (nameKey(inst.def.className) !== classKey)
          report(`${path}: instance ${inst.path} is filed under class ${classKey}.`);
      }
    }
  }
  return { ok: problems.length === 0, problems, namespaces: paths.length, classes, instances };
}
