import type { ExtendedStatus } from './extendedStatus';
import { hrName } from './wbem';

/** A conflict with a child class (decisions §4). */
export interface Conflict {
  readonly kind: 'type' | 'override' | 'method' | 'removed' | 'abstract';
  /** The descendant class. */
  readonly className: string;
  /** What in the descendant conflicts: `property`, `method`, `qualifier` (class, property or method). */
  readonly element: 'property' | 'method' | 'qualifier';
  /** The element's name; for a qualifier on a member, `Member.Qualifier`. */
  readonly name: string;
  /** The HRESULT safe mode fails with for this conflict. */
  readonly hr: number;
  readonly description: string;
}

/**
 * Why an operation failed, as plain data: the HRESULT, the offending name and a sentence.
 * Becomes the `__ExtendedStatus` error object at the service boundary.
 */
export interface OpFailure {
  readonly hr: number;
  readonly parameterInfo: string;
  readonly description: string;
  readonly path?: readonly string[];
  readonly conflicts?: readonly Conflict[];
  readonly providerName?: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
}

export function failure(hr: number, parameterInfo: string, description: string, path?: readonly string[]): OpFailure {
  return path ? { hr, parameterInfo, description, path } : { hr, parameterInfo, description };
}

export function conflictText(c: Conflict): string {
  return `${c.className}.${c.name}: ${c.kind} (${hrName(c.hr)})`;
}

export function toExtendedStatus(f: OpFailure, operation: string): ExtendedStatus {
  const base = {
    StatusCode: f.hr >>> 0,
    Operation: operation,
    ParameterInfo: f.parameterInfo,
    ProviderName: f.providerName ?? 'Windows Management',
    Description: f.description,
    ...(f.location ? { Location: f.location } : {}),
    ...(f.path ? { Path: f.path } : {}),
  };
  if (f.conflicts && f.conflicts.length > 0) {
    return { __CLASS: 'Classwright_ConflictStatus', ...base, Conflicts: f.conflicts.map(conflictText) };
  }
  return { __CLASS: '__ExtendedStatus', ...base };
}
