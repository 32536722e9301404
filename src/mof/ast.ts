import type { CimScalarType } from '../model';

/**
 * The MOF syntax tree. Every node has a `loc`; names keep the spelling they were written with.
 * The tree is plain data (no classes, no bigint) so it can be posted to the UI or stored.
 * Optional parts are `undefined` when absent (their key may be present: one hidden class per node
 * kind keeps the parser fast); test them with `=== undefined`, not `in`.
 */

/** A source range: the model's SourceLocation (start, 1-based) plus 0-based offsets. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export interface MofDocument {
  readonly kind: 'Document';
  readonly file: string;
  readonly definitions: readonly Definition[];
  readonly loc: Loc;
}

export type Definition = PragmaNode | QualifierDeclarationNode | ClassDeclarationNode | InstanceDeclarationNode;

export interface NameNode {
  readonly kind: 'Name';
  readonly value: string;
  readonly loc: Loc;
}

/**
 * `#pragma name(args)`, `#pragma name` and `#include ("file")` (kept as the pragma `include`).
 * `name` is lower case; `nameLoc` points at it as written.
 */
export interface PragmaNode {
  readonly kind: 'Pragma';
  readonly name: string;
  readonly directive: 'pragma' | 'include';
  readonly args: readonly PragmaArgument[];
  readonly loc: Loc;
  /**
   * For `include`, the canonical path of the included file, set by parseMofFiles once the file
   * was found and parsed (the compiler compiles it at this point). Absent when not followed.
   */
  readonly resolved?: string;
}

/** Pragma arguments are strings, integers (`classflags(64)`) or bare words (`FAIL`, `NOFAIL`). */
export type PragmaArgument = StringValueNode | IntegerValueNode | NameNode;

export interface FlavorNode {
  readonly kind: 'Flavor';
  /** As written (`ToSubclass`). */
  readonly name: string;
  readonly loc: Loc;
}

/** `Name`, `Name(value)`, `Name{v1, v2}`, each optionally followed by `: flavor flavor …`. */
export interface QualifierNode {
  readonly kind: 'Qualifier';
  readonly name: NameNode;
  /** Absent for a bare qualifier (boolean true). */
  readonly value?: ConstantValueNode | ArrayValueNode;
  /** Undefined when no `:` follows; the compiler then applies the declaration's flavors. */
  readonly flavors?: readonly FlavorNode[];
  readonly loc: Loc;
}

/**
 * The type written before a property, reference, parameter or method name.
 * - `string`, `uint32`, …: `base` that type;
 * - `Cls ref` / `object ref`: `base: 'ref'` (className set for the first);
 * - `Cls` (not a built-in type name) / `object`: `base: 'object'`, an embedded object;
 * - `void` (methods only): `base: 'void'`.
 */
export interface TypeNode {
  readonly kind: 'Type';
  readonly base: CimScalarType | 'void';
  readonly className?: string;
  readonly loc: Loc;
}

/** `[]` or `[N]` after a name. */
export interface ArraySuffixNode {
  readonly kind: 'ArraySuffix';
  readonly size?: number;
  readonly loc: Loc;
}

export interface ClassDeclarationNode {
  readonly kind: 'ClassDeclaration';
  readonly qualifiers: readonly QualifierNode[];
  readonly name: NameNode;
  readonly superclass?: NameNode;
  readonly alias?: NameNode;
  readonly features: readonly FeatureNode[];
  readonly loc: Loc;
}

export type FeatureNode = PropertyNode | MethodNode;

/** Properties and references (a reference is a property whose type has `base: 'ref'`). */
export interface PropertyNode {
  readonly kind: 'Property';
  readonly qualifiers: readonly QualifierNode[];
  readonly type: TypeNode;
  readonly name: NameNode;
  readonly array?: ArraySuffixNode;
  readonly defaultValue?: ValueNode;
  readonly loc: Loc;
}

export interface MethodNode {
  readonly kind: 'Method';
  readonly qualifiers: readonly QualifierNode[];
  readonly returnType: TypeNode;
  readonly name: NameNode;
  readonly parameters: readonly ParameterNode[];
  readonly loc: Loc;
}

export interface ParameterNode {
  readonly kind: 'Parameter';
  readonly qualifiers: readonly QualifierNode[];
  readonly type: TypeNode;
  readonly name: NameNode;
  readonly array?: ArraySuffixNode;
  readonly defaultValue?: ValueNode;
  readonly loc: Loc;
}

/**
 * `Qualifier Name : type[[]] [= default], Scope(...), Flavor(...);` (form `dmtf`) or the WMI
 * flavor statement `Qualifier Name : ToSubClass Amended;` (form `wmi`, no type, no scope).
 */
export interface QualifierDeclarationNode {
  readonly kind: 'QualifierDeclaration';
  readonly form: 'dmtf' | 'wmi';
  readonly name: NameNode;
  readonly type?: TypeNode;
  readonly array?: ArraySuffixNode;
  readonly defaultValue?: ConstantValueNode | ArrayValueNode;
  readonly scopes: readonly NameNode[];
  readonly flavors: readonly FlavorNode[];
  readonly loc: Loc;
}

export interface InstanceDeclarationNode {
  readonly kind: 'InstanceDeclaration';
  readonly qualifiers: readonly QualifierNode[];
  readonly className: NameNode;
  readonly alias?: NameNode;
  readonly properties: readonly PropertyAssignmentNode[];
  readonly loc: Loc;
}

/**
 * `[quals] Name = value;` inside an instance. WMI also allows `[quals] Name;` with no value:
 * a property whose value a dynamic property provider supplies (`[DYNPROPS]` instances).
 */
export interface PropertyAssignmentNode {
  readonly kind: 'PropertyAssignment';
  readonly qualifiers: readonly QualifierNode[];
  readonly name: NameNode;
  readonly value?: ValueNode;
  readonly loc: Loc;
}

export interface IntegerValueNode {
  readonly kind: 'Integer';
  /** Normalised decimal text (`0x1F` → `31`); exact for 64-bit values. */
  readonly value: string;
  readonly loc: Loc;
}
export interface RealValueNode {
  readonly kind: 'Real';
  readonly value: number;
  readonly loc: Loc;
}
export interface StringValueNode {
  readonly kind: 'String';
  /** Adjacent literals already joined. */
  readonly value: string;
  readonly loc: Loc;
}
export interface CharValueNode {
  readonly kind: 'Char';
  readonly value: string;
  readonly loc: Loc;
}
export interface BooleanValueNode {
  readonly kind: 'Boolean';
  readonly value: boolean;
  readonly loc: Loc;
}
export interface NullValueNode {
  readonly kind: 'Null';
  readonly loc: Loc;
}
/** `$Name`, resolved by the compiler to the object path of the aliased instance. */
export interface AliasRefNode {
  readonly kind: 'AliasRef';
  readonly name: string;
  readonly loc: Loc;
}
export interface ArrayValueNode {
  readonly kind: 'Array';
  readonly values: readonly ValueNode[];
  readonly loc: Loc;
}
/** `instance of Cls { … }` written as a value (an embedded object). */
export interface InstanceValueNode {
  readonly kind: 'InstanceValue';
  readonly qualifiers: readonly QualifierNode[];
  readonly className: NameNode;
  readonly properties: readonly PropertyAssignmentNode[];
  readonly loc: Loc;
}

export type ConstantValueNode =
  IntegerValueNode | RealValueNode | StringValueNode | CharValueNode | BooleanValueNode | NullValueNode;

export type ValueNode = ConstantValueNode | AliasRefNode | ArrayValueNode | InstanceValueNode;
