import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { HR, hrHex, hrName } from '../errors/wbem';
import { compareNames, nameKey } from '../model';
import type { MofDocument } from '../mof/ast';
import type { MofCompileFailure } from '../mof/compileMof';
import { formatDiagnostic, type MofDiagnostic } from '../mof/diagnostics';
import { parseMofFiles } from '../mof/parseMofFiles';
import { printNamespace } from '../mof/print/printNamespace';
import { mofString } from '../mof/print/printValue';
import { printLocation } from '../mof/printLocation';
import { Repository } from '../repository/Repository';
import { loadSnapshot, takeSnapshot, type RepositorySnapshot } from '../repository/snapshot';
import { connectServer } from '../service/connectServer';
import { applyMof, type MofImportResult } from '../service/importMof';
import { parseArgs, type CliOptions } from './args';
import { summarizeClass, type ClassSummary } from './classSummary';
import { nodeFileSource, type NodeFileSource } from './nodeFileSource';

/** Where the command line writes: process streams, or buffers in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes (issue 3, item 6). */
export const EXIT = { OK: 0, SEMANTIC: 1, USAGE: 2, SYNTAX: 3 } as const;

/** The repository file of `compile` and `export` when --repo is not given. */
export const DEFAULT_REPO = 'classwright-repo.json';
/** mofcomp's default namespace. */
export const DEFAULT_NAMESPACE = 'root\\default';
const USER = 'Administrator';
const LOCALE = 0x409;

export const USAGE = `Usage: classwright <command> [switches] FILE…

Commands
  check FILE…            Syntax only, like mofcomp -check: every error with file:line:column
                         and a code frame. Exit 0, or 3 on a syntax error.
  compile FILE…          Compile into a repository file (created if absent).
      --repo FILE        The repository snapshot (default: ./${DEFAULT_REPO}).
      -N:namespace       Namespace before any #pragma namespace (default: root\\default, as
                         mofcomp). A namespace that does not exist is created under root with
                         __NAMESPACE instances, level by level (mofcomp requires it to exist).
      -class:MODE        createonly | updateonly | safeupdate | forceupdate (PutClass flags
                         until a #pragma classflags; updateonly,safeupdate combines).
      -instance:MODE     createonly | updateonly (PutInstance flags).
      --continue         Keep what succeeds and report every failure, as mofcomp does. Without
                         it the compilation is atomic: the first failure stores nothing.
  classes --json FILE…   Compile into a scratch copy (of --repo when given; never written) and
                         print the effective classes the files declared, as one JSON object:
                         {"classes": {Name: {superclass, properties, methods, keys, abstract,
                         association, indication}}, "errors": [...]}. Without files: every user
                         class of the -N namespace. Takes --repo, -N:, -class:, -instance:, --continue.
  export                 MOF of one namespace (-N:, default root\\default) of the repository file
                         to standard output: qualifier declarations, classes superclass first,
                         instances. Takes --repo, -N:.

Files are compiled in the order given, each as mofcomp compiles one file (its own
#pragma namespace state, one transaction), after all of them were parsed: a syntax error
anywhere compiles nothing. Includes are resolved relative to the including file.

Exit codes: 0 success; 1 a semantic failure (each printed with its HRESULT name and
file:line:column); 2 bad command line (unknown switch, missing file or repository);
3 a syntax error.
`;

const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Runs one command line; resolves to the exit code. Never throws for bad input. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`classwright: ${parsed.error}\nRun "classwright --help" for usage.\n`);
    return EXIT.USAGE;
  }
  const o = parsed.options;
  try {
    switch (o.command) {
      case 'help':
        io.stdout(USAGE);
        return EXIT.OK;
      case 'check':
        return await check(o, io);
      case 'compile':
        return await compile(o, io);
      case 'classes':
        return await classes(o, io);
      case 'export':
        return await exportNamespace(o, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`classwright: ${e.message}\n`);
      return EXIT.USAGE;
    }
    throw e;
  }
}

/** A problem with what the command line names (a file, the repository): exit code 2. */
class UsageError extends Error {}

// -- Parsing

interface ParsedFile {
  readonly file: string;
  readonly documents: readonly MofDocument[];
}

interface ParseOutcome {
  readonly files: readonly ParsedFile[];
  readonly diagnostics: readonly MofDiagnostic[];
  readonly source: NodeFileSource;
}

