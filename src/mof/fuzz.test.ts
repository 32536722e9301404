import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMofBytes } from './decodeMofBytes';
import type { MofDiagnostic } from './diagnostics';
import { Lexer } from './lexer';
import { parseMof } from './parseMof';

/**
 * Mutation fuzzing over real MOF: whatever is done to the text, parseMof returns (never
 * throws, never hangs) and every diagnostic points inside the text, its line and column
 * agreeing with its offset.
 */
const CORPUS = resolve(import.meta.dirname, '../../public/corpus');
const SEEDS = [
  'wmi-mof/Windows-classic-samples/Samples/Win7Samples/sysmgmt/wmi/vc/hiperfprovider/BasicHiPerf.Mof',
  'wmi-mof/Windows-classic-samples/Samples/Win7Samples/sysmgmt/wmi/vc/instprov/InstProv.Mof',
  'wmi-mof/Windows-classic-samples/Samples/ManagementInfrastructure/cpp/Sample.mof',
  'wmi-mof/omi/Unix/tests/codec/mof/blue/mofs/dscschema.mof',
  'wmi-mof/Windows-driver-samples/wmi/wmisamp/wmisamp.mof',
  'cim-schema/qualifiers.mof',
  'cim-schema/Core/CIM_ManagedElement.mof',
  'cim-schema/Core/CIM_LogicalDevice.mof',
].map((p) => {
  const bytes = new Uint8Array(readFileSync(join(CORPUS, p)));
  const text = decodeMofBytes(bytes);
  return { name: p, bytes, text, tokens: tokenSpans(text) };
});

function tokenSpans(text: string): Array<[number, number]> {
  const lexer = new Lexer(text, () => {});
  const spans: Array<[number, number]> = [];
  for (let t = lexer.next(); t.kind !== 'EOF'; t = lexer.next()) spans.push([t.start, t.end]);
  return spans;
}

const FRAGMENTS = [
  '{',
  '}',
  ';',
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  '=',
  '"',
  "'",
  '/*',
  '*/',
  '//',
  '$',
  '$A',
  '#',
  '\\',
  'class',
  'instance of',
  'qualifier',
  'ref',
  'as $X',
  'NULL',
  'TRUE',
  '0x',
  '-',
  '1.5e',
  '089',
  '\n#pragma',
  '\n#define X \\\n',
  '\n#pragma namespace(',
  'instance of X { e = instance of Y {',
  '\r',
  '\u0000',
  '\uFEFF',
  'é',
];

/** Line starts as the lexer counts them: LF, CRLF and CR end lines; a leading BOM is not a column. */
function lineStarts(text: string): number[] {
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

function checkPositions(text: string, diagnostics: readonly MofDiagnostic[]): void {
  const starts = lineStarts(text);
  for (const d of diagnostics) {
    expect(d.offset).toBeGreaterThanOrEqual(0);
    expect(d.offset).toBeLessThanOrEqual(text.length);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(starts.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(starts[d.line - 1]! + d.column - 1, `${d.code} ${d.line}:${d.column} ${d.message}`).toBe(d.offset);
    expect(typeof d.frame).toBe('string');
  }
}

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'insert'; at: number; what: string }
  | { op: 'swap'; a: number; b: number }
  | { op: 'truncate'; at: number }
  | { op: 'replace'; at: number; what: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    what: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })),
  }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), what: fc.constantFrom(...FRAGMENTS) }),
);

