import {
  INTEGER_RANGES,
  type CimScalarType,
  type CimType,
  type CimValue,
  type Qualifier,
  type QualifierDeclaration,
} from '../model';
import type { ArrayValueNode, ConstantValueNode, QualifierNode, StringValueNode, ValueNode } from './ast';
import { convertNatural, convertToType, describeValue, type ConvertContext, type ValueProblem } from './convertValue';
import { applyFlavors } from './flavors';

/**
 * A qualifier as written on a class, property, method, parameter or instance → the model.
 *
 * Flavor (decisions §2b): written without flavors, it takes the flavors of the declaration in
 * force in the namespace (0 when there is none). Written with flavors, it starts from 0 and
 * applies them — WMI's semantic: flavors on a use are the whole flavor, not a change to the
 * declaration's (`[Description("x") : Amended]` is amended and not propagated, even where
 * Description is declared ToSubClass).
 *
 * Value type: the declaration's type when there is one and the value converts to it (an
 * integer for a real64 qualifier becomes a number; a single value for an array qualifier a
 * one-element array). When it does not convert, the qualifier keeps the literal's natural
 * type so the engine can refuse it with WBEM_E_INVALID_QUALIFIER_TYPE (decisions §2 step 6).
 * Undeclared: a bare qualifier is boolean TRUE; strings are string, integers sint32 (sint64
 * when too large), reals real64, arrays typed by their elements.
 */
export function qualifierToModel(
  node: QualifierNode,
  decl: QualifierDeclaration | undefined,
  ctx: ConvertContext,
): Qualifier {
  const flavor =
    node.flavors === undefined
      ? (decl?.flavor ?? 0)
      : applyFlavors(
          0,
          node.flavors.map((f) => f.name),
        );
  const declared = decl?.type;
  const v = node.value;
  // Spelled as declared (nearly always): the declaration's string, so the repository keeps one
  // copy of `Description` instead of one per qualifier written.
  const written = node.name.value;
  const name = decl !== undefined && decl.name === written ? decl.name : written;
  // The common cases first, without the general conversion's scratch objects: a scalar string
  // or boolean qualifier as declared (Description, Key, Abstract … on every element of a schema).
  if (declared !== undefined && !declared.array) {
    if (declared.base === 'string' && v?.kind === 'String') return { name, type: declared, value: v.value, flavor };
    if (declared.base === 'boolean' && (v === undefined || v.kind === 'Boolean'))
      return { name, type: declared, value: v === undefined ? true : v.value, flavor };
  } else if (declared?.base === 'string' && declared.arraySize === undefined && v?.kind === 'Array') {
    // A string array of string literals (ValueMap, Values, ModelCorrespondence, MappingStrings).
    const strings = stringElements(v);
    if (strings !== undefined) return { name, type: declared, value: strings, flavor };
  }
  const typed = declared === undefined ? undefined : declaredValue(v, declared, ctx);
  const { type, value } = typed ?? naturalValue(v, ctx);
  return { name, type, value, flavor };
}

/** The elements' values when every element is a string literal, else undefined. */
function stringElements(v: ArrayValueNode): string[] | undefined {
  for (const e of v.values) if (e.kind !== 'String') return undefined;
  return v.values.map((e) => (e as StringValueNode).value);
}

function declaredValue(
  v: ConstantValueNode | ArrayValueNode | undefined,
  declared: CimType,
  ctx: ConvertContext,
): { type: CimType; value: CimValue } | undefined {
  // The declaration's type itself (shared: model objects are never changed) unless it carries an
  // array bound, which is the declaration's, not the qualifier's.
  const type: CimType =
    declared.arraySize === undefined
      ? declared
      : declared.className === undefined
        ? { base: declared.base, array: declared.array }
        : { base: declared.base, array: declared.array, className: declared.className };
  if (v === undefined) {
    return declared.base === 'boolean' ? { type, value: declared.array ? [true] : true } : undefined;
  }
  const local: ConvertContext =
    ctx.resolveAlias === undefined ? { problems: [] } : { problems: [], resolveAlias: ctx.resolveAlias };
  let value: CimValue;
  if (declared.array && v.kind !== 'Array' && v.kind !== 'Null') {
    const one = convertToType(v, { ...type, array: false }, local);
    value = [one];
  } else {
    value = convertToType(v, type, local);
  }
  return local.problems.length === 0 ? { type, value } : undefined;
}

function naturalValue(v: ValueNode | undefined, ctx: ConvertContext): { type: CimType; value: CimValue } {
  if (v === undefined) return { type: { base: 'boolean', array: false }, value: true };
  if (v.kind === 'Array') {
    const bases = v.values.map((e) => naturalBase(e, ctx.problems));
    const base = commonBase(bases);
    if (base === undefined) {
      ctx.problems.push({
        code: 'WBEMMOF_E_TYPE_MISMATCH',
        message: `The elements of this array have different types (${v.values.map(describeValue).join(', ')}).`,
        loc: v.loc,
      });
    }
    return { type: { base: base ?? 'string', array: true }, value: convertNatural(v, ctx) };
  }
  return { type: { base: naturalBase(v, ctx.problems) ?? 'string', array: false }, value: convertNatural(v, ctx) };
}

/** The type an undeclared literal has; undefined for NULL (any type). */
function naturalBase(v: ValueNode, problems: ValueProblem[]): CimScalarType | undefined {
  switch (v.kind) {
    case 'Integer': {
      const n = BigInt(v.value);
      for (const t of ['sint32', 'sint64', 'uint64'] as const) {
        const [lo, hi] = INTEGER_RANGES[t]!;
        if (n >= lo && n <= hi) return t;
      }
      problems.push({
        code: 'WBEMMOF_E_OUT_OF_RANGE',
        message: `${v.value} does not fit any CIM integer type.`,
        loc: v.loc,
      });
      return 'sint64';
    }
    case 'Real':
      return 'real64';
    case 'String':
      return 'string';
    case 'Char':
      return 'char16';
    case 'Boolean':
      return 'boolean';
    case 'Null':
      return undefined;
    case 'AliasRef':
      return 'ref';
    case 'InstanceValue':
      return 'object';
    case 'Array':
      return undefined;
  }
}

/** One type for all elements: NULLs are ignored, integers widen, integers with reals are real64. */
function commonBase(bases: ReadonlyArray<CimScalarType | undefined>): CimScalarType | undefined {
  const present = bases.filter((b): b is CimScalarType => b !== undefined);
  if (present.length === 0) return 'string';
  const set = new Set(present);
  if (set.size === 1) return present[0];
  const ints = ['sint32', 'sint64', 'uint64'] as const;
  const numeric = [...set].every((b) => b === 'real64' || (ints as readonly string[]).includes(b));
  if (!numeric) return undefined;
  if (set.has('real64')) return 'real64';
  return set.has('uint64') ? (set.has('sint32') || set.has('sint64') ? 'sint64' : 'uint64') : 'sint64';
}
