import type { Definition, MofDocument, PragmaNode } from './ast';
import { aliasedDeclarations, checkAliases } from './checkAliases';
import { checkDocument } from './checkDocument';
import { decodeMofBytes } from './decodeMofBytes';
import { makeDiagnostic, type MofDiagnostic } from './diagnostics';
import { sortDiagnostics } from './parseMof';
import { parseMofDocument, type ParseDocumentResult } from './parser';

/**
 * Where MOF files come from: the browser's file picker, IndexedDB, or node:fs in tests and the
 * CLI. The engine never touches a file system itself.
 */
export interface MofFileSource {
  /** The file's bytes (decoded by BOM) or text; undefined when there is no such file. */
  read(path: string): Promise<Uint8Array | string | undefined>;
  /** The canonical path of `includePath` written in `fromFile` (relative to the including file). */
  resolve(fromFile: string, includePath: string): string;
}

export interface ParseMofFilesResult {
  /**
   * The entry first, then every included file once, in the order first included (depth first).
   * Include pragmas that were followed carry `resolved`, the path of the included document.
   */
  readonly documents: readonly MofDocument[];
  readonly diagnostics: readonly MofDiagnostic[];
}

/** One file's syntax and the checks that need no repository (default values against their types). */
export function parseChecked(text: string, path: string): ParseDocumentResult {
  const result = parseMofDocument(text, path);
  result.diagnostics.push(...checkDocument(result.document, text));
  return result;
}

/** One file parsed, with where its includes go (decided, and read, before any is followed). */
export interface SettledFile {
  readonly document: MofDocument;
  /** The file's own problems (syntax, default values, its includes), not yet sorted. */
  readonly local: MofDiagnostic[];
  /** Include pragmas that can be followed → the included file's path. */
  readonly includes: ReadonlyMap<PragmaNode, string>;
  /** Some include could not be followed (so an alias may be defined where we cannot see). */
  readonly unresolved: boolean;
}

/**
 * Reads a file once per parse or compilation, however often it is included; reads start early.
 * The bytes are kept and decoded only when the file is parsed (textOf), so a compilation that
 * drops each file once applied never holds the text of files it has not reached.
 */
export type FileReader = (path: string) => Promise<ReadOutcome>;

export function fileReader(source: MofFileSource): FileReader {
  const reads = new Map<string, Promise<ReadOutcome>>();
  return (path) => {
    let p = reads.get(path);
    if (p === undefined) {
      p = readFile(source, path);
      reads.set(path, p);
    }
    return p;
  };
}

/** The text of what a source gave (decoded by BOM when bytes). */
export function textOf(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : decodeMofBytes(data);
}

/**
 * Parses one file (syntax and the checks that need no repository) and settles its includes:
 * each is resolved relative to the file and read (all reads started at once, so a 1,600-file
 * schema is not read one await at a time); a missing file or a cycle is
 * WBEMMOF_E_INVALID_INCLUDE_FILE at the include. `stack` is the chain of including files.
 */
export async function settleFile(
  path: string,
  text: string,
  stack: readonly string[],
  source: MofFileSource,
  read: FileReader,
  parse: (text: string, path: string) => ParseDocumentResult = parseChecked,
): Promise<SettledFile> {
  const result = parse(text, path);
  const local = result.diagnostics;
  const pending: Array<{ pragma: PragmaNode; target: string }> = [];
  let unresolved = false;
  for (const d of result.document.definitions) {
    if (d.kind !== 'Pragma' || d.name !== 'include') continue;
    const arg = d.args[0];
    if (d.args.length !== 1 || arg?.kind !== 'String') continue; // reported by the parser
    let target: string | undefined;
    try {
      target = source.resolve(path, arg.value);
    } catch (e) {
      local.push(includeProblem(d, text, `Cannot resolve include "${arg.value}": ${errorText(e)}.`));
      unresolved = true;
      continue;
    }
    if (target === path || stack.includes(target)) {
      local.push(includeProblem(d, text, `Include cycle: ${[...stack, path, target].join(' → ')} includes itself.`));
      unresolved = true;
      continue;
    }
    void read(target);
    pending.push({ pragma: d, target });
  }
  const includes = new Map<PragmaNode, string>();
  for (const { pragma, target } of pending) {
    const outcome = await read(target);
    if (outcome.data === undefined) {
      const name = (pragma.args[0] as { value: string }).value;
      local.push(includeProblem(pragma, text, `Cannot find include file "${name}" (${target})${outcome.why}.`));
      unresolved = true;
      continue;
    }
    includes.set(pragma, target);
  }
  return { document: result.document, local, includes, unresolved };
}

