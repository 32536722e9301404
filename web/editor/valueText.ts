import type { CimType, CimValue } from '../../src/model';
import { INTEGER_RANGES } from '../../src/model/cimType';
import { printValue } from '../../src/mof/print/printValue';

/**
 * Values as a person types them. Scalars: strings as they are, numbers, TRUE/FALSE, NULL.
 * Arrays: MOF array syntax `{"a", "b"}` or `{1, 2}`. Empty text means "no value".
 */
export function formatValue(v: CimValue | undefined, t: CimType): string {
  if (v === undefined) return '';
  if (v === null) return 'NULL';
  if (t.array || Array.isArray(v)) return printValue(v, t);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return printValue(v, t).replace(/\s*\n\s*/g, ' ');
  return String(v);
}

export type Parsed = { ok: true; value: CimValue | undefined } | { ok: false; error: string };

function scalar(text: string, t: CimType, quoted: boolean): Parsed {
  const s = text;
  if (!quoted && s.trim().toUpperCase() === 'NULL') return { ok: true, value: null };
  switch (t.base) {
    case 'boolean': {
      const u = s.trim().toUpperCase();
      if (u === 'TRUE') return { ok: true, value: true };
      if (u === 'FALSE') return { ok: true, value: false };
      return { ok: false, error: 'Expected TRUE or FALSE' };
    }
    case 'real32':
    case 'real64': {
      const n = Number(s.trim());
      return s.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'Expected a number' };
    }
    case 'char16':
      return [...s].length === 1 ? { ok: true, value: s } : { ok: false, error: 'Expected one character' };
    case 'string':
    case 'datetime':
    case 'ref':
    case 'object':
      return { ok: true, value: s };
    default: {
      const range = INTEGER_RANGES[t.base];
      const v = s.trim();
      if (!/^[+-]?(\d+|0x[0-9a-f]+)$/i.test(v)) return { ok: false, error: `Expected a ${t.base} integer` };
      let big: bigint;
      try {
        big = v.startsWith('-') ? -BigInt(v.slice(1)) : BigInt(v.replace(/^\+/, ''));
      } catch {
        return { ok: false, error: `Expected a ${t.base} integer` };
      }
      if (range && (big < range[0] || big > range[1])) return { ok: false, error: `Out of range for ${t.base}` };
      return {
        ok: true,
        value:
          big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
            ? Number(big)
            : big.toString(),
      };
    }
  }
}

/** Split `{"a", "b,c", 3}` into its elements, honouring quotes and escapes. */
function splitArray(inner: string): { parts: { text: string; quoted: boolean }[] } | { error: string } {
  const parts: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < inner.length) {
    while (i < inner.length && /\s/.test(inner[i]!)) i++;
    if (i >= inner.length) break;
    if (inner[i] === '"') {
      let s = '';
      i++;
      while (i < inner.length && inner[i] !== '"') {
        if (inner[i] === '\\' && i + 1 < inner.length) {
          const n = inner[i + 1]!;
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          i += 2;
        } else s += inner[i++];
      }
      if (inner[i] !== '"') return { error: 'Unterminated string' };
      i++;
      parts.push({ text: s, quoted: true });
    } else {
      let s = '';
      while (i < inner.length && inner[i] !== ',') s += inner[i++];
      parts.push({ text: s.trim(), quoted: false });
    }
    while (i < inner.length && /\s/.test(inner[i]!)) i++;
    if (i < inner.length) {
      if (inner[i] !== ',') return { error: 'Expected , between array elements' };
      i++;
    }
  }
  return { parts };
}

export function parseValue(text: string, t: CimType): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  if (!t.array) {
    // A scalar string may be typed with or without quotes.
    const m = /^"(.*)"$/s.exec(text.trim());
    if (m && (t.base === 'string' || t.base === 'datetime' || t.base === 'ref'))
      return scalar(m[1]!.replace(/\\"/g, '"').replace(/\\\\/g, '\\'), t, true);
    return scalar(text, t, false);
  }
  const trimmed = text.trim();
  if (trimmed.toUpperCase() === 'NULL') return { ok: true, value: null };
  const inner = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
  const split = splitArray(inner);
  if ('error' in split) return { ok: false, error: split.error };
  const element = { ...t, array: false };
  const values: CimValue[] = [];
  for (const p of split.parts) {
    const r = scalar(p.text, element, p.quoted);
    if (!r.ok) return r;
    values.push(r.value ?? null);
  }
  return { ok: true, value: values };
}
