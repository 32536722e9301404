import { failure, type Conflict, type OpFailure } from '../errors/opFailure';
import { HR, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import type { PendingEvent } from '../events/intrinsicEvent';
import { nameKey, type ClassDefinition, type CimObjectDefinition } from '../model';
import { qualifierIsTrue } from '../resolve/qualifierFacts';
import { resolveClass } from '../resolve/resolveClass';
import type { ResolvedClass } from '../resolve/resolvedClass';
import type { Change } from '../repository/change';
import type { NamespaceData, StoredClass } from '../repository/namespaceData';
import { isSystemName } from '../repository/systemClasses';
import { localeNamespaceName, splitAmended } from './amendment';
import { analyzeDescendants, type DescendantAnalysis } from './analyzeDescendants';
import { checkClassName } from './checkNames';
import { checkShape } from './checkShape';
import { removeOwnInstances } from './removeOwnInstances';
import { classifyChanges } from './classifyChanges';
import type { OpEnv } from './opEnv';

export interface PutClassPlan {
  readonly changes: readonly Change[];
  readonly events: readonly PendingEvent[];
  /** Nothing differs: nothing is stored and no event is raised (decisions §3 rule 1). */
  readonly noop: boolean;
  readonly created: boolean;
  /** Providers to ask, in registration order (empty: static put or OWNER_UPDATE). */
  readonly claimants: readonly string[];
  /** Force mode: the conflicts it resolves by deleting elements in descendants. */
  readonly resolvedConflicts: readonly Conflict[];
  /** Force mode: instance paths of the class's own static instances it deletes. */
  readonly deletedInstances: readonly string[];
  /** Force mode: descendants whose stored definition it rewrites, in descendant order. */
  readonly rewrittenClasses: readonly string[];
  /** The class's effective definition after the put, as the shape checks saw it (absent for a no-op). */
  readonly resolved?: ResolvedClass;
}

export type PlanResult<T> =
  { readonly ok: true; readonly plan: T } | { readonly ok: false; readonly failure: OpFailure };

const NO_ANALYSIS: DescendantAnalysis = { conflicts: [], rewrites: [] };

const fail = (f: OpFailure): PlanResult<never> => ({ ok: false, failure: f });

function subtreeHasInstances(ns: NamespaceData, key: string, includeSelf: boolean): boolean {
  if (includeSelf && ns.hasInstances(key)) return true;
  for (const d of ns.descendants(key)) if (ns.hasInstances(d)) return true;
  return false;
}

/**
 * PutClass, decisions §2 steps 1–7 and §3: check, resolve, classify, plan the changes.
 * Nothing is changed here; the repository applies the plan.
 */
/**
 * Descendant analyses already computed for the same new definition in the same repository state
 * (the preview plans one put three times, once per update mode).
 */
export interface DescendantCache {
  safe?: DescendantAnalysis;
  force?: DescendantAnalysis;
}

export function planPutClass(
  env: OpEnv,
  obj: CimObjectDefinition,
  flags: number,
  cache: DescendantCache = {},
): PlanResult<PutClassPlan> {
  const { ns } = env;
  // 1. Genus.
  if (obj.genus !== 'class') {
    return fail(
      failure(HR.E_INVALID_CLASS, obj.className, `PutClass was given an instance of ${obj.className}, not a class.`),
    );
  }
  const def = obj;
  // 2. Class name.
  const badName = checkClassName(def.name);
  if (badName) return fail(badName);
  const key = nameKey(def.name);

  // 3. Write right: provider-owned classes need WRITE_PROVIDER, static ones FULL_WRITE_REP.
  const claimants = env.claimants(def.name);
  const ownerUpdate = (flags & WBEM_FLAG.OWNER_UPDATE) !== 0;
  const needed = claimants.length > 0 ? WBEM_RIGHT.WRITE_PROVIDER : WBEM_RIGHT.FULL_WRITE_REP;
  if ((env.rights & needed) === 0) {
    return fail(
      failure(
        HR.E_ACCESS_DENIED,
        def.name,
        claimants.length > 0
          ? `Writing ${def.name}, which a provider owns, needs WBEM_WRITE_PROVIDER on ${ns.path}.`
          : `Writing classes needs WBEM_FULL_WRITE_REP on ${ns.path}.`,
      ),
    );
  }

  // 4. Existence.
  const stored = ns.classes.get(key);
  if ((flags & WBEM_FLAG.CREATE_ONLY) !== 0 && stored) {
    return fail(failure(HR.E_ALREADY_EXISTS, stored.def.name, `Class ${stored.def.name} already exists.`));
  }
  if ((flags & WBEM_FLAG.UPDATE_ONLY) !== 0 && !stored) {
    return fail(failure(HR.E_NOT_FOUND, def.name, `Class ${def.name} does not exist, and UPDATE_ONLY was asked.`));
  }

  // 5. Superclass.
  let parentDef: ClassDefinition | undefined;
  if (def.superclass !== null) {
    const sup = ns.getClass(def.superclass);
    if (!sup) {
      return fail(
        failure(HR.E_INVALID_SUPERCLASS, def.superclass, `Superclass ${def.superclass} of ${def.name} does not exist.`),
      );
    }
    // Only a class that exists can be among the ancestors of its new superclass.
    for (
      let cur: ClassDefinition | undefined = stored ? sup.def : undefined;
      cur;
      cur = cur.superclass ? ns.getClass(cur.superclass)?.def : undefined
    ) {
      if (nameKey(cur.name) === key) {
        return fail(
          failure(
            HR.E_CIRCULAR_REFERENCE,
            def.superclass,
            `${def.name} cannot derive from ${def.superclass}: the chain would contain ${def.name} itself.`,
          ),
        );
      }
    }
    if (qualifierIsTrue(sup.def.qualifiers, 'Terminal')) {
      return fail(
        failure(HR.E_INVALID_SUPERCLASS, sup.def.name, `${sup.def.name} is Terminal and cannot have subclasses.`),
      );
    }
    parentDef = sup.def;
  }

  // Amended qualifiers (decisions §7).
  const useAmended = (flags & WBEM_FLAG.USE_AMENDED_QUALIFIERS) !== 0;
  if (!useAmended && def.amended) {
    return fail(
      failure(
        HR.E_AMENDED_OBJECT,
        def.name,
        `${def.name} was read with amended qualifiers; put it with WBEM_FLAG_USE_AMENDED_QUALIFIERS.`,
      ),
    );
  }
  const { base, amendment } = useAmended
    ? splitAmended(def, env.locale)
    : { base: stripTransient(def), amendment: null };

  // 6. Shape, against the new effective definition.
  const parent = parentDef ? (ns.resolve(parentDef.name) ?? null) : null;
  const resolved = resolveClass(base, parent);
  const shapeCtx = {
    qualifierDecl: (n: string) => ns.qualifierDecl(n),
    isSubclassOf: (a: string, b: string) => env.isSubclassOf(a, b),
  };
  const bad = checkShape(base, parent, resolved, shapeCtx);
  if (bad) return fail(bad);

  const provider = claimants.length > 0 && ownerUpdate ? (stored?.provider ?? claimants[0]) : stored?.provider;
  const after: StoredClass = provider !== undefined ? { def: base, provider } : { def: base };
  const changes: Change[] = [];
  const events: PendingEvent[] = [];
  const amendmentChanges = planAmendment(env, base.name, amendment, useAmended);
  const askProviders = claimants.length > 0 && !ownerUpdate ? claimants : [];

  if (!stored) {
    changes.push({ kind: 'class', ns: ns.path, name: base.name, after }, ...amendmentChanges);
    events.push({ eventClass: '__ClassCreationEvent', ns: ns.path, className: base.name });
    return ok({ changes, events, noop: false, created: true, claimants: askProviders, resolved });
  }

  // 7. Updating an existing class (decisions §3).
  const diffs = classifyChanges(stored.def, base);
  if (diffs.length === 0) {
    const noopPlan = {
      changes: amendmentChanges,
      events: [],
      noop: amendmentChanges.length === 0,
      created: false,
      claimants: askProviders,
    };
    return ok(noopPlan);
  }
  const previous = ns.resolve(stored.def.name);
  const descendants = ns.descendants(key);
  const hasChildren = descendants.length > 0;
  const hasInstances = subtreeHasInstances(ns, key, true);
  const mode = flags & WBEM_FLAG.MASK_UPDATE_MODE;
  const important = diffs.some((d) => d.important);
  const inDefault = ns.qualifierDecls.get('in')?.defaultValue === true;
  const ctx = { inDefault, isSubclassOf: shapeCtx.isSubclassOf };

  let resolvedConflicts: Conflict[] = [];
  let rewrites: ReturnType<typeof analyzeDescendants>['rewrites'] = [];
  const deletedInstances: string[] = [];
  const modified = () => {
    changes.push({ kind: 'class', ns: ns.path, name: base.name, before: stored, after }, ...amendmentChanges);
  };

  // Rule 2: non-important differences pass in every mode, unless they conflict with a descendant.
  const safeAnalysis = hasChildren ? (cache.safe ??= analyzeDescendants(ns, base, 'safe', ctx)) : NO_ANALYSIS;
  if (!important && safeAnalysis.conflicts.length === 0) {
    modified();
    events.push({
      eventClass: '__ClassModificationEvent',
      ns: ns.path,
      className: base.name,
      ...(previous ? { previous } : {}),
    });
    return ok({ changes, events, noop: false, created: false, claimants: askProviders, resolved });
  }
  // Rule 3: the key set (or Indexed) cannot change under subclasses or instances.
  if (hasChildren || hasInstances) {
    const keyDiff = diffs.find((d) => d.keyChange);
    if (keyDiff) {
      return fail(
        failure(
          HR.E_CANNOT_CHANGE_KEY_INHERITANCE,
          keyDiff.path[keyDiff.path.length - 1]!,
          `${def.name} has ${hasChildren ? 'subclasses' : 'instances'}; its keys cannot change (${keyDiff.description}).`,
          keyDiff.path,
        ),
      );
    }
    const idxDiff = diffs.find((d) => d.indexChange);
    if (idxDiff) {
      return fail(
        failure(
          HR.E_CANNOT_CHANGE_INDEX_INHERITANCE,
          idxDiff.path[idxDiff.path.length - 1]!,
          `${def.name} has ${hasChildren ? 'subclasses' : 'instances'}; its Indexed properties cannot change (${idxDiff.description}).`,
          idxDiff.path,
        ),
      );
    }
  }
  // Rule 4: changes children forbid even in force mode.
  if (hasChildren) {
    const structural = diffs.find((d) => d.structural);
    if (structural) {
      return fail(
        failure(
          HR.E_CLASS_HAS_CHILDREN,
          def.name,
          `${def.name} has subclasses, so its ${structural.structural === 'superclass' ? 'superclass cannot change' : `${structural.structural} qualifier cannot be added`}, in any update mode.`,
        ),
      );
    }
  }
  if (mode === WBEM_FLAG.UPDATE_FORCE_MODE) {
    // Rule 7.
    if (subtreeHasInstances(ns, key, false)) {
      return fail(
        failure(
          HR.E_CLASS_HAS_INSTANCES,
          def.name,
          `Instances of subclasses of ${def.name} exist; force mode cannot update it.`,
        ),
      );
    }
    const forced = hasChildren ? (cache.force ??= analyzeDescendants(ns, base, 'force', ctx)) : NO_ANALYSIS;
    resolvedConflicts = [...forced.conflicts];
    rewrites = forced.rewrites;
    deletedInstances.push(...removeOwnInstances(ns, key, changes, events));
  } else if (hasInstances) {
    // Rules 5 and 6: instances block both.
    return fail(
      failure(
        HR.E_CLASS_HAS_INSTANCES,
        def.name,
        `${def.name} has instances; update it in force mode or delete them first.`,
      ),
    );
  } else if (mode === WBEM_FLAG.UPDATE_SAFE_MODE) {
    const first = safeAnalysis.conflicts[0];
    if (first) {
      return fail({
        hr: first.hr,
        parameterInfo: first.className,
        description: `${safeAnalysis.conflicts.length} conflict(s) with subclasses; the first: ${first.description}`,
        path: [first.className, ...first.name.split('.')],
        conflicts: safeAnalysis.conflicts,
      });
    }
  } else if (hasChildren) {
    return fail(
      failure(
        HR.E_CLASS_HAS_CHILDREN,
        def.name,
        `${def.name} has subclasses; compatible mode cannot make this change (try safe or force mode).`,
      ),
    );
  }

  modified();
  events.push({
    eventClass: '__ClassModificationEvent',
    ns: ns.path,
    className: base.name,
    ...(previous ? { previous } : {}),
  });
  for (const r of rewrites) {
    const before = ns.classes.get(r.key)!;
    changes.push({ kind: 'class', ns: ns.path, name: r.after.name, before, after: { ...before, def: r.after } });
    const prev = ns.resolve(r.after.name);
    events.push({
      eventClass: '__ClassModificationEvent',
      ns: ns.path,
      className: r.after.name,
      ...(prev ? { previous: prev } : {}),
    });
  }
  return ok({
    changes,
    events,
    noop: false,
    created: false,
    claimants: askProviders,
    resolvedConflicts,
    deletedInstances,
    rewrittenClasses: rewrites.map((r) => r.after.name),
    resolved,
  });
}

function ok(
  p: Partial<PutClassPlan> & Pick<PutClassPlan, 'changes' | 'events' | 'noop' | 'created' | 'claimants'>,
): PlanResult<PutClassPlan> {
  return { ok: true, plan: { resolvedConflicts: [], deletedInstances: [], rewrittenClasses: [], ...p } };
}

function stripTransient(def: ClassDefinition): ClassDefinition {
  if (def.amended === undefined) return def;
  const { amended: _a, ...rest } = def;
  return rest;
}

/** Changes that write (or clear) the amendment class in the caller's locale namespace. */
function planAmendment(
  env: OpEnv,
  className: string,
  amendment: ClassDefinition | null,
  useAmended: boolean,
): Change[] {
  if (!useAmended) return [];
  const localePath = `${env.ns.path}\\${localeNamespaceName(env.locale)}`;
  const localeNs = env.state.ns(localePath);
  const existing = localeNs?.getClass(className);
  const out: Change[] = [];
  if (!amendment) {
    if (existing) out.push({ kind: 'class', ns: localePath, name: existing.def.name, before: existing });
    return out;
  }
  if (!localeNs) out.push(...env.createNamespaceChanges(localePath));
  out.push({
    kind: 'class',
    ns: localePath,
    name: amendment.name,
    ...(existing ? { before: existing } : {}),
    after: { def: amendment },
  });
  return out;
}

export { isSystemName };
