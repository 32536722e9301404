import type { TokenKind } from './token';

// Character codes the lexer tests with charCodeAt (its hot path: no regex per character).
export const TAB = 9;
export const LF = 10;
export const VT = 11;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34; // "
export const HASH = 35; // #
export const DOLLAR = 36;
export const APOS = 39; // '
export const STAR = 42;
export const PLUS = 43;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const ZERO = 48;
export const NINE = 57;
export const BACKSLASH = 92;
export const UNDERSCORE = 95;

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

export function isHexDigit(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** DMTF identifiers: ASCII letters, `_`, and any UCS character from U+0080 (minus NBSP and BOM). */
export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE || (c >= 0x80 && c !== 0xa0 && c !== 0xfeff);
}

/** ASCII name characters by code: one load instead of five comparisons per character of a name. */
const ASCII_NAME_CHAR = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isNameStart(c) || isDigit(c)) t[c] = 1;
  return t;
})();

export function isNameChar(c: number): boolean {
  return c < 128 ? ASCII_NAME_CHAR[c] === 1 : isNameStart(c);
}

/** Whitespace other than line breaks. NUL and Ctrl-Z are padding some tools leave at the end of files. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF || c === 0 || c === 0x1a || c === 0xa0 || c === 0xfeff;
}

export function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** Punctuator token kinds by character code (a dense table: an object keyed by code is a hash lookup). */
export const PUNCTUATORS: ReadonlyArray<TokenKind | undefined> = (() => {
  const t = new Array<TokenKind | undefined>(128).fill(undefined);
  for (const p of ['{', '}', '[', ']', '(', ')', ';', ',', ':', '='] as const) t[p.charCodeAt(0)] = p;
  return t;
})();

/** `+1`, `-.5`, `.5`: a sign or a dot starts a number only when a digit follows. */
export function startsNumber(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (isDigit(c)) return true;
  if (c === DOT) return isDigit(text.charCodeAt(at + 1));
  if (c === PLUS || c === MINUS) {
    const d = text.charCodeAt(at + 1);
    return isDigit(d) || (d === DOT && isDigit(text.charCodeAt(at + 2)));
  }
  return false;
}
