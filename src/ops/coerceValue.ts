import { INTEGER_RANGES, isEmbeddedInstance, type CimType, type CimValue } from '../model';

/**
 * Check a value against a CIM type, returning the value to store (a 64-bit integer beyond 2^53 as
 * its decimal string) or an error sentence. Used for instance properties.
 */
export function coerceValue(
  value: CimValue,
  type: CimType,
): { ok: true; value: CimValue } | { ok: false; why: string } {
  if (value === null) return { ok: true, value };
  if (type.array) {
    if (!Array.isArray(value)) return { ok: false, why: `expected an array of ${type.base}` };
    const out: CimValue[] = [];
    for (const v of value as readonly CimValue[]) {
      const r = coerceValue(v, { ...type, array: false });
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (Array.isArray(value)) return { ok: false, why: `expected a single ${type.base}, got an array` };
  const range = INTEGER_RANGES[type.base];
  if (range) {
    let n: bigint;
    if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
    else if (typeof value === 'string' && /^-?\d+$/.test(value)) n = BigInt(value);
    else return { ok: false, why: `expected an integer (${type.base})` };
    if (n < range[0] || n > range[1]) return { ok: false, why: `${n} is out of range for ${type.base}` };
    const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
    return { ok: true, value: safe ? Number(n) : n.toString() };
  }
  switch (type.base) {
    case 'real32':
    case 'real64':
      return typeof value === 'number' ? { ok: true, value } : { ok: false, why: `expected a number (${type.base})` };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, why: 'expected TRUE or FALSE' };
    case 'char16':
      return typeof value === 'string' && value.length === 1
        ? { ok: true, value }
        : { ok: false, why: 'expected one character (char16)' };
    case 'string':
    case 'datetime':
    case 'ref':
      return typeof value === 'string' ? { ok: true, value } : { ok: false, why: `expected a string (${type.base})` };
    case 'object':
      return isEmbeddedInstance(value) || typeof value === 'string'
        ? { ok: true, value }
        : { ok: false, why: 'expected an embedded instance' };
    default:
      return { ok: false, why: `unknown type ${type.base}` };
  }
}
