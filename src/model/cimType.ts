import { CIM } from '../errors/wbem';

/** The CIM base types of DSP0004, plus `ref` (CIM_REFERENCE) and `object` (CIM_OBJECT, embedded). */
export const CIM_SCALAR_TYPES = [
  'sint8',
  'uint8',
  'sint16',
  'uint16',
  'sint32',
  'uint32',
  'sint64',
  'uint64',
  'real32',
  'real64',
  'boolean',
  'string',
  'char16',
  'datetime',
  'ref',
  'object',
] as const;
export type CimScalarType = (typeof CIM_SCALAR_TYPES)[number];

/**
 * A property, parameter, return or qualifier type.
 * `className` is the target of a strong reference (`Foo ref`) or an embedded object (`Foo`);
 * absent for `object ref` / `object`.
 */
export interface CimType {
  readonly base: CimScalarType;
  readonly array: boolean;
  readonly className?: string;
  /** A declared array bound (`a[32]`): a hint only, as WMI keeps it. */
  readonly arraySize?: number;
}

const SCALAR_SET = new Set<string>(CIM_SCALAR_TYPES);

export function isScalarTypeName(name: string): name is CimScalarType {
  return SCALAR_SET.has(name.toLowerCase());
}

export function cimType(base: CimScalarType, array = false, className?: string): CimType {
  return className === undefined ? { base, array } : { base, array, className };
}

/** `uint32[]`, `string`, `ref:Cls`, `object:Cls`, `ref`, `object` — the CIMTYPE qualifier spelling. */
export function formatCimType(t: CimType): string {
  const head = t.className !== undefined ? `${t.base}:${t.className}` : t.base;
  return t.array ? `${head}[]` : head;
}

/** Inverse of formatCimType; undefined when the text is not a CIM type. */
export function parseCimType(text: string): CimType | undefined {
  let s = text.trim();
  let array = false;
  if (s.endsWith('[]')) {
    array = true;
    s = s.slice(0, -2);
  }
  const colon = s.indexOf(':');
  const base = (colon >= 0 ? s.slice(0, colon) : s).toLowerCase();
  if (!isScalarTypeName(base)) return undefined;
  if (colon >= 0) {
    if (base !== 'ref' && base !== 'object') return undefined;
    const className = s.slice(colon + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(className)) return undefined;
    return { base, array, className };
  }
  return { base, array };
}

const CODE: Record<CimScalarType, number> = {
  sint8: CIM.SINT8,
  uint8: CIM.UINT8,
  sint16: CIM.SINT16,
  uint16: CIM.UINT16,
  sint32: CIM.SINT32,
  uint32: CIM.UINT32,
  sint64: CIM.SINT64,
  uint64: CIM.UINT64,
  real32: CIM.REAL32,
  real64: CIM.REAL64,
  boolean: CIM.BOOLEAN,
  string: CIM.STRING,
  char16: CIM.CHAR16,
  datetime: CIM.DATETIME,
  ref: CIM.REFERENCE,
  object: CIM.OBJECT,
};

/** The CIMTYPE_ENUMERATION value (array types OR CIM_FLAG_ARRAY). */
export function cimTypeCode(t: CimType): number {
  return CODE[t.base] | (t.array ? CIM.FLAG_ARRAY : 0);
}

/** Same base CIM type and array-ness (decisions §2 step 6); reference targets are not compared. */
export function sameBaseType(a: CimType, b: CimType): boolean {
  return a.base === b.base && a.array === b.array;
}

/** Exact equality, reference and embedded-object targets compared case-insensitively. */
export function sameCimType(a: CimType, b: CimType): boolean {
  return (
    sameBaseType(a, b) &&
    (a.className ?? '').toLowerCase() === (b.className ?? '').toLowerCase() &&
    a.arraySize === b.arraySize
  );
}

export const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  sint8: [-128n, 127n],
  uint8: [0n, 255n],
  sint16: [-32768n, 32767n],
  uint16: [0n, 65535n],
  sint32: [-2147483648n, 2147483647n],
  uint32: [0n, 4294967295n],
  sint64: [-9223372036854775808n, 9223372036854775807n],
  uint64: [0n, 18446744073709551615n],
};
