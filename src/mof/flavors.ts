import { WBEM_FLAVOR } from '../errors/wbem';
import type { MofErrorCode } from './diagnostics';

const TO_INSTANCE = WBEM_FLAVOR.PROPAGATE_TO_INSTANCE;
const TO_SUBCLASS = WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS;
const NOT_OVERRIDABLE = WBEM_FLAVOR.NOT_OVERRIDABLE;
const AMENDED = WBEM_FLAVOR.AMENDED;

/**
 * What each flavor keyword does to the WBEM_FLAVOR bits (decisions §2b, wmi-semantics §4.1).
 * DMTF `Translatable` is read as WMI `Amended`; `EnableOverride`, `NotTo…` and `Restricted` clear.
 */
const FLAVOR_EFFECT: Readonly<Record<string, { readonly set: number; readonly clear: number }>> = {
  enableoverride: { set: 0, clear: NOT_OVERRIDABLE },
  disableoverride: { set: NOT_OVERRIDABLE, clear: 0 },
  tosubclass: { set: TO_SUBCLASS, clear: 0 },
  nottosubclass: { set: 0, clear: TO_SUBCLASS },
  toinstance: { set: TO_INSTANCE, clear: 0 },
  nottoinstance: { set: 0, clear: TO_INSTANCE },
  restricted: { set: 0, clear: TO_INSTANCE | TO_SUBCLASS },
  amended: { set: AMENDED, clear: 0 },
  translatable: { set: AMENDED, clear: 0 },
};

/** DMTF's default for a declaration: EnableOverride (no 0x10) and ToSubclass. */
export const DMTF_DEFAULT_FLAVOR = TO_SUBCLASS;

export function isFlavorKeyword(name: string): boolean {
  return Object.hasOwn(FLAVOR_EFFECT, name.toLowerCase());
}

/** The keywords that set each of `flavor`'s bits (none for 0), in MOF's usual order. */
export function flavorKeywords(flavor: number): string[] {
  const out: string[] = [];
  if (flavor & TO_SUBCLASS) out.push('ToSubClass');
  if (flavor & TO_INSTANCE) out.push('ToInstance');
  if (flavor & NOT_OVERRIDABLE) out.push('DisableOverride');
  if (flavor & AMENDED) out.push('Amended');
  return out;
}

/** Applies flavor keywords, in the order written, to `start`. Unknown keywords are ignored. */
export function applyFlavors(start: number, names: readonly string[]): number {
  let flavor = start;
  for (const n of names) {
    const e = FLAVOR_EFFECT[n.toLowerCase()];
    if (e !== undefined) flavor = (flavor & ~e.clear) | e.set;
  }
  return flavor;
}

/** Pairs mofcomp refuses on one qualifier (wmi-semantics §4.3), and the code it gives each. */
const CONFLICTS: ReadonlyArray<readonly [string, string, MofErrorCode]> = [
  ['enableoverride', 'disableoverride', 'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES'],
  ['tosubclass', 'nottosubclass', 'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES'],
  ['toinstance', 'nottoinstance', 'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES'],
  ['restricted', 'tosubclass', 'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES2'],
  ['restricted', 'toinstance', 'WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES2'],
];

export interface FlavorConflict {
  readonly code: MofErrorCode;
  /** Index of the keyword that completed the contradiction (the one to point at). */
  readonly index: number;
  readonly message: string;
}

/** The first contradiction among the keywords written on one qualifier or declaration. */
export function findFlavorConflict(names: readonly string[]): FlavorConflict | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!.toLowerCase();
    for (const [a, b, code] of CONFLICTS) {
      const other = k === a ? b : k === b ? a : undefined;
      const j = other === undefined ? undefined : seen.get(other);
      if (j !== undefined) {
        return {
          code,
          index: i,
          message: `Contradictory flavors: "${names[i]}" cannot be combined with "${names[j]}".`,
        };
      }
    }
    if (!seen.has(k)) seen.set(k, i);
  }
  return undefined;
}
