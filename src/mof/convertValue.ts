import {
  INTEGER_RANGES,
  type CimScalarType,
  type CimType,
  type CimValue,
  type EmbeddedInstance,
  type PropertyValue,
} from '../model';
import type { InstanceValueNode, Loc, PropertyAssignmentNode, ValueNode } from './ast';
import type { MofErrorCode } from './diagnostics';

/** A value that could not be converted, positioned at its literal. */
export interface ValueProblem {
  readonly code: MofErrorCode;
  readonly message: string;
  readonly loc: Loc;
}

/** Maps `$Alias` to the object path of the aliased instance; undefined when not (yet) known. */
export type AliasResolver = (name: string) => string | undefined;

export interface ConvertContext {
  readonly problems: ValueProblem[];
  readonly resolveAlias?: AliasResolver;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An integer as src/model/value.ts keeps it: a number, or its decimal string when a 64-bit value
 * lies beyond ±2^53 (so it survives JSON and IndexedDB exactly).
 */
export function integerValue(decimal: string): number | string {
  const v = BigInt(decimal);
  return v > MAX_SAFE || v < -MAX_SAFE ? v.toString() : Number(v);
}

/** DMTF datetime `yyyymmddHHMMSS.mmmmmmsUUU` or interval `ddddddddHHMMSS.mmmmmm:000`; `*` for unused fields. */
const DATETIME = /^[0-9*]{14}\.[0-9*]{6}([+-][0-9*]{3}|:000)$/;

/** Converts a value written in MOF to a declared CIM type (property and parameter defaults, typed qualifiers). */
export function convertToType(node: ValueNode, type: CimType, ctx: ConvertContext): CimValue {
  if (node.kind === 'Null') return null;
  if (type.array) {
    if (node.kind !== 'Array') {
      mismatch(ctx, node, `an array of ${type.base}`);
      return null;
    }
    return node.values.map((v) => convertScalar(v, type.base, type.className, ctx));
  }
  if (node.kind === 'Array') {
    ctx.problems.push({
      code: 'WBEMMOF_E_UNEXPECTED_ARRAY_INIT',
      message: `An array initializer is given to a ${type.base} that is not an array.`,
      loc: node.loc,
    });
    return null;
  }
  return convertScalar(node, type.base, type.className, ctx);
}

function convertScalar(
  node: ValueNode,
  base: CimScalarType,
  className: string | undefined,
  ctx: ConvertContext,
): CimValue {
  if (node.kind === 'Null') return null;
  const range = INTEGER_RANGES[base];
  if (range !== undefined) {
    if (node.kind !== 'Integer') return mismatch(ctx, node, `an integer (${base})`);
    const v = BigInt(node.value);
    if (v < range[0] || v > range[1]) {
      ctx.problems.push({
        code: 'WBEMMOF_E_OUT_OF_RANGE',
        message: `${node.value} is out of range for ${base} (${range[0]}..${range[1]}).`,
        loc: node.loc,
      });
      return null;
    }
    return integerValue(node.value);
  }
  switch (base) {
    case 'real32':
    case 'real64':
      if (node.kind === 'Real') return node.value;
      if (node.kind === 'Integer') return Number(node.value);
      return mismatch(ctx, node, `a number (${base})`);
    case 'boolean':
      return node.kind === 'Boolean' ? node.value : mismatch(ctx, node, 'TRUE or FALSE');
    case 'string':
      return node.kind === 'String' || node.kind === 'Char' ? node.value : mismatch(ctx, node, 'a string');
    case 'char16':
      if (node.kind === 'Char') return node.value;
      if (node.kind === 'String' && node.value.length === 1) return node.value;
      if (node.kind === 'Integer') {
        const n = Number(node.value);
        if (n >= 0 && n <= 0xffff) return String.fromCharCode(n);
      }
      return mismatch(ctx, node, 'a char16');
    case 'datetime':
      if (node.kind !== 'String') return mismatch(ctx, node, 'a datetime string');
      if (!DATETIME.test(node.value)) {
        return mismatch(ctx, node, 'a datetime "yyyymmddHHMMSS.mmmmmmsUUU" or interval "ddddddddHHMMSS.mmmmmm:000"');
      }
      return node.value;
    case 'ref':
      if (node.kind === 'String') return node.value;
      if (node.kind === 'AliasRef') return aliasPath(node.name, node.loc, ctx);
      return mismatch(ctx, node, `an object path or alias${className === undefined ? '' : ` (${className})`}`);
    case 'object':
      if (node.kind === 'InstanceValue') return embeddedInstance(node, ctx);
      return mismatch(ctx, node, `an embedded "instance of ${className ?? '…'} {…}"`);
    default:
      return mismatch(ctx, node, base);
  }
}

/**
 * A value whose type nobody declared here: instance property values (the class is the
 * repository's business) and embedded instances. Integers stay integers, reals numbers.
 */
export function convertNatural(node: ValueNode, ctx: ConvertContext): CimValue {
  switch (node.kind) {
    case 'Integer':
      return integerValue(node.value);
    case 'Real':
    case 'String':
    case 'Char':
    case 'Boolean':
      return node.value;
    case 'Null':
      return null;
    case 'AliasRef':
      return aliasPath(node.name, node.loc, ctx);
    case 'Array':
      return node.values.map((v) => convertNatural(v, ctx));
    case 'InstanceValue':
      return embeddedInstance(node, ctx);
  }
}

function embeddedInstance(node: InstanceValueNode, ctx: ConvertContext): EmbeddedInstance {
  return {
    kind: 'instance',
    className: node.className.value,
    properties: assignedValues(node.properties, ctx),
  };
}

/**
 * The values an instance assigns, in order. A property named without a value (WMI dynamic
 * properties, `[Dynamic] Name;`) assigns nothing and is left out: the provider supplies it.
 */
export function assignedValues(properties: readonly PropertyAssignmentNode[], ctx: ConvertContext): PropertyValue[] {
  const out: PropertyValue[] = [];
  for (const p of properties) {
    if (p.value !== undefined) out.push({ name: p.name.value, value: convertNatural(p.value, ctx) });
  }
  return out;
}

function aliasPath(name: string, loc: Loc, ctx: ConvertContext): CimValue {
  const path = ctx.resolveAlias?.(name);
  if (path !== undefined) return path;
  ctx.problems.push({ code: 'WBEMMOF_E_UNEXPECTED_ALIAS', message: `Alias $${name} is not defined.`, loc });
  return null;
}

function mismatch(ctx: ConvertContext, node: ValueNode, expected: string): null {
  ctx.problems.push({
    code: 'WBEMMOF_E_TYPE_MISMATCH',
    message: `Expected ${expected}, found ${describeValue(node)}.`,
    loc: node.loc,
  });
  return null;
}

export function describeValue(node: ValueNode): string {
  switch (node.kind) {
    case 'Integer':
      return `the integer ${node.value}`;
    case 'Real':
      return `the real ${node.value}`;
    case 'String':
      return `a string`;
    case 'Char':
      return `a char16`;
    case 'Boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'Null':
      return 'NULL';
    case 'AliasRef':
      return `the alias $${node.name}`;
    case 'Array':
      return 'an array';
    case 'InstanceValue':
      return `an embedded instance of ${node.className.value}`;
  }
}