/** Applies token-level mutations (positions taken modulo the token count of the seed). */
function mutate(seed: (typeof SEEDS)[number], mutations: readonly Mutation[]): string {
  let text = seed.text;
  let spans = seed.tokens;
  for (const m of mutations) {
    if (spans.length === 0) break;
    const span = (i: number): [number, number] => spans[i % spans.length]!;
    switch (m.op) {
      case 'delete': {
        const [s, e] = span(m.at);
        text = text.slice(0, s) + text.slice(e);
        break;
      }
      case 'insert': {
        const [s] = span(m.at);
        text = `${text.slice(0, s)}${m.what} ${text.slice(s)}`;
        break;
      }
      case 'replace': {
        const [s, e] = span(m.at);
        text = text.slice(0, s) + m.what + text.slice(e);
        break;
      }
      case 'swap': {
        let [a, b] = [span(m.a), span(m.b)];
        if (a[0] > b[0]) [a, b] = [b, a];
        if (a[1] <= b[0])
          text =
            text.slice(0, a[0]) +
            text.slice(b[0], b[1]) +
            text.slice(a[1], b[0]) +
            text.slice(a[0], a[1]) +
            text.slice(b[1]);
        break;
      }
      case 'truncate':
        text = text.slice(0, span(m.at)[0]);
        break;
    }
    spans = tokenSpans(text);
  }
  return text;
}

const RUNS = { numRuns: 300 };

describe('parser fuzzing', () => {
  it('never throws on token-level mutations, and positions every diagnostic inside the text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, ms) => {
          const text = mutate(SEEDS[i]!, ms);
          const { diagnostics } = parseMof(text, 'fuzz.mof');
          checkPositions(text, diagnostics);
        },
      ),
      RUNS,
    );
  });

  it('never throws on random bytes spliced into the file', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.nat({ max: 32 }),
        (i, at, junk, drop) => {
          const bytes = SEEDS[i]!.bytes;
          const p = at % (bytes.length + 1);
          const mutated = new Uint8Array([
            ...bytes.subarray(0, p),
            ...junk,
            ...bytes.subarray(Math.min(bytes.length, p + drop)),
          ]);
          const text = decodeMofBytes(mutated);
          checkPositions(text, parseMof(text, 'bytes.mof').diagnostics);
        },
      ),
      RUNS,
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...FRAGMENTS, ' ', 'x', '1', '"a"'), maxLength: 60 }), (text) => {
        checkPositions(text, parseMof(text, 'str.mof').diagnostics);
      }),
      RUNS,
    );
  });

  it('reports a stray character inserted between tokens exactly where it is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.nat(),
        fc.constantFrom('@', '~', '`', '?'),
        (i, at, ch) => {
          const seed = SEEDS[i]!;
          const offset = seed.tokens[at % seed.tokens.length]![0];
          const text = `${seed.text.slice(0, offset)}${ch}${seed.text.slice(offset)}`;
          const { diagnostics } = parseMof(text, 'stray.mof');
          checkPositions(text, diagnostics);
          expect(diagnostics.some((d) => d.code === 'WBEMMOF_E_UNRECOGNIZED_TOKEN' && d.offset === offset)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('survives deep nesting without a stack overflow', () => {
    const deep = `instance of A { e = ${'instance of A { e = '.repeat(5000)}1;${' };'.repeat(5000)} };`;
    const { diagnostics } = parseMof(deep, 'deep.mof');
    expect(diagnostics[0]).toMatchObject({ code: 'WBEMMOF_E_INVALID_INSTANCE_DECLARATION', line: 1 });
    checkPositions(deep, diagnostics);
    const ok = `instance of A { e = ${'instance of A { e = '.repeat(50)}1;${' };'.repeat(50)} };`;
    expect(parseMof(ok, 'ok.mof').diagnostics).toEqual([]);
  });

  it('reports truncated declarations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.nat(), (i, at) => {
        const seed = SEEDS[i]!;
        // Cut just after an opening brace: the declaration can never be complete.
        const opens = seed.tokens.filter(([s]) => seed.text[s] === '{');
        fc.pre(opens.length > 0);
        const text = seed.text.slice(0, opens[at % opens.length]![1]);
        const { diagnostics } = parseMof(text, 'cut.mof');
        expect(diagnostics.length).toBeGreaterThan(0);
        checkPositions(text, diagnostics);
      }),
      RUNS,
    );
  });
});
