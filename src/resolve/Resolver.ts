import { nameKey, type ClassDefinition } from '../model';
import { resolveClass } from './resolveClass';
import type { ResolvedClass } from './resolvedClass';

/** Looks up a class's own definition by name (case-insensitive), undefined when absent. */
export type DefinitionLookup = (name: string) => ClassDefinition | undefined;

/**
 * Memoising resolver over a definition lookup. The repository keeps one per namespace and drops
 * entries when a subtree changes; planning uses a short-lived one over an overlay, falling back to
 * the repository's for classes the plan does not touch.
 */
export class Resolver {
  private readonly memo = new Map<string, ResolvedClass | null>();

  constructor(
    private readonly lookup: DefinitionLookup,
    private readonly fallback?: { resolve(name: string): ResolvedClass | undefined; touched(name: string): boolean },
  ) {}

  resolve(name: string): ResolvedClass | undefined {
    const k = nameKey(name);
    const hit = this.memo.get(k);
    if (hit !== undefined) return hit ?? undefined;
    if (this.fallback && !this.fallback.touched(k)) return this.fallback.resolve(name);
    const r = this.compute(name, 0);
    return r;
  }

  private compute(name: string, depth: number): ResolvedClass | undefined {
    const k = nameKey(name);
    const def = this.lookup(name);
    if (def === undefined || depth > 1000) {
      this.memo.set(k, null);
      return undefined;
    }
    let parent: ResolvedClass | null = null;
    if (def.superclass !== null) {
      const p = this.resolve(def.superclass);
      if (p === undefined) {
        this.memo.set(k, null);
        return undefined;
      }
      parent = p;
    }
    const r = resolveClass(def, parent);
    this.memo.set(k, r);
    return r;
  }

  /**
   * Remember an effective class computed elsewhere (a put's plan resolves the class it stores),
   * so the next lookup does not derive it again. The caller vouches that `resolved` was derived
   * from the definition now stored and the parent's current effective class.
   */
  seed(resolved: ResolvedClass): void {
    if (this.lookup(resolved.name) === resolved.definition) this.memo.set(nameKey(resolved.name), resolved);
  }

  /** Forget one class (its descendants must be forgotten by the caller too). */
  forget(name: string): void {
    this.memo.delete(nameKey(name));
  }

  clear(): void {
    this.memo.clear();
  }
}
