import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The command line as a user runs it: `node bin/classwright.mjs …` in a child process, against
 * the small fixtures next to this file (cwd), with repository files in a temporary directory.
 */
const BIN = resolve(import.meta.dirname, '../../bin/classwright.mjs');
const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const TMP = mkdtempSync(join(tmpdir(), 'classwright-cli-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cw(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: FIXTURES, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let n = 0;
const repoFile = () => join(TMP, `repo-${++n}.json`);

describe('classwright --help and bad command lines (exit 2)', () => {
  it('prints the usage with exit 0', async () => {
    const r = await cw('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: classwright <command>/);
    for (const c of ['check FILE', 'compile FILE', 'classes --json FILE', 'export']) expect(r.stdout).toContain(c);
  });

  it.each([
    [['frobnicate', 'x.mof'], /unknown command "frobnicate"/],
    [['compile', '--frob', 'shapes.mof'], /unknown switch "--frob"/],
    [['compile'], /compile needs at least one MOF file/],
    [['check'], /check needs at least one MOF file/],
    [['check', '--repo', 'r.json', 'shapes.mof'], /check does not take --repo/],
    [['compile', '-class:sometimes', 'shapes.mof'], /-class:sometimes: expected createonly, updateonly/],
    [['compile', '-class:createonly,updateonly', 'shapes.mof'], /createonly and updateonly exclude each other/],
    [['compile', '-class:safeupdate', '-class:forceupdate', 'shapes.mof'], /safeupdate and forceupdate exclude/],
    [['compile', '-N:', 'shapes.mof'], /-N: needs a namespace path/],
    [['compile', '-N:\\\\server\\root', 'shapes.mof'], /-N: needs a namespace path/],
    [['compile', '--repo'], /--repo needs a file name/],
    [['export', 'shapes.mof'], /export takes no files/],
    [['export', '--continue'], /export does not take --continue/],
    [['check', 'no-such-file.mof'], /cannot read no-such-file.mof: no such file/],
    [['compile', '--repo', join(TMP, 'never.json'), 'no-such-file.mof'], /cannot read no-such-file.mof/],
  ])('%j → exit 2', async (args, message) => {
    const r = await cw(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a repository file that is not a snapshot is exit 2', async () => {
    const bad = join(TMP, 'not-a-repo.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = await cw('export', '--repo', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a Classwright repository snapshot/);
  });
});

describe('classwright check', () => {
  it('exit 0 with one summary line per file, includes followed', async () => {
    const r = await cw('check', 'shapes.mof', 'include/main.mof');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'shapes.mof: syntax OK (1 file, 6 classes, 1 instance, 5 qualifier declarations)\n' +
        'include/main.mof: syntax OK (3 files, 2 classes, 0 instances, 0 qualifier declarations)\n',
    );
  });

  it('exit 3 with every syntax error: file:line:column, WBEMMOF code and a code frame', async () => {
    const r = await cw('check', 'shapes.mof', 'syntax-error.mof');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('shapes.mof: syntax OK');
    expect(r.stderr).toContain(
      [
        'syntax-error.mof:4:5: WBEMMOF_E_EXPECTED_SEMI: Expected ";" or "=", found "uint32".',
        'syntax-error.mof:4:5',
        '3 |     string Name',
        '4 |     uint32 Size;',
        '  |     ^^^^^^',
        '5 | };',
      ].join('\n'),
    );
    expect(r.stderr).toContain('syntax-error.mof:9:19: WBEMMOF_E_ILLEGAL_CONSTANT_VALUE');
    expect(r.stderr).toMatch(/2 syntax errors\.\n$/);
  });

  it('reports a missing include at the include pragma', async () => {
    const file = join(TMP, 'missing-include.mof');
    writeFileSync(file, '// x\n#pragma include ("nowhere.mof")\n');
    const r = await cw('check', file);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:2:18: WBEMMOF_E_INVALID_INCLUDE_FILE: Cannot find include file "nowhere.mof"`);
  });
});

describe('classwright compile', () => {
  it('creates the repository file, then updates it; createonly fails with the HRESULT and position', async () => {
    const repo = repoFile();
    const first = await cw('compile', '--repo', repo, 'shapes.mof');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(
      `shapes.mof: 6 classes, 1 instance, 5 qualifier declarations compiled\nCreated ${repo}.\n`,
    );
    const snap = JSON.parse(readFileSync(repo, 'utf8')) as { format: string; records: unknown[] };
    expect(snap.format).toBe('classwright-repository');

    const again = await cw('compile', '--repo', repo, 'shapes.mof');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Updated ${repo}.`);

    const before = readFileSync(repo, 'utf8');
    const createOnly = await cw('compile', '--repo', repo, '-class:createonly', 'shapes.mof');
    expect(createOnly.code).toBe(1);
    expect(createOnly.stderr).toMatch(
      /^shapes\.mof:9:1: WBEM_E_ALREADY_EXISTS: Demo_Element: Class Demo_Element already exists\.\n/,
    );
    expect(createOnly.stderr).toContain(`the compilation was rolled back and ${repo} left as it was`);
    expect(readFileSync(repo, 'utf8')).toBe(before);
  });

  it('atomic by default: a semantic failure stores nothing (exit 1)', async () => {
    const repo = repoFile();
    const r = await cw('compile', '--repo', repo, 'semantic-error.mof');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      [
        'semantic-error.mof:6:1: WBEM_E_INVALID_SUPERCLASS: Demo_Orphan: Superclass Demo_Missing of Demo_Orphan does not exist.',
        'semantic-error.mof:6:1',
        '5 |',
        '6 | class Demo_Orphan : Demo_Missing',
        '  | ^',
      ].join('\n'),
    );
    expect(existsSync(repo)).toBe(false);
  });

  it('--continue keeps what succeeded, reports every failure and still exits 1', async () => {
    const repo = repoFile();
    const r = await cw('compile', '--repo', repo, '--continue', 'semantic-error.mof');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'semantic-error.mof: 2 classes, 0 instances, 0 qualifier declarations compiled; 1 failure',
    );
    expect(r.stderr).toContain('everything else was kept (--continue)');
    const out = await cw('classes', '--json', '--repo', repo);
    expect(Object.keys((JSON.parse(out.stdout) as { classes: object }).classes)).toEqual([
      'Demo_AlsoFine',
      'Demo_Fine',
    ]);
  });

  it('a syntax error compiles nothing (exit 3), even in files listed before it', async () => {
    const repo = repoFile();
    const r = await cw('compile', '--repo', repo, 'shapes.mof', 'syntax-error.mof');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/2 syntax errors; nothing was compiled\.\n$/);
    expect(existsSync(repo)).toBe(false);
  });

  it('-N: names the namespace; missing ones are created under root with __NAMESPACE instances', async () => {
    const repo = repoFile();
    const r = await cw('compile', '--repo', repo, '-N:root\\Demo\\Shapes', 'shapes.mof');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'classwright: created namespace root\\Demo (an __NAMESPACE instance in root)\n' +
        'classwright: created namespace root\\Demo\\Shapes (an __NAMESPACE instance in root\\Demo)\n',
    );
    const inRoot = await cw('export', '--repo', repo, '-N:root');
    expect(inRoot.stdout).toContain('instance of __NAMESPACE\n{\n    Name = "Demo";\n};');
    const shapes = await cw('export', '--repo', repo, '-N:\\\\.\\root\\demo\\shapes');
    expect(shapes.code).toBe(0);
    expect(shapes.stdout).toMatch(/^#pragma namespace\("\\\\\\\\\.\\\\root\\\\Demo\\\\Shapes"\)\n/);
    expect(shapes.stdout).toContain('class Demo_Circle : Demo_Shape\n{\n    real64 Radius = 1.5;\n};');
    // The default namespace, root\default, stayed empty.
    const dflt = await cw('export', '--repo', repo);
    expect(dflt.stdout).toBe('#pragma namespace("\\\\\\\\.\\\\root\\\\default")\n');
  });

  it('follows includes relative to the including file (Windows separators, any letter case)', async () => {
    const repo = repoFile();
    const r = await cw('compile', '--repo', repo, 'include/main.mof');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('include/main.mof: 2 classes, 0 instances');
  });
});