async function parseAll(files: readonly string[]): Promise<ParseOutcome> {
  const source = nodeFileSource();
  await requireFiles(files, source);
  const out: ParsedFile[] = [];
  const diagnostics: MofDiagnostic[] = [];
  for (const file of files) {
    const r = await parseMofFiles(file, source);
    out.push({ file, documents: r.documents });
    diagnostics.push(...r.diagnostics);
  }
  return { files: out, diagnostics, source };
}

/** Every file the command line names must be readable: exit code 2 otherwise, before any work. */
async function requireFiles(files: readonly string[], source: NodeFileSource): Promise<void> {
  for (const f of files) {
    let data;
    try {
      data = await source.read(f);
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (data === undefined) throw new UsageError(`cannot read ${f}: no such file`);
  }
}

function printDiagnostics(diagnostics: readonly MofDiagnostic[], io: CliIo): void {
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n\n`);
  const n = diagnostics.length;
  io.stderr(`${n} syntax error${n === 1 ? '' : 's'}; nothing was compiled.\n`);
}

function countDeclarations(files: readonly ParsedFile[]) {
  let classes = 0;
  let instances = 0;
  let qualifiers = 0;
  for (const f of files)
    for (const d of f.documents)
      for (const def of d.definitions) {
        if (def.kind === 'ClassDeclaration') classes++;
        else if (def.kind === 'InstanceDeclaration') instances++;
        else if (def.kind === 'QualifierDeclaration') qualifiers++;
      }
  return { classes, instances, qualifiers };
}

async function check(o: CliOptions, io: CliIo): Promise<number> {
  const source = nodeFileSource();
  await requireFiles(o.files, source);
  let errors = 0;
  for (const file of o.files) {
    const r = await parseMofFiles(file, source);
    if (r.diagnostics.length > 0) {
      for (const d of r.diagnostics) io.stderr(`${formatDiagnostic(d)}\n\n`);
      errors += r.diagnostics.length;
      continue;
    }
    const c = countDeclarations([{ file, documents: r.documents }]);
    io.stdout(
      `${file}: syntax OK (${plural(r.documents.length, 'file')}, ${plural(c.classes, 'class', 'classes')}, ` +
        `${plural(c.instances, 'instance')}, ${plural(c.qualifiers, 'qualifier declaration')})\n`,
    );
  }
  if (errors === 0) return EXIT.OK;
  io.stderr(`${plural(errors, 'syntax error')}.\n`);
  return EXIT.SYNTAX;
}

// -- Repository files

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function loadRepository(path: string): Promise<Repository> {
  let snapshot: RepositorySnapshot;
  try {
    snapshot = JSON.parse(await readFile(path, 'utf8')) as RepositorySnapshot;
  } catch (e) {
    throw new UsageError(`cannot read the repository ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const repo = new Repository();
  try {
    loadSnapshot(repo, snapshot);
  } catch (e) {
    throw new UsageError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return repo;
}

async function saveRepository(repo: Repository, path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(takeSnapshot(repo))}\n`);
  await rename(tmp, path);
}

/**
 * Creates `path` and any missing parent under root with `__NAMESPACE` instances, as a MOF
 * `instance of __NAMESPACE { Name = "x"; };` in the parent would (the documented -N: choice).
 */
async function ensureNamespace(repo: Repository, path: string, io: CliIo): Promise<string> {
  const parts = path.split('\\');
  let current = repo.state.ns(parts[0]!)!.path;
  for (const part of parts.slice(1)) {
    const next = `${current}\\${part}`;
    if (!repo.state.ns(next)) {
      const r = await connectServer(repo, current).services!.importMof(
        `instance of __NAMESPACE { Name = ${mofString(part)}; };`,
      );
      if (r.hr !== 0 || !repo.state.ns(next)) {
        throw new UsageError(
          `-N:${path}: cannot create namespace ${next}: ${hrName(r.hr)}${r.errorObject ? ` — ${r.errorObject.Description}` : ''}`,
        );
      }
      io.stderr(`classwright: created namespace ${next} (an __NAMESPACE instance in ${current})\n`);
    }
    current = repo.state.ns(next)!.path;
  }
  return current;
}

// -- Compiling

interface CompileRun {
  readonly results: ReadonlyArray<{ readonly file: string; readonly result: MofImportResult }>;
  readonly failures: readonly MofCompileFailure[];
}

/** Applies each parsed file as its own import; atomic mode stops at the first failing file. */
async function applyFiles(
  repo: Repository,
  namespace: string,
  files: readonly ParsedFile[],
  o: CliOptions,
): Promise<CompileRun> {
  const results: Array<{ file: string; result: MofImportResult }> = [];
  const failures: MofCompileFailure[] = [];
  for (const f of files) {
    const result = await applyMof({ repo, namespace, user: USER, locale: LOCALE }, f.documents, {
      ...(o.continueOnError ? { continueOnError: true } : {}),
      ...(o.classFlags !== undefined ? { classFlags: o.classFlags } : {}),
      ...(o.instanceFlags !== undefined ? { instanceFlags: o.instanceFlags } : {}),
    });
    results.push({ file: f.file, result });
    failures.push(...result.failures);
    if (result.failures.length > 0 && !o.continueOnError) break;
  }
  return { results, failures };
}

/** `file:line:col: WBEM_E_X: name: description`, then the code frame when the file is at hand. */
function formatFailure(f: MofCompileFailure, source: NodeFileSource): string {
  const why = f.errorObject?.Description ?? f.message;
  const head = `${f.loc.file}:${f.loc.line}:${f.loc.column}: ${hrName(f.hr)}: ${f.name}: ${why}`;
  const text = source.text(f.loc.file);
  if (text === undefined) return head;
  return `${head}\n${printLocation(text, f.loc.file, { ...f.loc, offset: offsetOf(text, f.loc.line, f.loc.column) })}`;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let l = 1; l < line; l++) {
    const lf = text.indexOf('\n', offset);
    const cr = text.indexOf('\r', offset);
    if (lf < 0 && cr < 0) return text.length;
    // A line ends at LF, CRLF or a lone CR, as the lexer counts lines.
    if (cr >= 0 && (lf < 0 || cr < lf)) offset = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    else offset = lf + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

async function compile(o: CliOptions, io: CliIo): Promise<number> {
  const repoPath = o.repo ?? DEFAULT_REPO;
  const fresh = !(await exists(repoPath));
  const repo = fresh ? new Repository() : await loadRepository(repoPath);
  const parsed = await parseAll(o.files);
  if (parsed.diagnostics.length > 0) {
    printDiagnostics(parsed.diagnostics, io);
    return EXIT.SYNTAX;
  }
  const namespace = await ensureNamespace(repo, o.namespace ?? DEFAULT_NAMESPACE, io);
  const run = await applyFiles(repo, namespace, parsed.files, o);
  for (const f of run.failures) io.stderr(`${formatFailure(f, parsed.source)}\n\n`);
  for (const { file, result } of run.results) {
    io.stdout(
      `${file}: ${plural(result.classes, 'class', 'classes')}, ${plural(result.instances, 'instance')}, ` +
        `${plural(result.qualifiers, 'qualifier declaration')} compiled` +
        `${result.failures.length ? `; ${plural(result.failures.length, 'failure')}` : ''}\n`,
    );
  }
  if (run.failures.length > 0 && !o.continueOnError) {
    io.stderr(
      `${plural(run.failures.length, 'failure')}; the compilation was rolled back and ${repoPath} left as it was.\n`,
    );
    return EXIT.SEMANTIC;
  }
  await saveRepository(repo, repoPath);
  io.stdout(`${fresh ? 'Created' : 'Updated'} ${repoPath}.\n`);
  if (run.failures.length > 0) {
    io.stderr(`${plural(run.failures.length, 'failure')}; everything else was kept (--continue).\n`);
    return EXIT.SEMANTIC;
  }
  return EXIT.OK;
}

// -- classes --json

interface JsonError {
  readonly code: string;
  readonly hr: string;
  readonly name?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

function diagnosticJson(d: MofDiagnostic): JsonError {
  return { code: d.code, hr: hrHex(d.hr), file: d.file, line: d.line, column: d.column, message: d.message };
}

function failureJson(f: MofCompileFailure): JsonError {
  return {
    code: hrName(f.hr),
    hr: hrHex(f.hr),
    name: f.name,
    file: f.loc.file,
    line: f.loc.line,
    column: f.loc.column,
    message: f.errorObject?.Description ?? f.message,
  };
}

/** The `classes` object: effective classes by name, in case-insensitive name order. */
export function classesObject(
  repo: Repository,
  which: ReadonlyArray<{ readonly ns: string; readonly name: string }>,
): Record<string, ClassSummary> {
  const found: Array<[string, ClassSummary]> = [];
  for (const { ns, name } of which) {
    const c = repo.state.ns(ns)?.resolve(name);
    if (c) found.push([c.name, summarizeClass(c)]);
  }
  found.sort(([a], [b]) => compareNames(a, b));
  return Object.fromEntries(found);
}

async function classes(o: CliOptions, io: CliIo): Promise<number> {
  if (o.repo !== undefined && !(await exists(o.repo))) throw new UsageError(`no repository file ${o.repo}`);
  const repo = o.repo !== undefined ? await loadRepository(o.repo) : new Repository();
  const parsed = await parseAll(o.files);
  const emit = (cls: Record<string, ClassSummary>, errors: readonly JsonError[]) => {
    if (o.json) io.stdout(`${JSON.stringify({ classes: cls, errors }, null, 2)}\n`);
    else {
      for (const [name, c] of Object.entries(cls)) {
        const flags = (['abstract', 'association', 'indication'] as const).filter((k) => c[k]);
        io.stdout(
          `${name}${c.superclass ? ` : ${c.superclass}` : ''}${flags.length ? ` [${flags.join(', ')}]` : ''}` +
            ` (${plural(c.properties.length, 'property', 'properties')}, ${plural(c.keys.length, 'key')}, ` +
            `${plural(c.methods.length, 'method')})\n`,
        );
      }
    }
  };
  if (parsed.diagnostics.length > 0) {
    printDiagnostics(parsed.diagnostics, io);
    emit({}, parsed.diagnostics.map(diagnosticJson));
    return EXIT.SYNTAX;
  }
  const namespace = await ensureNamespace(repo, o.namespace ?? DEFAULT_NAMESPACE, io);
  if (o.files.length === 0) {
    const ns = repo.state.ns(namespace)!;
    const names = [...ns.classes.values()].filter((c) => !c.system).map((c) => ({ ns: ns.path, name: c.def.name }));
    emit(classesObject(repo, names), []);
    return EXIT.OK;
  }
  // The classes the files declared, where they were put (a #pragma namespace may move them).
  const declared = new Set<string>();
  for (const f of parsed.files)
    for (const d of f.documents)
      for (const def of d.definitions) if (def.kind === 'ClassDeclaration') declared.add(nameKey(def.name.value));
  const put = new Map<string, { ns: string; name: string }>();
  const stop = repo.onCommit((record) => {
    for (const c of record.changes) {
      if (c.kind !== 'class' || !declared.has(nameKey(c.name))) continue;
      const k = `${nameKey(c.ns)}:${nameKey(c.name)}`;
      if (c.after) put.set(k, { ns: c.ns, name: c.name });
      else put.delete(k);
    }
  });
  const run = await applyFiles(repo, namespace, parsed.files, o);
  stop();
  for (const f of run.failures) io.stderr(`${formatFailure(f, parsed.source)}\n\n`);
  emit(classesObject(repo, [...put.values()]), run.failures.map(failureJson));
  return run.failures.length > 0 ? EXIT.SEMANTIC : EXIT.OK;
}

// -- export

async function exportNamespace(o: CliOptions, io: CliIo): Promise<number> {
  const repoPath = o.repo ?? DEFAULT_REPO;
  if (!(await exists(repoPath)))
    throw new UsageError(
      `no repository file ${repoPath}${o.repo === undefined ? ' (compile something first, or pass --repo)' : ''}`,
    );
  const repo = await loadRepository(repoPath);
  const path = o.namespace ?? DEFAULT_NAMESPACE;
  const ns = repo.state.ns(path);
  if (!ns) {
    io.stderr(`classwright: ${hrName(HR.E_INVALID_NAMESPACE)}: namespace ${path} does not exist in ${repoPath}.\n`);
    return EXIT.SEMANTIC;
  }
  io.stdout(printNamespace(ns));
  return EXIT.OK;
}
