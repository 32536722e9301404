import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lexer } from './lexer';
import { scanEscape } from './scanLiteral';

/**
 * The plain reading of a string literal, a character at a time (what the lexer did before it
 * jumped with indexOf): the reference the lexer must agree with.
 */
function reference(text: string, start: number): { end: number; value: string; terminated: boolean } {
  let i = start + 1;
  let seg = i;
  const parts: string[] = [];
  for (;;) {
    const c = text.charCodeAt(i);
    if (i >= text.length || c === 10 || c === 13) break;
    if (c === 34) {
      parts.push(text.slice(seg, i));
      return { end: i + 1, value: parts.join(''), terminated: true };
    }
    if (c === 92) {
      parts.push(text.slice(seg, i));
      i = scanEscape(text, i, parts);
      seg = i;
    } else i++;
  }
  parts.push(text.slice(seg, i));
  return { end: i, value: parts.join(''), terminated: false };
}

/** Every string literal of `text` as the lexer reads it, one token per literal. */
function lexStrings(text: string): {
  tokens: Array<{ start: number; end: number; value: string }>;
  unterminated: number[];
} {
  const unterminated: number[] = [];
  const lexer = new Lexer(text, (code, message, span) => {
    if (message.startsWith('Unterminated string')) unterminated.push(span.offset);
  });
  const tokens: Array<{ start: number; end: number; value: string }> = [];
  for (let t = lexer.next(); t.kind !== 'EOF'; t = lexer.next()) {
    if (t.kind === 'String') tokens.push({ start: t.start, end: t.end, value: t.value });
  }
  return { tokens, unterminated };
}

describe('lexer: string literals read by jumps agree with a character-at-a-time reading', () => {
  // Literals separated by `;` (so adjacent literals are not joined), built from the characters
  // that matter: quotes, backslashes and escapes, both line breaks, ordinary text.
  const piece = fc.constantFrom('a', 'bc', ' ', '\\"', '\\\\', '\\n', '\\x41', '\\q', '\\', '"', '\n', '\r\n', '\r');
  const literal = fc.array(piece, { maxLength: 12 }).map((ps) => `"${ps.join('')}`);

  it('same value, end and unterminated report for every literal', () => {
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 8 }), (literals) => {
        const text = literals.join(';');
        const { tokens, unterminated } = lexStrings(text);
        for (const t of tokens) {
          const r = reference(text, t.start);
          // A token may join adjacent literals: its first literal is what the reference reads.
          if (t.end === r.end) expect(t.value).toBe(r.value);
          else expect(t.value.startsWith(r.value)).toBe(true);
          if (!r.terminated) expect(unterminated).toContain(t.start);
        }
        // Every report is at an opening quote the reference also finds unterminated.
        for (const at of unterminated) {
          expect(text[at]).toBe('"');
          expect(reference(text, at).terminated).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('one literal at the start of a text', () => {
    fc.assert(
      fc.property(literal, (lit) => {
        const text = `${lit};`;
        const r = reference(text, 0);
        const { tokens, unterminated } = lexStrings(text);
        const first = tokens[0]!;
        expect(first.start).toBe(0);
        // Joined with an adjacent literal (`"""` is `""` and `"…`), or exactly the reference's.
        if (first.end === r.end) expect(first.value).toBe(r.value);
        else expect(first.value.startsWith(r.value)).toBe(true);
        expect(unterminated.includes(0)).toBe(!r.terminated);
      }),
      { numRuns: 3000 },
    );
  });
});
