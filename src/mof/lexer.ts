import {
  APOS,
  BACKSLASH,
  CR,
  DOLLAR,
  HASH,
  LF,
  PUNCTUATORS,
  QUOTE,
  SLASH,
  SPACE,
  STAR,
  TAB,
  isBlank,
  isLineBreak,
  isNameChar,
  isNameStart,
  startsNumber,
} from './characterClasses';
import type { DiagnosticSpan, MofErrorCode } from './diagnostics';
import { scanChar, scanEscape, scanNumber } from './scanLiteral';
import type { Token, TokenKind } from './token';

export type LexerReport = (code: MofErrorCode, message: string, span: DiagnosticSpan) => void;

/**
 * Splits MOF text into tokens on demand. Never throws and always advances: every problem
 * (unterminated string or comment, stray character, C preprocessor line) is reported through
 * `report` and scanning goes on.
 *
 * The current token lives in the lexer's own fields (kind, value, start, end, line, column,
 * newlineBefore) and `advance()` moves on: the parser reads the fields and keeps what it needs,
 * so the 270,000 tokens of the CIM schema are not 270,000 objects for the garbage collector.
 * `next()` and `lookahead()` hand out Token objects for callers that want them.
 */
export class Lexer implements Token {
  // The current token (before the first advance(): an EOF at the start of the text).
  kind: TokenKind = 'EOF';
  value = '';
  start = 0;
  end = 0;
  line = 1;
  column = 1;
  newlineBefore = true;

  /** The literals of the string being read, when there are several (see readString). */
  private readonly parts: string[] = [];
  /** The token after the current one, once lookahead() has scanned it. */
  private peeked: Token | undefined;
  private pos = 0;
  /** The line being scanned (1-based) and the offset it starts at. */
  private scanLine = 1;
  private lineStart = 0;
  private sawNewline = true;
  /** Where the next `\\`, LF and CR are, at or after the last string literal (text length: none). */
  private nextBackslash = -1;
  private nextLf = -1;
  private nextCr = -1;

