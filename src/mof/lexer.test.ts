import { describe, expect, it } from 'vitest';
import type { DiagnosticSpan, MofErrorCode } from './diagnostics';
import { Lexer } from './lexer';
import type { Token } from './token';

interface Lexed {
  tokens: Token[];
  problems: Array<{ code: MofErrorCode; message: string } & DiagnosticSpan>;
}

function lex(text: string): Lexed {
  const problems: Lexed['problems'] = [];
  const lexer = new Lexer(text, (code, message, span) => problems.push({ code, message, ...span }));
  const tokens: Token[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t = lexer.next();
    if (t.kind === 'EOF') break;
    tokens.push(t);
  }
  return { tokens, problems };
}

const kv = (text: string): Array<[string, string]> => lex(text).tokens.map((t) => [t.kind, t.value]);

describe('lexer: literals', () => {
  it.each([
    ['42', 'Integer', '42'],
    ['-42', 'Integer', '-42'],
    ['+7', 'Integer', '7'],
    ['0', 'Integer', '0'],
    ['-0', 'Integer', '0'],
    ['0x1F', 'Integer', '31'],
    ['0X1f', 'Integer', '31'],
    ['-0x10', 'Integer', '-16'],
    ['010', 'Integer', '8'],
    ['-017', 'Integer', '-15'],
    ['1000001B', 'Integer', '65'],
    ['101b', 'Integer', '5'],
    ['0b', 'Integer', '0'],
    ['18446744073709551615', 'Integer', '18446744073709551615'],
    ['0xFFFFFFFFFFFFFFFF', 'Integer', '18446744073709551615'],
    ['1.5', 'Real', '1.5'],
    ['-1.2778E+02', 'Real', '-1.2778E+02'],
    ['.5', 'Real', '.5'],
    ['-.5', 'Real', '-.5'],
    ['3e10', 'Real', '3e10'],
    ['2.', 'Real', '2.'],
  ])('%s → %s %s', (text, kind, value) => {
    const { tokens, problems } = lex(text);
    expect(problems).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([[kind, value]]);
  });

  it.each([
    ['"abc"', 'abc'],
    ['""', ''],
    ['"a\\nb"', 'a\nb'],
    ['"tab\\there"', 'tab\there'],
    ['"q\\"q"', 'q"q'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"\\x41\\X42"', 'AB'],
    ['"\\x4133"', '\u4133'],
    ['"\\x41BCDE"', '\u41bcDE'],
    ["'\\''", "'"],
    ['"\\b\\f\\r"', '\b\f\r'],
    ['"\\d"', 'd'],
    ['"\\\\\\\\.\\\\root\\\\cimv2"', '\\\\.\\root\\cimv2'],
  ])('string %s', (text, value) => {
    const { tokens, problems } = lex(text);
    expect(problems).toEqual([]);
    expect(tokens[0]!.value).toBe(value);
  });

  it.each([
    ["'A'", 'A'],
    ["'\\n'", '\n'],
    ["'\\x4133'", '\u4133'],
    ["'\"'", '"'],
  ])('char16 %s', (text, value) => {
    const { tokens, problems } = lex(text);
    expect(problems).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([['Char', value]]);
  });

  it('lexes names, aliases and punctuation', () => {
    expect(kv('class Foo_1 : __Bar { } [ ] ( ) ; , = $MyAlias TRUE null')).toEqual([
      ['Name', 'class'],
      ['Name', 'Foo_1'],
      [':', ':'],
      ['Name', '__Bar'],
      ['{', '{'],
      ['}', '}'],
      ['[', '['],
      [']', ']'],
      ['(', '('],
      [')', ')'],
      [';', ';'],
      [',', ','],
      ['=', '='],
      ['Alias', 'MyAlias'],
      ['Name', 'TRUE'],
      ['Name', 'null'],
    ]);
  });

  it('joins adjacent strings, across lines and comments, into one token spanning them all', () => {
    const { tokens } = lex('x "a" "b"\n  // c\n  "c\\"d" y');
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['Name', 'x'],
      ['String', 'abc"d'],
      ['Name', 'y'],
    ]);
    expect(tokens[1]).toMatchObject({ start: 2, line: 1, column: 3, newlineBefore: false });
    expect(tokens[1]!.end).toBe(tokens[2]!.start - 1);
    // The line breaks were inside the string, not before `y`.
    expect(tokens[2]!.newlineBefore).toBe(false);
  });

  it('reports an unterminated literal inside a run of adjacent ones at its own position', () => {
    const problems: string[] = [];
    const lx = new Lexer('"a"\n"b\n"c"', (code, _m, span) => problems.push(`${code}@${span.line}:${span.column}`));
    const t = lx.next();
    expect([t.kind, t.value]).toEqual(['String', 'abc']);
    expect(problems).toEqual(['WBEMMOF_E_UNRECOGNIZED_TOKEN@2:1']);
  });
});

