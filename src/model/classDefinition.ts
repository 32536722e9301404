import type { CimType } from './cimType';
import type { Qualifier } from './qualifier';
import type { CimValue, PropertyValue } from './value';

/** A position in a MOF source, 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface PropertyDecl {
  readonly name: string;
  readonly type: CimType;
  /** undefined: no default written; null: `= NULL`. */
  readonly defaultValue?: CimValue;
  readonly qualifiers: readonly Qualifier[];
}

export interface ParameterDecl {
  readonly name: string;
  readonly type: CimType;
  readonly defaultValue?: CimValue;
  readonly qualifiers: readonly Qualifier[];
}

export interface MethodDecl {
  readonly name: string;
  /** null for `void`. */
  readonly returnType: CimType | null;
  readonly parameters: readonly ParameterDecl[];
  readonly qualifiers: readonly Qualifier[];
}

/**
 * A class as a caller puts it: its local declarations only (what GetObjectText prints),
 * the shape IWbemServices::PutClass receives. Members inherited from the superclass are
 * not listed unless the class overrides them.
 */
export interface ClassDefinition {
  readonly genus: 'class';
  readonly name: string;
  readonly superclass: string | null;
  readonly qualifiers: readonly Qualifier[];
  readonly properties: readonly PropertyDecl[];
  readonly methods: readonly MethodDecl[];
  /** Set on an object read with WBEM_FLAG_USE_AMENDED_QUALIFIERS: it carries merged locale data. */
  readonly amended?: boolean;
  /** Where the declaration came from, when it came from MOF. */
  readonly loc?: SourceLocation;
}

/** A static instance as a caller puts it. */
export interface InstanceDefinition {
  readonly genus: 'instance';
  readonly className: string;
  readonly qualifiers: readonly Qualifier[];
  readonly properties: readonly PropertyValue[];
  readonly loc?: SourceLocation;
}

export type CimObjectDefinition = ClassDefinition | InstanceDefinition;
