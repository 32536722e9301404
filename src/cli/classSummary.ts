import { compareNames } from '../model';
import { qualifierIsTrue } from '../resolve/qualifierFacts';
import type { ResolvedClass } from '../resolve/resolvedClass';

/**
 * One class as `classwright classes --json` prints it: the effective class (inherited members
 * included), each name list sorted case-insensitively, names spelled as the repository has them.
 */
export interface ClassSummary {
  readonly superclass: string | null;
  readonly properties: readonly string[];
  readonly methods: readonly string[];
  readonly keys: readonly string[];
  /** The class's own Abstract qualifier: WMI never inherits it (decisions §2b). */
  readonly abstract: boolean;
  /** Effective Association / Indication: the qualifier, local or passed down with ToSubClass. */
  readonly association: boolean;
  readonly indication: boolean;
}

const sorted = (names: readonly string[]): string[] => [...names].sort(compareNames);

export function summarizeClass(c: ResolvedClass): ClassSummary {
  return {
    superclass: c.superclass,
    properties: sorted(c.properties.map((p) => p.name)),
    methods: sorted(c.methods.map((m) => m.name)),
    keys: sorted(c.properties.filter((p) => p.key).map((p) => p.name)),
    abstract: qualifierIsTrue(c.definition.qualifiers, 'Abstract'),
    association: qualifierIsTrue(c.qualifiers, 'Association'),
    indication: qualifierIsTrue(c.qualifiers, 'Indication'),
  };
}
