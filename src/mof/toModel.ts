import { sameName } from '../model';
import type {
  ClassDefinition,
  CimType,
  InstanceDefinition,
  MethodDecl,
  ParameterDecl,
  PropertyDecl,
  Qualifier,
  QualifierDeclaration,
  QualifierScope,
  SourceLocation,
} from '../model';
import type {
  ArraySuffixNode,
  ClassDeclarationNode,
  InstanceDeclarationNode,
  Loc,
  MethodNode,
  ParameterNode,
  PropertyNode,
  QualifierDeclarationNode,
  QualifierNode,
  TypeNode,
} from './ast';
import {
  assignedValues,
  convertToType,
  type AliasResolver,
  type ConvertContext,
  type ValueProblem,
} from './convertValue';
import { applyFlavors, DMTF_DEFAULT_FLAVOR } from './flavors';
import { qualifierToModel } from './qualifierToModel';

/**
 * AST → model (graphql-js `buildASTSchema` as its own step): what the compiler hands to
 * PutClass / PutInstance / the qualifier store. Nothing here touches the repository except
 * through `getQualifierDecl`, which gives default flavors and value types.
 */
export interface ToModelContext {
  readonly namespace: string;
  /** The qualifier declaration in force (MofTarget.getQualifierDecl). */
  readonly getQualifierDecl: (namespace: string, name: string) => QualifierDeclaration | undefined;
  readonly resolveAlias?: AliasResolver;
}

/** A converted object and the values that did not convert (the object has NULL for them). */
export interface Converted<T> {
  readonly value: T;
  readonly problems: readonly ValueProblem[];
}

export function sourceLocation(loc: Loc): SourceLocation {
  return { file: loc.file, line: loc.line, column: loc.column };
}

export function classToModel(node: ClassDeclarationNode, ctx: ToModelContext): Converted<ClassDefinition> {
  const cc = convertContext(ctx);
  const value: ClassDefinition = {
    genus: 'class',
    name: node.name.value,
    superclass: node.superclass?.value ?? null,
    qualifiers: qualifiers(node.qualifiers, ctx, cc),
    properties: node.features
      .filter((f): f is PropertyNode => f.kind === 'Property')
      .map((p) => typedElement(p, ctx, cc)),
    methods: node.features.filter((f): f is MethodNode => f.kind === 'Method').map((m) => method(m, ctx, cc)),
    loc: sourceLocation(node.loc),
  };
  return { value, problems: cc.problems };
}

export function instanceToModel(node: InstanceDeclarationNode, ctx: ToModelContext): Converted<InstanceDefinition> {
  const cc = convertContext(ctx);
  // Instance values are converted by their literal: their types are the class's, which the
  // repository knows and checks. Qualifiers written on single property values have no place
  // in InstanceDefinition and are dropped, and so are properties named without a value.
  const value: InstanceDefinition = {
    genus: 'instance',
    className: node.className.value,
    qualifiers: qualifiers(node.qualifiers, ctx, cc),
    properties: assignedValues(node.properties, cc),
    loc: sourceLocation(node.loc),
  };
  return { value, problems: cc.problems };
}

/**
 * DMTF declaration: starts from DMTF's default flavor (EnableOverride, ToSubclass) and applies
 * its Flavor list. WMI flavor statement (`Qualifier Description : ToSubClass Amended;`): starts
 * from 0 and sets what it lists; no type and no scope (decisions §2b).
 */
export function qualifierDeclarationToModel(node: QualifierDeclarationNode): Converted<QualifierDeclaration> {
  const names = node.flavors.map((f) => f.name);
  if (node.form === 'wmi' || node.type === undefined) {
    return { value: { name: node.name.value, scopes: [], flavor: applyFlavors(0, names) }, problems: [] };
  }
  const cc: ConvertContext = { problems: [] };
  const type = cimType(node.type, node.array);
  const scopes = node.scopes.map((s) => s.value.toLowerCase() as QualifierScope);
  const base = { name: node.name.value, type, scopes, flavor: applyFlavors(DMTF_DEFAULT_FLAVOR, names) };
  const value: QualifierDeclaration =
    node.defaultValue === undefined ? base : { ...base, defaultValue: convertToType(node.defaultValue, type, cc) };
  return { value, problems: cc.problems };
}

