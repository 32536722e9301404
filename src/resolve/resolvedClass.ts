import type { CimType, ClassDefinition, CimValue, ParameterDecl, Qualifier } from '../model';

export type QualifierOrigin = 'local' | 'propagated';

/**
 * A qualifier as an effective class reports it. One the element declares itself is the stored
 * qualifier, shared (model objects are never changed, and a schema has tens of thousands of
 * them); one passed down from a superclass is a copy marked `origin: 'propagated'`.
 */
export interface ResolvedQualifier extends Qualifier {
  readonly origin?: 'propagated';
}

/** Where a resolved qualifier comes from. */
export function qualifierOrigin(q: ResolvedQualifier): QualifierOrigin {
  return q.origin ?? 'local';
}

export interface ResolvedProperty {
  readonly name: string;
  readonly type: CimType;
  readonly defaultValue?: CimValue;
  readonly qualifiers: readonly ResolvedQualifier[];
  /** The class that first declared the property (WMI's class origin). */
  readonly classOrigin: string;
  /** True when this class does not declare the property itself. */
  readonly propagated: boolean;
  readonly key: boolean;
}

export interface ResolvedMethod {
  readonly name: string;
  readonly returnType: CimType | null;
  readonly parameters: readonly ParameterDecl[];
  readonly qualifiers: readonly ResolvedQualifier[];
  readonly classOrigin: string;
  readonly propagated: boolean;
}

/**
 * The effective class: local declarations plus what the superclass chain passes down
 * (decisions §2b). Names keep the spelling of the latest successful put.
 */
export interface ResolvedClass {
  readonly name: string;
  readonly superclass: string | null;
  /** Ancestors, nearest first (`__DERIVATION`). */
  readonly derivation: readonly string[];
  readonly qualifiers: readonly ResolvedQualifier[];
  readonly properties: readonly ResolvedProperty[];
  readonly methods: readonly ResolvedMethod[];
  /** The class's own declarations, as stored. */
  readonly definition: ClassDefinition;
}
