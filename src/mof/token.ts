/**
 * Token kinds of MOF as WMI reads it. Keywords are not token kinds: MOF keywords are
 * case-insensitive and WMI lets many of them be used as names (the DMTF schema has a property
 * `Group`), so the lexer hands out `Name` and the parser decides by position, the way graphql-js
 * treats its own keywords.
 */
export type PunctuatorKind = '{' | '}' | '[' | ']' | '(' | ')' | ';' | ',' | ':' | '=';

export type TokenKind =
  | 'Name'
  | 'Integer'
  | 'Real'
  | 'String'
  | 'Char'
  | 'Alias'
  /** `#pragma` or `#include` (value: the directive's lower-case name). */
  | 'Directive'
  | PunctuatorKind
  | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  /**
   * - Name: as written; Alias: the name after `$`;
   * - Integer: the value as a normalised decimal string (`0x1F` → `31`, `-010` → `-8`, `101b` → `5`);
   * - Real: the text as written (`-1.2778E+02`);
   * - String: the decoded content of one string literal (escapes applied; concatenation is the parser's);
   * - Char: the decoded character;
   * - Directive: `pragma` or `include`;
   * - punctuators: the character; EOF: ''.
   */
  readonly value: string;
  /** 0-based offsets in the text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** A line break (or the start of the file) comes between the previous token and this one. */
  readonly newlineBefore: boolean;
}

/** `"{"`, `name "Foo"`, `string "abc"`, `<EOF>` — how a token is named in messages. */
export function describeToken(t: Pick<Token, 'kind' | 'value'>): string {
  switch (t.kind) {
    case 'EOF':
      return '<EOF>';
    case 'Name':
      return `"${t.value}"`;
    case 'Integer':
    case 'Real':
      return `number ${t.value}`;
    case 'String':
      return `string "${t.value.length > 30 ? `${t.value.slice(0, 30)}…` : t.value}"`;
    case 'Char':
      return `char '${t.value}'`;
    case 'Alias':
      return `alias $${t.value}`;
    case 'Directive':
      return `#${t.value}`;
    default:
      return `"${t.kind}"`;
  }
}
