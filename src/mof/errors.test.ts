import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WBEMSTATUS } from '../errors/wbem';
import { parseMof } from './parseMof';

/**
 * Negative fixtures: one small file per error kind in fixtures/errors/, each starting with
 * `// expect: WBEMMOF_E_CODE line:column` — the first diagnostic the file must produce.
 */
const DIR = join(import.meta.dirname, 'fixtures', 'errors');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.mof'))
  .sort()
  .map((f) => {
    const text = readFileSync(join(DIR, f), 'utf8');
    const m = /^\/\/ expect: (WBEMMOF_E_\w+) (\d+):(\d+)/.exec(text);
    if (m === null) throw new Error(`${f}: missing "// expect: CODE line:column" header`);
    return { file: f, text, code: m[1]!, line: Number(m[2]), column: Number(m[3]) };
  });

describe('negative fixtures', () => {
  it('has a fixture for every kind of error', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
  });

  it.each(fixtures)('$file → $code at $line:$column', ({ file, text, code, line, column }) => {
    const { diagnostics } = parseMof(text, file);
    expect(diagnostics.length).toBeGreaterThan(0);
    const d = diagnostics[0]!;
    expect({ code: d.code, line: d.line, column: d.column }).toEqual({ code, line, column });
    expect(d.hr).toBe(WBEMSTATUS[d.code]);
    expect(d.file).toBe(file);
    expect(d.frame).toContain(`${file}:${line}:${column}`);
    expect(d.frame).toMatch(/\^/);
    expect(d.message.length).toBeGreaterThan(10);
  });
});

describe('error recovery', () => {
  it('reports every error of a file in one pass and keeps the good declarations', () => {
    const text = [
      'class A {', // 1
      '  string x', // 2: missing ;
      '  uint32 y;', // 3
      '  [Key string z;', // 4: missing ]
      '  boolean ok;', // 5
      '};', // 6
      'class B : { };', // 7: missing superclass name
      'class C { string c; };', // 8
      'instance of C { c = unquoted; };', // 9
      'class D { sint8 d = 300; };', // 10
      '#define NOPE 1', // 11
      'class E {', // 12: missing }
      'class F { };', // 13
    ].join('\n');
    const { document, diagnostics } = parseMof(text, 'multi.mof');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['WBEMMOF_E_EXPECTED_SEMI', 3, 3],
      ['WBEMMOF_E_EXPECTED_CLOSE_BRACKET', 4, 8],
      ['WBEMMOF_E_EXPECTED_CLASS_NAME', 7, 11],
      ['WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 9, 21],
      ['WBEMMOF_E_OUT_OF_RANGE', 10, 21],
      ['WBEMMOF_E_INVALID_PRAGMA', 11, 1],
      ['WBEMMOF_E_EXPECTED_CLOSE_BRACE', 13, 1],
    ]);
    const names = document.definitions.map((d) => ('name' in d && typeof d.name === 'object' ? d.name.value : d.kind));
    expect(names).toEqual(['A', 'C', 'InstanceDeclaration', 'D', 'F']);
    const a = document.definitions[0]!;
    // `uint32 y;` is skipped with the statement that lacks its `;` (resynchronisation at the next `;`).
    expect(a.kind === 'ClassDeclaration' && a.features.map((f) => f.name.value)).toEqual(['ok']);
  });

  it('recovers inside instance bodies and nested embedded instances', () => {
    const text =
      'instance of A {\n  x = 1;\n  e = instance of B { p = ; q = 2; };\n  y = @;\n  z = 3;\n};\ninstance of A { };';
    const { document, diagnostics } = parseMof(text, 'i.mof');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 3, 27],
      ['WBEMMOF_E_UNRECOGNIZED_TOKEN', 4, 7],
      ['WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 4, 8],
    ]);
    expect(document.definitions).toHaveLength(2);
  });

  it('names what was expected and what was found', () => {
    const { diagnostics } = parseMof('class A { string x = 1 }', 'm.mof');
    expect(diagnostics[0]!.message).toBe('Expected ";", found "}".');
    expect(parseMof('class', 'm.mof').diagnostics[0]!.message).toBe('Expected a class name, found <EOF>.');
    expect(parseMof('[Key(] class A {};', 'm.mof').diagnostics[0]!.message).toBe('Expected a value, found "]".');
  });
});