describe('lexer: trivia, lines and columns', () => {
  it('skips // and /* */ comments', () => {
    expect(kv('a // x\n/* y\n z */ b /**/c')).toEqual([
      ['Name', 'a'],
      ['Name', 'b'],
      ['Name', 'c'],
    ]);
  });

  it.each([
    ['LF', 'a\nb\n  c'],
    ['CRLF', 'a\r\nb\r\n  c'],
    ['CR', 'a\rb\r  c'],
  ])('counts lines with %s line ends', (_name, text) => {
    const { tokens } = lex(text);
    expect(tokens.map((t) => [t.line, t.column, t.newlineBefore])).toEqual([
      [1, 1, true],
      [2, 1, true],
      [3, 3, true],
    ]);
  });

  it('positions tokens after multi-line comments', () => {
    const { tokens } = lex('/* one\r\ntwo */ x');
    expect(tokens[0]).toMatchObject({ line: 2, column: 8, start: 15, end: 16 });
  });

  it('reads a BOM left in the text as nothing', () => {
    expect(lex('\uFEFFclass').tokens[0]).toMatchObject({ kind: 'Name', column: 1 });
  });

  it('reads a backslash ending a line outside strings as a line splice', () => {
    const { tokens, problems } = lex('a, \\\n b');
    expect(problems).toEqual([]);
    expect(tokens.map((t) => t.value)).toEqual(['a', ',', 'b']);
  });
});

describe('lexer: directives', () => {
  it.each([
    ['#pragma namespace("x")', 'pragma'],
    ['#PRAGMA AUTORECOVER', 'pragma'],
    ['  #  pragma x', 'pragma'],
    ['#include ("a.mof")', 'include'],
  ])('%s is a directive', (text, value) => {
    const { tokens, problems } = lex(text);
    expect(problems).toEqual([]);
    expect(tokens[0]).toMatchObject({ kind: 'Directive', value });
  });

  it.each([
    ['#define X 1\nclass', 1, 1, '#define'],
    ['#if 0\nclass', 1, 1, '#if'],
    ['  #ifdef FOO\nclass', 1, 3, '#ifdef'],
    ['#endif\nclass', 1, 1, '#endif'],
    ['#undef X\nclass', 1, 1, '#undef'],
    ['#error boom\nclass', 1, 1, '#error'],
    ['#line 12\nclass', 1, 1, '#line'],
  ])('reports %j as an unsupported C preprocessor directive and skips its line', (text, line, column, name) => {
    const { tokens, problems } = lex(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'WBEMMOF_E_INVALID_PRAGMA', line, column, length: name.length });
    expect(problems[0]!.message).toContain(`"${name}"`);
    expect(tokens.map((t) => [t.value, t.line])).toEqual([['class', 2]]);
  });

  it('skips backslash-continued #define lines as one logical line', () => {
    const text = '#define Q \\\n  Description("x") : amended, \\\r\n  Values {"a"}\nclass';
    const { tokens, problems } = lex(text);
    expect(problems).toHaveLength(1);
    expect(tokens.map((t) => [t.value, t.line, t.column])).toEqual([['class', 4, 1]]);
  });

  it('only reads # as a directive at the start of a line', () => {
    const { tokens, problems } = lex('a #pragma');
    expect(problems.map((p) => p.code)).toEqual(['WBEMMOF_E_UNRECOGNIZED_TOKEN']);
    expect(tokens.map((t) => t.value)).toEqual(['a', 'pragma']);
  });
});

describe('lexer: problems never stop it', () => {
  it.each([
    ['"abc', 'WBEMMOF_E_UNRECOGNIZED_TOKEN', 1, 1],
    ['x = "abc\ny', 'WBEMMOF_E_UNRECOGNIZED_TOKEN', 1, 5],
    ['/* never closed', 'WBEMMOF_E_UNRECOGNIZED_TOKEN', 1, 1],
    ["'ab'", 'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 1, 1],
    ["''", 'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 1, 1],
    ["'a", 'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 1, 1],
    ['12abc', 'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 1, 1],
    ['0x', 'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 1, 1],
    ['089', 'WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 1, 1],
    ['a @@ b', 'WBEMMOF_E_UNRECOGNIZED_TOKEN', 1, 3],
  ])('%j → %s at %d:%d', (text, code, line, column) => {
    const { problems } = lex(text);
    expect(problems[0]).toMatchObject({ code, line, column });
  });

  it('reports a run of stray characters once', () => {
    expect(lex('@@@ ~~').problems).toHaveLength(2);
  });

  it('ends at EOF on any input', () => {
    const { tokens } = lex('\u0000\u0001 "\\');
    expect(tokens.length).toBeLessThan(5);
  });
});