describe('classwright classes --json', () => {
  it('prints effective classes: inherited names, keys, flags, lists sorted case-insensitively', async () => {
    const r = await cw('classes', '--json', 'shapes.mof');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { classes: Record<string, unknown>; errors: unknown[] };
    expect(Object.keys(out.classes)).toEqual([
      'Demo_Circle',
      'Demo_Contains',
      'Demo_Element',
      'Demo_Moved',
      'Demo_MovedFar',
      'Demo_Shape',
    ]);
    expect(out.classes['Demo_Circle']).toEqual({
      superclass: 'Demo_Shape',
      properties: ['Area', 'caption', 'Id', 'Name', 'Radius'],
      methods: ['Move', 'Scale'],
      keys: ['Id'],
      abstract: false,
      association: false,
      indication: false,
    });
    expect(out.classes['Demo_Element']).toMatchObject({ superclass: null, abstract: true, keys: [] });
    expect(out.classes['Demo_Contains']).toMatchObject({ association: true, keys: ['Inner', 'Outer'] });
    // Indication is passed down (ToSubClass); Abstract never is.
    expect(out.classes['Demo_MovedFar']).toMatchObject({ indication: true, properties: ['Distance', 'ShapeId'] });
    expect(out.classes['Demo_Shape']).toMatchObject({ abstract: false });
    expect(out.errors).toEqual([]);
  });

  it('lists failures in "errors" with HRESULT name and position, exit 1', async () => {
    const r = await cw('classes', '--json', '--continue', 'semantic-error.mof');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { classes: Record<string, unknown>; errors: unknown[] };
    expect(Object.keys(out.classes)).toEqual(['Demo_AlsoFine', 'Demo_Fine']);
    expect(out.errors).toEqual([
      {
        code: 'WBEM_E_INVALID_SUPERCLASS',
        hr: '0x8004100D',
        name: 'Demo_Orphan',
        file: 'semantic-error.mof',
        line: 6,
        column: 1,
        message: 'Superclass Demo_Missing of Demo_Orphan does not exist.',
      },
    ]);
  });

  it('syntax errors: no classes, the diagnostics in "errors", exit 3', async () => {
    const r = await cw('classes', '--json', 'syntax-error.mof');
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as { classes: object; errors: Array<{ code: string; line: number }> };
    expect(out.classes).toEqual({});
    expect(out.errors.map((e) => [e.code, e.line])).toEqual([
      ['WBEMMOF_E_EXPECTED_SEMI', 4],
      ['WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 9],
    ]);
  });

  it('reads --repo as a base and never writes it', async () => {
    const repo = repoFile();
    await cw('compile', '--repo', repo, 'include/Parts/base.mof');
    const before = readFileSync(repo, 'utf8');
    const r = await cw('classes', '--json', '--repo', repo, 'include/Parts/derived.mof');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { classes: Record<string, { keys: string[] }> };
    expect(Object.keys(out.classes)).toEqual(['Demo_Derived']);
    expect(out.classes['Demo_Derived']!.keys).toEqual(['Id']);
    expect(readFileSync(repo, 'utf8')).toBe(before);
    expect((await cw('classes', '--json', '--repo', join(TMP, 'absent.json'), 'shapes.mof')).code).toBe(2);
  });
});

describe('classwright export', () => {
  it('round trip: export, compile the export into a fresh repository, export again: identical', async () => {
    const repo = repoFile();
    expect((await cw('compile', '--repo', repo, 'shapes.mof', 'include/main.mof')).code).toBe(0);
    const first = await cw('export', '--repo', repo);
    expect(first.code).toBe(0);
    const exported = join(TMP, 'exported.mof');
    writeFileSync(exported, first.stdout);
    const repo2 = repoFile();
    expect((await cw('compile', '--repo', repo2, exported)).code).toBe(0);
    const second = await cw('export', '--repo', repo2);
    expect(second.stdout).toBe(first.stdout);
    // Dependency order: declarations, then superclasses before subclasses, then instances.
    const at = (s: string) => first.stdout.indexOf(s);
    expect(at('Qualifier Abstract')).toBeLessThan(at('class Demo_Element'));
    expect(at('class Demo_Element')).toBeLessThan(at('class Demo_Shape : Demo_Element'));
    expect(at('class Demo_Shape : Demo_Element')).toBeLessThan(at('class Demo_Circle : Demo_Shape'));
    expect(at('class Demo_Base')).toBeLessThan(at('class Demo_Derived : Demo_Base'));
    expect(at('class Demo_Circle')).toBeLessThan(at('instance of Demo_Circle'));
  });

  it('a namespace that does not exist is exit 1 with WBEM_E_INVALID_NAMESPACE; no repository file is exit 2', async () => {
    const repo = repoFile();
    await cw('compile', '--repo', repo, 'include/Parts/base.mof');
    const r = await cw('export', '--repo', repo, '-N:root\\nowhere');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('WBEM_E_INVALID_NAMESPACE: namespace root\\nowhere does not exist');
    const none = await cw('export', '--repo', join(TMP, 'absent.json'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no repository file');
  });
});
