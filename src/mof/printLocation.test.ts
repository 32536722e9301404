import { describe, expect, it } from 'vitest';
import { formatDiagnostic, makeDiagnostic } from './diagnostics';
import { printLocation } from './printLocation';

describe('printLocation', () => {
  it('shows the line with a caret and one line of context either side', () => {
    const text = 'class Foo {\n    strin x\n};\n';
    expect(printLocation(text, 'x.mof', { offset: 16, line: 2, column: 5, length: 5 })).toBe(
      ['x.mof:2:5', '1 | class Foo {', '2 |     strin x', '  |     ^^^^^', '3 | };'].join('\n'),
    );
  });

  it('keeps tabs in the caret line and handles CRLF', () => {
    const text = 'a\r\n\tb c\r\nd';
    expect(printLocation(text, 'f', { offset: 6, line: 2, column: 4 })).toBe(
      ['f:2:4', '1 | a', '2 | \tb c', '  | \t  ^', '3 | d'].join('\n'),
    );
  });

  it('points past the end of the text at EOF', () => {
    expect(printLocation('class', 'f', { offset: 5, line: 1, column: 6 })).toBe(
      ['f:1:6', '1 | class', '  |      ^'].join('\n'),
    );
  });

  it('shows a long line as a window around the position, cut with …', () => {
    const text = `a\n${'x'.repeat(1000)}!${'y'.repeat(1000)}\nb`;
    const frame = printLocation(text, 'f', { offset: 1002, line: 2, column: 1001 }).split('\n');
    expect(frame[0]).toBe('f:2:1001');
    expect(frame[1]).toBe('1 | a');
    expect(frame[2]).toBe(`2 | …${'x'.repeat(200)}!${'y'.repeat(199)}…`);
    expect(frame[3]).toBe(`  | ${' '.repeat(201)}^`);
    expect(frame[4]).toBe('3 | b');
  });

  it('costs nothing proportional to the line: 10,000 frames into one 1 MB line', () => {
    const text = '@'.repeat(1_000_000);
    const t = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const offset = i * 100;
      const frame = printLocation(text, 'f', { offset, line: 1, column: offset + 1 });
      expect(frame.length).toBeLessThan(1000);
    }
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('pads line numbers to the widest', () => {
    const text = `${'\n'.repeat(8)}x\ny`;
    expect(printLocation(text, 'f', { offset: 8, line: 9, column: 1 }).split('\n')).toEqual([
      'f:9:1',
      ' 8 |',
      ' 9 | x',
      '   | ^',
      '10 | y',
    ]);
  });
});

describe('diagnostics', () => {
  it('carries the code, its HRESULT, the position and the frame', () => {
    const d = makeDiagnostic('WBEMMOF_E_EXPECTED_SEMI', 'Expected ";", found "}".', 'a.mof', 'x }', {
      offset: 2,
      line: 1,
      column: 3,
      length: 1,
    });
    expect(d).toMatchObject({ code: 'WBEMMOF_E_EXPECTED_SEMI', hr: 0x80044002, line: 1, column: 3, length: 1 });
    expect(formatDiagnostic(d)).toBe(
      'a.mof:1:3: WBEMMOF_E_EXPECTED_SEMI: Expected ";", found "}".\na.mof:1:3\n1 | x }\n  |   ^',
    );
  });
});
