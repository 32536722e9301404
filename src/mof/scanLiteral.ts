import {
  APOS,
  BACKSLASH,
  DOT,
  MINUS,
  PLUS,
  ZERO,
  isDigit,
  isHexDigit,
  isLineBreak,
  isNameChar,
} from './characterClasses';

/**
 * Literal scanners for the lexer: pure functions from (text, start) to where the literal ends
 * and what it means. Problems are returned, not reported, so the lexer owns all positions.
 */

export interface ScannedNumber {
  readonly end: number;
  readonly kind: 'Integer' | 'Real';
  /** Integer: normalised decimal text; Real: the text as written. '0' when not valid. */
  readonly value: string;
  readonly valid: boolean;
}

/**
 * Integer literals as DSP0004 2.x writes them — decimal, `0x` hex, leading-`0` octal,
 * trailing-`b` binary, each with an optional sign — and reals (`1.5`, `.5`, `-1.2778E+02`).
 * A literal running into name characters (`12abc`, `0x1G`) is one invalid literal.
 */
export function scanNumber(text: string, start: number): ScannedNumber {
  const n = text.length;
  let i = start;
  const s = text.charCodeAt(i);
  const negative = s === MINUS;
  if (s === PLUS || s === MINUS) i++;
  const digitsStart = i;
  let value: string | undefined;
  let kind: 'Integer' | 'Real' = 'Integer';
  if (text.charCodeAt(i) === ZERO && (text.charCodeAt(i + 1) | 0x20) === 120 /* x */) {
    i += 2;
    const h = i;
    while (i < n && isHexDigit(text.charCodeAt(i))) i++;
    if (i > h) value = signed(BigInt(`0x${text.slice(h, i)}`), negative);
  } else {
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    const intEnd = i;
    if (text.charCodeAt(i) === DOT) {
      kind = 'Real';
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if ((text.charCodeAt(i) | 0x20) === 101 /* e */) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === PLUS || sign === MINUS) j++;
      if (isDigit(text.charCodeAt(j))) {
        kind = 'Real';
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
    }
    if (kind === 'Real') {
      value = text.slice(start, i);
    } else {
      const digits = text.slice(digitsStart, intEnd);
      if ((text.charCodeAt(i) | 0x20) === 98 /* b */ && /^[01]+$/.test(digits) && !isNameChar(text.charCodeAt(i + 1))) {
        i++;
        value = signed(BigInt(`0b${digits}`), negative);
      } else if (digits.length > 1 && digits.charCodeAt(0) === ZERO) {
        if (/^[0-7]+$/.test(digits)) value = signed(BigInt(`0o${digits}`), negative);
      } else {
        // The common case, kept free of BigInt.
        value = digits === '0' ? '0' : negative ? `-${digits}` : digits;
      }
    }
  }
  let valid = value !== undefined;
  if (i < n && isNameChar(text.charCodeAt(i))) {
    valid = false;
    while (i < n && isNameChar(text.charCodeAt(i))) i++;
  }
  return { end: i, kind, value: valid ? value! : '0', valid };
}

function signed(v: bigint, negative: boolean): string {
  return (negative ? -v : v).toString();
}

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = {
  98: '\b',
  116: '\t',
  110: '\n',
  102: '\f',
  114: '\r',
  34: '"',
  39: "'",
  92: '\\',
};

/**
 * The escape at `i` (a backslash): `\b \t \n \f \r \" \' \\` and `\x` / `\X` with one to four
 * hex digits (DSP0004). Pushes its character to `out`; returns the index after it.
 */
export function scanEscape(text: string, i: number, out: string[]): number {
  const e = text.charCodeAt(i + 1);
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) {
    out.push(simple);
    return i + 2;
  }
  if ((e | 0x20) === 120 /* x, X */) {
    let j = i + 2;
    while (j < i + 6 && isHexDigit(text.charCodeAt(j))) j++;
    if (j > i + 2) {
      out.push(String.fromCharCode(parseInt(text.slice(i + 2, j), 16)));
      return j;
    }
  }
  if (Number.isNaN(e) || isLineBreak(e)) return i + 1; // a lone backslash at the end: dropped
  // Unknown escapes keep their character, as C compilers do (`\d` → `d`).
  out.push(text[i + 1]!);
  return i + 2;
}

export interface ScannedChar {
  readonly end: number;
  readonly value: string;
  readonly problem?: 'unterminated' | 'invalid';
}

/** `'A'`, `'\n'`, `'\x4133'`: exactly one UTF-16 unit between single quotes, on one line. */
export function scanChar(text: string, start: number): ScannedChar {
  let i = start + 1;
  const c = text.charCodeAt(i);
  if (i >= text.length || isLineBreak(c)) return { end: i, value: '\0', problem: 'unterminated' };
  const parts: string[] = [];
  if (c === BACKSLASH) i = scanEscape(text, i, parts);
  else if (c !== APOS) {
    parts.push(text[i]!);
    i++;
  }
  if (text.charCodeAt(i) === APOS && parts.length > 0) return { end: i + 1, value: parts[0]! };
  // Recover at the closing quote on this line, if there is one.
  let j = i;
  while (j < text.length && text.charCodeAt(j) !== APOS && !isLineBreak(text.charCodeAt(j))) j++;
  const closed = text.charCodeAt(j) === APOS;
  return { end: closed ? j + 1 : j, value: parts[0] ?? '\0', problem: closed ? 'invalid' : 'unterminated' };
}
