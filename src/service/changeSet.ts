import type { ExtendedStatus } from '../errors/extendedStatus';
import type { Conflict } from '../errors/opFailure';
import { HR } from '../errors/wbem';
import { nameKey, type ClassDefinition } from '../model';
import type { NamespaceData } from '../repository/namespaceData';

/** One class of a change set and what its put did (or would do). */
export interface ChangeSetOutcome {
  readonly className: string;
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  readonly created: boolean;
  readonly noop: boolean;
  readonly resolvedConflicts: readonly Conflict[];
  readonly deletedInstances: readonly string[];
  readonly rewrittenClasses: readonly string[];
}

export interface ChangeSetResult {
  /** The first failure's HRESULT, or WBEM_S_NO_ERROR when every put succeeds. */
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /** The classes in the order they are put: every base before its subclasses. */
  readonly order: readonly string[];
  /** One per class put, up to and including the first failure. */
  readonly outcomes: readonly ChangeSetOutcome[];
  /** Whether the change set was stored (false for a preview or a failure). */
  readonly committed: boolean;
}

/**
 * Order a change set so that every class comes after its superclass when both are in the set;
 * otherwise by depth in the current hierarchy, then by name. Stable and deterministic.
 */
export function orderChangeSet(ns: NamespaceData, defs: readonly ClassDefinition[]): ClassDefinition[] {
  const inSet = new Map(defs.map((d) => [nameKey(d.name), d]));
  const depth = (d: ClassDefinition): number => {
    let n = 0;
    let sup = d.superclass;
    const seen = new Set<string>();
    while (sup !== null && !seen.has(nameKey(sup)) && n < 1000) {
      seen.add(nameKey(sup));
      n++;
      const next = inSet.get(nameKey(sup)) ?? ns.getClass(sup)?.def;
      sup = next ? next.superclass : null;
    }
    return n;
  };
  return [...defs]
    .map((d) => ({ d, depth: depth(d), key: nameKey(d.name) }))
    .sort((a, b) => a.depth - b.depth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.d);
}

export function failedOutcome(className: string, hr: number, errorObject: ExtendedStatus | null): ChangeSetOutcome {
  return {
    className,
    hr,
    errorObject,
    created: false,
    noop: false,
    resolvedConflicts: [],
    deletedInstances: [],
    rewrittenClasses: [],
  };
}

export function emptyChangeSet(): ChangeSetResult {
  return { hr: HR.S_NO_ERROR, errorObject: null, order: [], outcomes: [], committed: false };
}