  constructor(
    readonly text: string,
    private readonly report: LexerReport,
  ) {
    // A BOM left in decoded text is not content.
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  /** Moves to the next token: its kind, value and position are then in this lexer's fields. */
  advance(): void {
    const p = this.peeked;
    if (p === undefined) {
      this.scan();
      return;
    }
    this.peeked = undefined;
    this.become(p);
  }

  /** The token after the current one, without moving. */
  lookahead(): Token {
    if (this.peeked === undefined) {
      const current = this.current();
      this.scan();
      this.peeked = this.current();
      this.become(current);
    }
    return this.peeked;
  }

  /** Makes `t` the current token. */
  private become(t: Token): void {
    this.kind = t.kind;
    this.value = t.value;
    this.start = t.start;
    this.end = t.end;
    this.line = t.line;
    this.column = t.column;
    this.newlineBefore = t.newlineBefore;
  }

  /** Moves to the next token and returns it as an object. */
  next(): Token {
    this.advance();
    return this.current();
  }

  /** The current token as an object of its own. */
  current(): Token {
    const { kind, value, start, end, line, column, newlineBefore } = this;
    return { kind, value, start, end, line, column, newlineBefore };
  }

  private span(start: number, length?: number): DiagnosticSpan {
    return length === undefined
      ? { offset: start, line: this.scanLine, column: start - this.lineStart + 1 }
      : { offset: start, line: this.scanLine, column: start - this.lineStart + 1, length };
  }

  /** The scanned token becomes the current one. */
  private token(kind: TokenKind, value: string, start: number, line: number, column: number, nl: boolean): void {
    this.kind = kind;
    this.value = value;
    this.start = start;
    this.end = this.pos;
    this.line = line;
    this.column = column;
    this.newlineBefore = nl;
  }

  /** Skips whitespace and comments; records line breaks. */
  private skipTrivia(): void {
    const text = this.text;
    const n = text.length;
    // The position lives in a local while blanks are skipped: a field write per character is
    // most of the lexer's time on indented MOF.
    let pos = this.pos;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === SPACE) {
        pos++;
      } else if (c === LF) {
        this.newline(++pos);
      } else if (c === CR) {
        pos = text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
        this.newline(pos);
      } else if (isBlank(c)) {
        pos++;
      } else if (c === SLASH && text.charCodeAt(pos + 1) === SLASH) {
        let i = pos + 2;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === LF || d === CR) break;
          i++;
        }
        pos = i;
      } else if (c === SLASH && text.charCodeAt(pos + 1) === STAR) {
        this.pos = pos;
        this.skipBlockComment();
        pos = this.pos;
      } else if (c === BACKSLASH && this.isLineSplice(pos)) {
        // `\` ending a line outside a string: a C line splice. WDK-generated MOF leaves them
        // between qualifiers (iscsihba.mof) and mofcomp reads them as blank.
        pos++;
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  /** A backslash followed only by blanks up to the end of its line. */
  private isLineSplice(at: number): boolean {
    const text = this.text;
    let i = at + 1;
    while (i < text.length && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    const c = text.charCodeAt(i);
    return c === LF || c === CR;
  }

  private newline(next: number): void {
    this.pos = next;
    this.scanLine++;
    this.lineStart = next;
    this.sawNewline = true;
  }

  private skipBlockComment(): void {
    const text = this.text;
    const n = text.length;
    const start = this.pos;
    const span = this.span(start, 2);
    let i = start + 2;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === STAR && text.charCodeAt(i + 1) === SLASH) {
        this.pos = i + 2;
        return;
      }
      if (c === LF || c === CR) {
        this.pos = i;
        this.newline(c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1);
        i = this.pos;
      } else i++;
    }
    this.pos = n;
    this.report(
      'WBEMMOF_E_UNRECOGNIZED_TOKEN',
      'Unterminated comment: expected "*/" before the end of the file.',
      span,
    );
  }

  /** Scans the next token into the current-token fields. */
  private scan(): void {
    for (;;) {
      this.skipTrivia();
      const nl = this.sawNewline;
      const text = this.text;
      const start = this.pos;
      const line = this.scanLine;
      const column = start - this.lineStart + 1;
      if (start >= text.length) return this.token('EOF', '', start, line, column, nl);
      this.sawNewline = false;
      const c = text.charCodeAt(start);

      const punct = PUNCTUATORS[c];
      if (punct !== undefined) {
        this.pos++;
        return this.token(punct, punct, start, line, column, nl);
      }
      if (isNameStart(c)) {
        let i = start + 1;
        while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
        this.pos = i;
        return this.token('Name', detached(text.slice(start, i)), start, line, column, nl);
      }
      if (c === QUOTE) return this.readString(start, line, column, nl);
      if (startsNumber(text, start)) return this.readNumber(start, line, column, nl);
      if (c === APOS) return this.readChar(start, line, column, nl);
      if (c === DOLLAR) {
        let i = start + 1;
        while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
        this.pos = i;
        return this.token('Alias', detached(text.slice(start + 1, i)), start, line, column, nl);
      }
      if (c === HASH && nl) {
        if (this.readDirective(start, line, column, nl)) return;
        // An unsupported preprocessor line was reported and skipped: it also ended a line.
        this.sawNewline = true;
        continue;
      }
      // Stray characters: one diagnostic for a whole run of them, then go on.
      let i = start + 1;
      while (i < text.length && this.isStray(i)) i++;
      this.pos = i;
      const what = i - start === 1 ? `character "${text[start]}"` : `characters "${clipText(text.slice(start, i))}"`;
      this.report(
        'WBEMMOF_E_UNRECOGNIZED_TOKEN',
        `Unexpected ${what}: expected a name, a literal or one of { } [ ] ( ) ; , : =.`,
        { offset: start, line, column, length: i - start },
      );
    }
  }

  private isStray(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return !(
      PUNCTUATORS[c] !== undefined ||
      isNameStart(c) ||
      startsNumber(this.text, at) ||
      c === QUOTE ||
      c === APOS ||
      c === DOLLAR ||
      isLineBreak(c) ||
      isBlank(c) ||
      c === SLASH
    );
  }

  private readNumber(start: number, line: number, column: number, nl: boolean): void {
    const r = scanNumber(this.text, start);
    this.pos = r.end;
    if (!r.valid) {
      this.report(
        'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE',
        `Invalid number "${clipText(this.text.slice(start, r.end))}": expected a decimal, 0x hex, 0 octal, b binary or real literal.`,
        { offset: start, line, column, length: r.end - start },
      );
    }
    return this.token(r.kind, r.value, start, line, column, nl);
  }

  /**
   * A string literal and the literals right after it: adjacent literals are one string
   * (`"a" "b"` is `"ab"`, DSP0004), and the DMTF schema writes every description as dozens of
   * them, so joining them here spares the parser a token per line.
   */
  private readString(start: number, line: number, column: number, nl: boolean): void {
    let value = this.readStringLiteral(start, line, column);
    let end = this.pos;
    // One list for every run of literals (a description is dozens of them), emptied after use.
    const parts = this.parts;
    for (;;) {
      this.skipTrivia();
      const next = this.pos;
      if (this.text.charCodeAt(next) !== QUOTE) break;
      // The line break was inside the string, not before the token after it.
      this.sawNewline = false;
      if (parts.length === 0) parts.push(value);
      parts.push(this.readStringLiteral(next, this.scanLine, next - this.lineStart + 1));
      end = this.pos;
    }
    // A joined value is a string of its own; a single literal is a slice of the text: copied.
    if (parts.length > 0) {
      value = parts.join('');
      parts.length = 0;
    } else {
      value = detached(value);
    }
    this.token('String', value, start, line, column, nl);
    this.end = end;
  }

  /** One `"…"` literal at `start`: its decoded content; `pos` ends after it. */
  private readStringLiteral(start: number, line: number, column: number): string {
    const text = this.text;
    const n = text.length;
    // Jumps, not a walk: the closing quote, the next backslash and the next line break are found
    // with indexOf (vectorised in engines), and the last three are remembered across literals, so
    // each is searched for once per occurrence however many literals lie before it.
    let i = start + 1;
    let seg = i;
    let parts: string[] | undefined;
    let close = -1;
    for (;;) {
      if (close < i) close = indexOrEnd(text, '"', i);
      if (this.nextBackslash < i) this.nextBackslash = indexOrEnd(text, '\\', i);
      if (this.nextLf < i) this.nextLf = indexOrEnd(text, '\n', i);
      if (this.nextCr < i) this.nextCr = indexOrEnd(text, '\r', i);
      const lineEnd = Math.min(this.nextLf, this.nextCr);
      const escape = this.nextBackslash;
      if (close < escape && close < lineEnd) {
        this.pos = close + 1;
        const last = text.slice(seg, close);
        if (parts === undefined) return last;
        parts.push(last);
        return parts.join('');
      }
      if (escape < lineEnd) {
        (parts ??= []).push(text.slice(seg, escape));
        i = scanEscape(text, escape, parts);
        seg = i;
        continue;
      }
      // A line break (or the end of the text) before the closing quote.
      this.pos = lineEnd;
      this.report(
        'WBEMMOF_E_UNRECOGNIZED_TOKEN',
        "Unterminated string: expected a closing '\"' before the end of the line.",
        { offset: start, line, column, length: Math.max(1, lineEnd - start) },
      );
      const last = text.slice(seg, Math.min(lineEnd, n));
      if (parts === undefined) return last;
      parts.push(last);
      return parts.join('');
    }
  }

  private readChar(start: number, line: number, column: number, nl: boolean): void {
    const r = scanChar(this.text, start);
    this.pos = r.end;
    if (r.problem !== undefined) {
      this.report(
        'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE',
        r.problem === 'invalid'
          ? `Invalid char16 literal ${clipText(this.text.slice(start, r.end))}: expected exactly one character between single quotes.`
          : 'Unterminated char16 literal: expected a closing "\'" on the same line.',
        { offset: start, line, column, length: Math.max(1, r.end - start) },
      );
    }
    return this.token('Char', r.value, start, line, column, nl);
  }

  /**
   * `#pragma` and `#include` become Directive tokens (their arguments are ordinary tokens).
   * Any other `#` line is C preprocessor input (`#define`, `#if`, …), which MOF does not have:
   * WDK builds run `cl /EP` before mofcomp. It is reported as WBEMMOF_E_INVALID_PRAGMA (mofcomp's
   * code for a `#` command it does not know) and the whole logical line, backslash continuations
   * included, is skipped.
   */
  private readDirective(start: number, line: number, column: number, nl: boolean): boolean {
    const text = this.text;
    const n = text.length;
    let i = start + 1;
    while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    const nameStart = i;
    while (i < n && isNameChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i);
    const lower = name.toLowerCase();
    if (lower === 'pragma' || lower === 'include') {
      this.pos = i;
      this.token('Directive', lower, start, line, column, nl);
      return true;
    }
    this.report(
      'WBEMMOF_E_INVALID_PRAGMA',
      `Unsupported C preprocessor directive "#${name}": MOF has only #pragma and #include; run the C preprocessor on this file first.`,
      { offset: start, line, column, length: i - start },
    );
    // Skip the logical line: a backslash before the line break continues it.
    for (;;) {
      let lastSignificant = -1;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === LF || c === CR) break;
        if (c !== SPACE && c !== TAB) lastSignificant = c;
        i++;
      }
      if (i >= n || lastSignificant !== BACKSLASH) break;
      const c = text.charCodeAt(i);
      this.pos = i;
      this.newline(c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1);
      i = this.pos;
    }
    this.pos = i;
    return false;
  }
}

/**
 * A copy of a slice that does not reference the text it was cut from. Names and literals end up
 * in the repository, and a slice (V8 slices strings of 13 characters and more) would keep its
 * whole file alive for as long as the repository holds it.
 */
function detached(s: string): string {
  // Shorter slices are copies already. A join of two parts builds one new flat string: the
  // repository keeps that string alone (flattening a concatenation would leave a slice of the
  // flattened copy around it, an object more per name for the garbage collector to move).
  if (s.length < 13) return s;
  JOIN[0] = s[0]!;
  JOIN[1] = s.slice(1);
  const copy = JOIN.join('');
  JOIN[1] = ''; // the slice holds its file's text
  return copy;
}

const JOIN = ['', ''];

function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

function clipText(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
