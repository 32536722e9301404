import { WBEM_FLAVOR } from '../errors/wbem';
import { findByName, type Qualifier } from '../model';

/** The value of a boolean qualifier such as Abstract or Key, false when absent. */
export function qualifierIsTrue(qualifiers: readonly Qualifier[], name: string): boolean {
  const q = findByName(qualifiers, name);
  return q !== undefined && q.value === true;
}

export function passesToSubclass(q: Qualifier): boolean {
  return (q.flavor & WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS) !== 0;
}

export function disablesOverride(q: Qualifier): boolean {
  return (q.flavor & WBEM_FLAVOR.NOT_OVERRIDABLE) !== 0;
}

export function isAmended(q: Qualifier): boolean {
  return (q.flavor & WBEM_FLAVOR.AMENDED) !== 0;
}

/** The flavor bits a caller may set; origin bits are reported, never stored. */
export const STORABLE_FLAVOR_BITS =
  WBEM_FLAVOR.PROPAGATE_TO_INSTANCE |
  WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS |
  WBEM_FLAVOR.NOT_OVERRIDABLE |
  WBEM_FLAVOR.AMENDED;
