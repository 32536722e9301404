import { nameKey, type ClassDefinition, type InstanceDefinition, type QualifierDeclaration } from '../model';
import { keyIdentity, parseObjectPath } from '../model/objectPath';
import { Resolver } from '../resolve/Resolver';
import type { ResolvedClass } from '../resolve/resolvedClass';
import { SYSTEM_CLASSES } from './systemClasses';

/** A class as the repository keeps it: its local definition and who owns it. */
export interface StoredClass {
  readonly def: ClassDefinition;
  /** The provider that stored it (decisions §9); absent for a static class. */
  readonly provider?: string;
  readonly system?: true;
}

/** A static instance, under its canonical relative path (`Item.Id="a"`). */
export interface StoredInstance {
  readonly path: string;
  readonly def: InstanceDefinition;
}

const ROOT_KEY = '';

/**
 * Everything one namespace holds, with the indexes that keep the hot paths cheap:
 * the children of each class and a memo of effective classes.
 */
export class NamespaceData {
  readonly classes = new Map<string, StoredClass>();
  /** parent key ('' for root classes) → child keys. */
  readonly children = new Map<string, Set<string>>();
  /** class key → instance path key → instance. */
  readonly instances = new Map<string, Map<string, StoredInstance>>();
  private readonly decls = new Map<string, QualifierDeclaration>();
  /**
   * Qualifier declarations by spelling (`Description` → the declaration keyed `description`), so
   * a lookup per qualifier written (31,000 in the CIM schema) lowercases nothing. Emptied on
   * every change to the declarations.
   */
  private readonly declsBySpelling = new Map<string, QualifierDeclaration | null>();
  /** key identity (keyIdentity) → the instances with those keys, of any class. */
  readonly instanceKeys = new Map<string, StoredInstance[]>();
  /** principal key → { principal, rights }. */
  readonly security = new Map<string, { readonly principal: string; readonly rights: number }>();
  readonly resolver: Resolver;
  userClassCount = 0;

  constructor(readonly path: string) {
    this.resolver = new Resolver((name) => this.classes.get(nameKey(name))?.def);
    for (const def of SYSTEM_CLASSES) this.setClass(nameKey(def.name), { def, system: true });
  }

  /** Qualifier declarations by key (lower-case name). */
  get qualifierDecls(): ReadonlyMap<string, QualifierDeclaration> {
    return this.decls;
  }

  /** The declaration of the qualifier spelled `name` (any case), if any. */
  qualifierDecl(name: string): QualifierDeclaration | undefined {
    let d = this.declsBySpelling.get(name);
    if (d === undefined) {
      d = this.decls.get(nameKey(name)) ?? null;
      // Spellings are few (a schema writes each qualifier name one or two ways); bounded anyway.
      if (this.declsBySpelling.size >= 4096) this.declsBySpelling.clear();
      this.declsBySpelling.set(name, d);
    }
    return d ?? undefined;
  }

  /** Store or remove a qualifier declaration. */
  setQualifierDecl(key: string, decl: QualifierDeclaration | undefined): void {
    if (decl) this.decls.set(key, decl);
    else this.decls.delete(key);
    this.declsBySpelling.clear();
  }

  getClass(name: string): StoredClass | undefined {
    return this.classes.get(nameKey(name));
  }

  resolve(name: string): ResolvedClass | undefined {
    return this.resolver.resolve(name);
  }

  childKeys(key: string | null): ReadonlySet<string> {
    return this.children.get(key ?? ROOT_KEY) ?? EMPTY;
  }

  /** Store or remove a class, keeping the children index and the memo right. */
  setClass(key: string, next: StoredClass | undefined): void {
    const prev = this.classes.get(key);
    if (prev) {
      this.forgetSubtree(key);
      const pk = prev.def.superclass === null ? ROOT_KEY : nameKey(prev.def.superclass);
      this.children.get(pk)?.delete(key);
      if (!prev.system) this.userClassCount--;
    }
    if (next) {
      this.classes.set(key, next);
      const pk = next.def.superclass === null ? ROOT_KEY : nameKey(next.def.superclass);
      let set = this.children.get(pk);
      if (!set) this.children.set(pk, (set = new Set()));
      set.add(key);
      if (!next.system) this.userClassCount++;
      this.forgetSubtree(key);
    } else {
      this.classes.delete(key);
    }
  }

  private forgetSubtree(key: string): void {
    const stack = [key];
    while (stack.length) {
      const k = stack.pop()!;
      this.resolver.forget(k);
      const kids = this.children.get(k);
      if (kids) for (const c of kids) stack.push(c);
    }
  }

  /** Descendants of a class in pre-order, siblings by case-insensitive name (decisions §4). */
  descendants(key: string): string[] {
    const out: string[] = [];
    const walk = (k: string) => {
      const kids = this.children.get(k);
      if (!kids || kids.size === 0) return;
      for (const c of [...kids].sort()) {
        out.push(c);
        walk(c);
      }
    };
    walk(key);
    return out;
  }

  /** Descendants in post-order: each class after all its descendants (decisions §5, DeleteClass). */
  descendantsPostOrder(key: string): string[] {
    const out: string[] = [];
    const walk = (k: string) => {
      const kids = this.children.get(k);
      if (kids) {
        for (const c of [...kids].sort()) {
          walk(c);
          out.push(c);
        }
      }
    };
    walk(key);
    return out;
  }

  instancesOf(key: string): ReadonlyMap<string, StoredInstance> {
    return this.instances.get(key) ?? EMPTY_MAP;
  }

  hasInstances(key: string): boolean {
    return (this.instances.get(key)?.size ?? 0) > 0;
  }

  setInstance(classKey: string, pathKey: string, next: StoredInstance | undefined): void {
    let m = this.instances.get(classKey);
    const prev = m?.get(pathKey);
    if (prev) this.unindex(prev);
    if (next) {
      if (!m) this.instances.set(classKey, (m = new Map()));
      m.set(pathKey, next);
      this.index(next);
    } else if (m) {
      m.delete(pathKey);
      if (m.size === 0) this.instances.delete(classKey);
    }
  }

  private identity(inst: StoredInstance): string | undefined {
    const p = parseObjectPath(inst.path);
    return p ? keyIdentity(p) : undefined;
  }

  private index(inst: StoredInstance): void {
    const id = this.identity(inst);
    if (id === undefined) return;
    const list = this.instanceKeys.get(id);
    if (list) list.push(inst);
    else this.instanceKeys.set(id, [inst]);
  }

  private unindex(inst: StoredInstance): void {
    const id = this.identity(inst);
    const list = id === undefined ? undefined : this.instanceKeys.get(id);
    if (!list) return;
    const i = list.indexOf(inst);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.instanceKeys.delete(id!);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const EMPTY_MAP: ReadonlyMap<string, StoredInstance> = new Map();