/**
 * Plain types (no class, no bound) are shared: model objects are never changed, and a schema
 * has thousands of `string` properties.
 */
const plainTypes = new Map<string, CimType>();
function plainType(base: CimType['base'], array: boolean): CimType {
  const k = array ? `${base}[]` : base;
  let t = plainTypes.get(k);
  if (t === undefined) plainTypes.set(k, (t = Object.freeze({ base, array })));
  return t;
}

/** `Cls ref` → ref:Cls; `object ref` → ref; `Cls` → object:Cls; `object` → object; `a[10]` → arraySize 10. */
export function cimType(t: TypeNode, array: ArraySuffixNode | undefined): CimType {
  const base = t.base === 'void' ? 'object' : t.base;
  const isArray = array !== undefined;
  const size = array?.size;
  if (t.className === undefined)
    return size === undefined ? plainType(base, isArray) : { base, array: isArray, arraySize: size };
  return size === undefined
    ? { base, array: isArray, className: t.className }
    : { base, array: isArray, className: t.className, arraySize: size };
}

function convertContext(ctx: ToModelContext): ConvertContext {
  return ctx.resolveAlias === undefined ? { problems: [] } : { problems: [], resolveAlias: ctx.resolveAlias };
}

function qualifiers(list: readonly QualifierNode[], ctx: ToModelContext, cc: ConvertContext): Qualifier[] {
  return list.map((q) => qualifierToModel(q, ctx.getQualifierDecl(ctx.namespace, q.name.value), cc));
}

/**
 * A property or a parameter (the two have the same model shape). Literal objects, not spreads:
 * one hidden class each, no copying (a hot path for big schemas).
 */
function typedElement(p: PropertyNode | ParameterNode, ctx: ToModelContext, cc: ConvertContext): PropertyDecl {
  const type = cimType(p.type, p.array);
  const quals = qualifiers(p.qualifiers, ctx, cc);
  return p.defaultValue === undefined
    ? { name: p.name.value, type, qualifiers: quals }
    : { name: p.name.value, type, defaultValue: convertToType(p.defaultValue, type, cc), qualifiers: quals };
}

function method(m: MethodNode, ctx: ToModelContext, cc: ConvertContext): MethodDecl {
  return {
    name: m.name.value,
    returnType: m.returnType.base === 'void' ? null : cimType(m.returnType, undefined),
    parameters: withParameterIds(m.parameters.map((p): ParameterDecl => typedElement(p, ctx, cc))),
    qualifiers: qualifiers(m.qualifiers, ctx, cc),
  };
}

/**
 * mofcomp numbers parameters: one without an `ID` qualifier gets the next ID in declaration
 * order (0-based; after an explicit `ID(n)` the next is n + 1), and the compiler adds the `ID`
 * qualifier to it. The added qualifier is sint32 with flavor 0: WMI's ID is local to the
 * parameter. Whether the IDs end up 0-based and consecutive is the engine's check (decisions
 * §2 step 6).
 */
export function withParameterIds(params: readonly ParameterDecl[]): ParameterDecl[] {
  let next = 0;
  return params.map((p) => {
    const id = p.qualifiers.find((q) => sameName(q.name, 'ID'));
    if (id !== undefined) {
      if (typeof id.value === 'number') next = id.value + 1;
      return p;
    }
    const added: Qualifier = { name: 'ID', type: plainType('sint32', false), value: next, flavor: 0 };
    next++;
    return { ...p, qualifiers: [...p.qualifiers, added] };
  });
}
