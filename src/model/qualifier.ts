import type { CimType } from './cimType';
import type { CimValue } from './value';

/**
 * A qualifier as stored on a class, property, method or parameter.
 * `flavor` holds WMI's WBEM_FLAVOR bits: 0x1 ToInstance, 0x2 ToSubClass, 0x10 DisableOverride,
 * 0x80 Amended. Origin bits (0x20 propagated) are never stored, only reported.
 */
export interface Qualifier {
  readonly name: string;
  readonly type: CimType;
  readonly value: CimValue;
  readonly flavor: number;
}

/** Where a qualifier may be used (DMTF Scope), lower case. */
export const QUALIFIER_SCOPES = [
  'class',
  'association',
  'indication',
  'property',
  'reference',
  'method',
  'parameter',
  'qualifier',
  'instance',
  'any',
] as const;
export type QualifierScope = (typeof QUALIFIER_SCOPES)[number];

/**
 * A qualifier declaration stored in a namespace.
 * DMTF form: `Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);`
 * WMI flavor statement: `Qualifier Description : ToSubClass Amended;` (flavorOnly, no type or scope).
 */
export interface QualifierDeclaration {
  readonly name: string;
  /** Absent on a WMI flavor statement. */
  readonly type?: CimType;
  readonly defaultValue?: CimValue;
  /** Empty on a WMI flavor statement (no restriction). */
  readonly scopes: readonly QualifierScope[];
  readonly flavor: number;
}
