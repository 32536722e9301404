import { describe, expect, it } from 'vitest';
import type { PragmaNode } from './ast';
import { parseMofFiles, type MofFileSource } from './parseMofFiles';

/** An in-memory file system with POSIX-like paths; `..` and `.` are resolved. */
function memory(files: Record<string, string | Uint8Array>, reads: string[] = []): MofFileSource {
  return {
    read: (path) => {
      reads.push(path);
      return Promise.resolve(files[path]);
    },
    resolve: (from, include) => {
      const parts = include.startsWith('/') ? [] : from.split('/').slice(0, -1);
      for (const p of include.split('/')) {
        if (p === '..') parts.pop();
        else if (p !== '.' && p !== '') parts.push(p);
      }
      return `/${parts.filter(Boolean).join('/')}`;
    },
  };
}

const includes = (
  docFile: string,
  docs: ReadonlyArray<{ file: string; definitions: readonly unknown[] }>,
): Array<string | undefined> =>
  (docs.find((d) => d.file === docFile)!.definitions as PragmaNode[])
    .filter((d) => d.kind === 'Pragma' && d.name === 'include')
    .map((d) => d.resolved);

describe('parseMofFiles', () => {
  it('follows includes relative to the including file, in order, depth first', async () => {
    const reads: string[] = [];
    const src = memory(
      {
        '/s/main.mof': '#pragma include ("quals/q.mof")\n#include ("sub/a.mof")\nclass Main { };',
        '/s/quals/q.mof': 'Qualifier Key : boolean = false, Scope(property);',
        '/s/sub/a.mof': '#pragma include("../sub/b.mof")\nclass A { };',
        '/s/sub/b.mof': 'class B { };',
      },
      reads,
    );
    const { documents, diagnostics } = await parseMofFiles('/s/main.mof', src);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.file)).toEqual(['/s/main.mof', '/s/quals/q.mof', '/s/sub/a.mof', '/s/sub/b.mof']);
    expect(includes('/s/main.mof', documents)).toEqual(['/s/quals/q.mof', '/s/sub/a.mof']);
    expect(includes('/s/sub/a.mof', documents)).toEqual(['/s/sub/b.mof']);
    expect(new Set(reads).size).toBe(reads.length); // each file read once
  });

  it('reads bytes by their BOM', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'class U { };'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const { documents, diagnostics } = await parseMofFiles(
      '/m.mof',
      memory({ '/m.mof': '#include("u.mof")', '/u.mof': utf16 }),
    );
    expect(diagnostics).toEqual([]);
    expect(documents[1]!.definitions[0]).toMatchObject({ kind: 'ClassDeclaration', name: { value: 'U' } });
  });

  it('parses a file included twice once, and marks both includes', async () => {
    const { documents, diagnostics } = await parseMofFiles(
      '/m.mof',
      memory({
        '/m.mof': '#include("q.mof")\n#include("a.mof")',
        '/a.mof': '#include("q.mof")',
        '/q.mof': 'class Q { };',
      }),
    );
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.file)).toEqual(['/m.mof', '/q.mof', '/a.mof']);
    expect(includes('/a.mof', documents)).toEqual(['/q.mof']);
  });

  it('reports a missing include at its position and goes on', async () => {
    const { documents, diagnostics } = await parseMofFiles(
      '/m.mof',
      memory({ '/m.mof': 'class A { };\n  #pragma include ("nope.mof")\nclass B { };' }),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'WBEMMOF_E_INVALID_INCLUDE_FILE',
      file: '/m.mof',
      line: 2,
      column: 20,
    });
    expect(diagnostics[0]!.message).toContain('"nope.mof"');
    expect(documents[0]!.definitions).toHaveLength(3);
    expect(includes('/m.mof', documents)).toEqual([undefined]);
  });

  it('detects include cycles', async () => {
    const { documents, diagnostics } = await parseMofFiles(
      '/a.mof',
      memory({
        '/a.mof': '#include("b.mof")\nclass A { };',
        '/b.mof': 'class B { };\n#include("a.mof")',
        '/self.mof': '',
      }),
    );
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['WBEMMOF_E_INVALID_INCLUDE_FILE', '/b.mof', 2, 10],
    ]);
    expect(diagnostics[0]!.message).toContain('/a.mof → /b.mof → /a.mof');
    expect(documents.map((d) => d.file)).toEqual(['/a.mof', '/b.mof']);
    expect(includes('/b.mof', documents)).toEqual([undefined]);
  });

  it('detects a file including itself', async () => {
    const { diagnostics } = await parseMofFiles('/a.mof', memory({ '/a.mof': '#include("./a.mof")' }));
    expect(diagnostics.map((d) => d.code)).toEqual(['WBEMMOF_E_INVALID_INCLUDE_FILE']);
  });

  it('reports an unreadable entry file', async () => {
    const { documents, diagnostics } = await parseMofFiles('/none.mof', memory({}));
    expect(documents).toEqual([]);
    expect(diagnostics[0]).toMatchObject({
      code: 'WBEMMOF_E_INVALID_INCLUDE_FILE',
      file: '/none.mof',
      line: 1,
      column: 1,
    });
  });

  it('turns a throwing source into diagnostics', async () => {
    const src: MofFileSource = {
      read: (p) =>
        p === '/m.mof'
          ? Promise.resolve('#include("x.mof")\n#include("y.mof")')
          : Promise.reject(new Error('disk on fire')),
      resolve: (_f, i) => {
        if (i === 'y.mof') throw new Error('bad path');
        return `/${i}`;
      },
    };
    const { diagnostics } = await parseMofFiles('/m.mof', src);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, 'Cannot find include file "x.mof" (/x.mof): disk on fire.'],
      [2, 'Cannot resolve include "y.mof": bad path.'],
    ]);
  });

  it('collects the diagnostics of every file: its own first, then those of its includes', async () => {
    const { diagnostics } = await parseMofFiles(
      '/m.mof',
      memory({ '/m.mof': '#include("a.mof")\nclass M { string x };', '/a.mof': 'class A { uint8 a = 300; };' }),
    );
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['/m.mof', 'WBEMMOF_E_EXPECTED_SEMI'],
      ['/a.mof', 'WBEMMOF_E_OUT_OF_RANGE'],
    ]);
  });

  it('checks aliases across files', async () => {
    const good = await parseMofFiles(
      '/m.mof',
      memory({ '/m.mof': 'instance of A { r = $P; };\n#include("p.mof")', '/p.mof': 'instance of P as $P { };' }),
    );
    expect(good.diagnostics).toEqual([]);
    const bad = await parseMofFiles(
      '/m.mof',
      memory({
        '/m.mof': '#include("p.mof")\ninstance of A { r = $Q; };',
        '/p.mof': 'instance of P as $P { r = $Q; };',
      }),
    );
    expect(bad.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['WBEMMOF_E_UNEXPECTED_ALIAS', '/m.mof', 2],
      ['WBEMMOF_E_UNEXPECTED_ALIAS', '/p.mof', 1],
    ]);
  });
});
