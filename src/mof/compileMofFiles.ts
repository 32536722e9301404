import type { ClassDeclarationNode, InstanceDeclarationNode } from './ast';
import { checkAliases, takesPartInAliases, type AliasedDeclaration } from './checkAliases';
import { isInclude, MofCompiler, type MofCompileOptions, type MofCompileResult } from './compileMof';
import type { MofDiagnostic } from './diagnostics';
import type { MofTarget } from './mofTarget';
import { sortDiagnostics } from './parseMof';
import { entryProblem, fileReader, parseChecked, settleFile, textOf, type MofFileSource } from './parseMofFiles';

export interface CompileMofFilesOptions extends MofCompileOptions {
  /** A clock in milliseconds: when given, the time spent decoding and parsing is reported. */
  readonly clock?: () => number;
  /** Checked before each file: true stops reading and parsing (the caller discards the import). */
  readonly isCancelled?: () => boolean;
}

export interface CompileMofFilesResult {
  /**
   * Every syntax problem of every file, exactly as parseMofFiles reports them. When there is
   * any, declarations may already have reached the target: the caller discards them (the
   * import's transaction rolls back), so that nothing is applied (decisions §12).
   */
  readonly diagnostics: readonly MofDiagnostic[];
  readonly compiled: MofCompileResult;
  /** Milliseconds spent decoding and parsing (0 without a clock). */
  readonly parseMs: number;
  /** Files parsed (each once, however often included). */
  readonly files: number;
}

/**
 * parseMofFiles and compileMof in one pass: each file is compiled as soon as it is parsed, and
 * its syntax tree is dropped once its declarations are applied. The outcome is the same as
 * parsing everything first: parsing goes on to the last file, every problem is reported, and
 * after the first syntax problem nothing more is compiled (the caller throws away what was).
 * What changes is the cost: no tree of the whole import is ever held (on the CIM schema that is
 * 28 MB, and keeping it alive costs as much garbage-collection time as the parse itself).
 *
 * Aliases are judged when everything is read: an instance that names an alias not yet seen waits
 * for it (compileMof would know whether some later file defines it), and the alias rules across
 * files (checkAliases) run at the end. The progress total is an estimate until every file is read.
 */
export async function compileMofFiles(
  entry: string,
  source: MofFileSource,
  target: MofTarget,
  options: CompileMofFilesOptions,
): Promise<CompileMofFilesResult> {
  const clock = options.clock;
  let parseMs = 0;
  const timed = <T>(f: () => T): T => {
    if (clock === undefined) return f();
    const t = clock();
    try {
      return f();
    } finally {
      parseMs += clock() - t;
    }
  };
  const read = fileReader(source);
  const decode = (data: Uint8Array | string) => timed(() => textOf(data));
  const defs = new Map<string, ClassDeclarationNode | InstanceDeclarationNode>();
  const aliasUsers: AliasedDeclaration[] = [];
  /** Every file has been read: an alias not seen by now is not defined. */
  let finished = false;
  const compiler = new MofCompiler(target, options, {
    defs,
    get complete() {
      return finished;
    },
  });
  const diagnostics: MofDiagnostic[] = [];
  /** What each file's source gave, to decode again for an alias problem's code frame. */
  const raw = new Map<string, Uint8Array | string>();
  const parsed = new Set<string>();
  let unresolved = false;

  const parse = (text: string, path: string) => timed(() => parseChecked(text, path));
  const settle = (path: string, text: string, stack: readonly string[]) =>
    settleFile(path, text, stack, source, read, parse);

  /**
   * Parses a file (the first time it is met: its problems and aliases are recorded) and compiles
   * its definitions in order while nothing has gone wrong, following includes where they stand.
   * A file included again is compiled again (includes are textual), its problems not repeated.
   */
  const visit = async (
    path: string,
    data: Uint8Array | string,
    stack: readonly string[],
    first: boolean,
  ): Promise<void> => {
    if (first) {
      parsed.add(path);
      raw.set(path, data);
    }
    const text = decode(data);
    const file = await settle(path, text, stack);
    if (first) {
      if (file.unresolved) unresolved = true;
      if (file.local.length > 0) diagnostics.push(...sortDiagnostics(file.local));
      for (const d of file.document.definitions) {
        if ((d.kind !== 'ClassDeclaration' && d.kind !== 'InstanceDeclaration') || !takesPartInAliases(d)) continue;
        aliasUsers.push(d);
        const key = d.alias?.value.toLowerCase();
        if (key !== undefined && !defs.has(key)) defs.set(key, d);
      }
    }
    const compiling = () => diagnostics.length === 0 && !compiler.stopped;
    // Progress total: an include counts as one definition until its file is read, and then as
    // that file's definitions, so the total starts close (the CIM schema: 3,267 of 3,335) and
    // is exact at the end.
    if (compiling())
      compiler.expect(file.document.definitions.length + file.includes.size - (stack.length > 0 ? 1 : 0));
    for (const def of file.document.definitions) {
      if (!isInclude(def)) {
        if (compiling()) await compiler.definition(def);
        continue;
      }
      const next = file.includes.get(def);
      if (options.isCancelled?.()) return;
      if (next !== undefined && (!parsed.has(next) || (compiling() && !stack.includes(next)))) {
        await visit(next, (await read(next)).data!, [...stack, path], !parsed.has(next));
      }
      if (compiling()) compiler.progress();
    }
  };

  const start = await read(entry);
  if (start.data === undefined) {
    diagnostics.push(entryProblem(entry, start));
  } else {
    await visit(entry, start.data, [], true);
    const getText = (f: string) => {
      const data = raw.get(f);
      return data === undefined ? undefined : textOf(data);
    };
    diagnostics.push(...checkAliases(aliasUsers, { requireDefined: !unresolved, getText }));
  }
  finished = true;
  // Instances still waiting are judged only when the import is known to be free of syntax
  // problems (an undefined alias is one, reported above).
  const compiled = diagnostics.length === 0 ? compiler.finish() : emptyResult();
  return { diagnostics, compiled, parseMs, files: parsed.size };
}

function emptyResult(): MofCompileResult {
  return { hr: 0, failures: [], classes: 0, instances: 0, qualifiers: 0, pragmas: [] };
}
