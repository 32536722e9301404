import { isEmbeddedInstance, type CimType, type CimValue } from '../../model';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\b': '\\b',
  '\f': '\\f',
};

/** A MOF string literal with C escapes; control characters as \x escapes. */
export function mofString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const e = ESCAPES[ch];
    if (e) out += e;
    else if (ch < ' ') out += `\\x${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function mofChar(c: string): string {
  if (c === "'") return "'\\''";
  const e = ESCAPES[c];
  if (e && c !== '"') return `'${e}'`;
  if (c < ' ') return `'\\x${c.charCodeAt(0).toString(16).padStart(4, '0')}'`;
  return `'${c}'`;
}

/** A real always has a decimal point, as DSP0004 writes reals: `1.0`, `1.5e+300`, `1.0e-7`. */
function real(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (s.includes('.')) return s;
  const e = s.indexOf('e');
  return e < 0 ? `${s}.0` : `${s.slice(0, e)}.0${s.slice(e)}`;
}

const INTEGER = new Set(['sint8', 'uint8', 'sint16', 'uint16', 'sint32', 'uint32', 'sint64', 'uint64']);

/** The declared type of a property of a class, for the values of embedded instances. */
export type PropertyTypeLookup = (className: string, property: string) => CimType | undefined;

/**
 * A value as MOF writes it. The type decides the spelling where the value alone cannot: reals
 * keep a decimal point, char16 is quoted with ', 64-bit integers kept as strings print as digits.
 * The properties of an embedded instance take their types from `typeOf` when it is given.
 */
export function printValue(v: CimValue, type?: CimType, indent = '', typeOf?: PropertyTypeLookup): string {
  if (v === null) return 'NULL';
  if (Array.isArray(v)) {
    const scalar = type ? { ...type, array: false } : undefined;
    return `{${(v as readonly CimValue[]).map((x) => printValue(x, scalar, indent, typeOf)).join(', ')}}`;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (type && (type.base === 'real32' || type.base === 'real64')) return real(v);
    return Number.isInteger(v) ? String(v) : real(v);
  }
  if (typeof v === 'string') {
    if (type && INTEGER.has(type.base) && /^-?\d+$/.test(v)) return v;
    if (type && type.base === 'char16' && v.length === 1) return mofChar(v);
    return mofString(v);
  }
  if (isEmbeddedInstance(v)) {
    const inner = indent + '    ';
    const props = v.properties
      .map((p) => `${inner}${p.name} = ${printValue(p.value, typeOf?.(v.className, p.name), inner, typeOf)};`)
      .join('\n');
    return `instance of ${v.className}\n${indent}{\n${props}${props ? '\n' : ''}${indent}}`;
  }
  return 'NULL';
}