/**
 * Parses a MOF file and everything it includes (`#pragma include("x")`, `#include ("x")`),
 * includes resolved relative to the including file, in order (settleFile). Every file is parsed
 * once, however often it is included.
 */
export async function parseMofFiles(entry: string, source: MofFileSource): Promise<ParseMofFilesResult> {
  const documents: MofDocument[] = [];
  const diagnostics: MofDiagnostic[] = [];
  const texts = new Map<string, string>();
  const read = fileReader(source);
  const parsed = new Set<string>();
  let unresolved = false;

  const visit = async (path: string, text: string, stack: readonly string[]): Promise<void> => {
    parsed.add(path);
    texts.set(path, text);
    const file = await settleFile(path, text, stack, source, read);
    if (file.unresolved) unresolved = true;
    const index = documents.push(file.document) - 1;
    const inner: MofDiagnostic[] = [];
    for (const target of file.includes.values()) {
      if (parsed.has(target)) continue;
      const before = diagnostics.length;
      await visit(target, textOf((await read(target)).data!), [...stack, path]);
      inner.push(...diagnostics.splice(before));
    }
    if (file.includes.size > 0) {
      const definitions: Definition[] = file.document.definitions.map((d) => {
        const target = d.kind === 'Pragma' ? file.includes.get(d) : undefined;
        return target === undefined ? d : { ...(d as PragmaNode), resolved: target };
      });
      documents[index] = { ...file.document, definitions };
    }
    // This file's own diagnostics first, in source order, then those of the files it includes.
    diagnostics.push(...sortDiagnostics(file.local), ...inner);
  };

  const first = await read(entry);
  if (first.data === undefined) {
    diagnostics.push(entryProblem(entry, first));
    return { documents, diagnostics };
  }
  await visit(entry, textOf(first.data), []);
  diagnostics.push(
    ...checkAliases(aliasedDeclarations(documents), { requireDefined: !unresolved, getText: (f) => texts.get(f) }),
  );
  return { documents, diagnostics };
}

/** The entry file itself cannot be read. */
export function entryProblem(entry: string, outcome: ReadOutcome): MofDiagnostic {
  return makeDiagnostic('WBEMMOF_E_INVALID_INCLUDE_FILE', `Cannot read the file "${entry}"${outcome.why}.`, entry, '', {
    offset: 0,
    line: 1,
    column: 1,
  });
}

export interface ReadOutcome {
  /** What the source gave; undefined when the file could not be read. */
  readonly data: Uint8Array | string | undefined;
  /** Why the read failed, as a suffix for the message (empty when the file is just absent). */
  readonly why: string;
}

async function readFile(source: MofFileSource, path: string): Promise<ReadOutcome> {
  try {
    return { data: await source.read(path), why: '' };
  } catch (e) {
    return { data: undefined, why: `: ${errorText(e)}` };
  }
}

function includeProblem(pragma: PragmaNode, text: string, message: string): MofDiagnostic {
  const at = pragma.args[0]?.loc ?? pragma.loc;
  return makeDiagnostic('WBEMMOF_E_INVALID_INCLUDE_FILE', message, pragma.loc.file, text, {
    offset: at.start,
    line: at.line,
    column: at.column,
    length: at.end - at.start,
  });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
