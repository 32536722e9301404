import type { Definition, MofDocument, PragmaNode } from './ast';
import { checkAliases } from './checkAliases';
import { checkDocument } from './checkDocument';
import { decodeMofBytes } from './decodeMofBytes';
import { makeDiagnostic, type MofDiagnostic } from './diagnostics';
import { sortDiagnostics } from './parseMof';
import { parseMofDocument } from './parser';

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

/**
 * Parses a MOF file and everything it includes (`#pragma include("x")`, `#include ("x")`),
 * includes resolved relative to the including file, in order. A missing file or an include
 * cycle is WBEMMOF_E_INVALID_INCLUDE_FILE at the include. Reads are started ahead of parsing
 * (all includes of a file at once) so a 1,600-file schema is not read one await at a time.
 */
export async function parseMofFiles(entry: string, source: MofFileSource): Promise<ParseMofFilesResult> {
  const documents: MofDocument[] = [];
  const diagnostics: MofDiagnostic[] = [];
  const texts = new Map<string, string>();
  const reads = new Map<string, Promise<ReadOutcome>>();
  const parsed = new Set<string>();
  let unresolved = false;

  const read = (path: string): Promise<ReadOutcome> => {
    let p = reads.get(path);
    if (p === undefined) {
      p = readFile(source, path);
      reads.set(path, p);
    }
    return p;
  };

  const visit = async (path: string, text: string, stack: readonly string[]): Promise<void> => {
    parsed.add(path);
    texts.set(path, text);
    const result = parseMofDocument(text, path);
    const local = [...result.diagnostics, ...checkDocument(result.document, text)];
    const index = documents.push(result.document) - 1;

    const includes: Array<{ pragma: PragmaNode; target: string | undefined }> = [];
    for (const d of result.document.definitions) {
      if (d.kind !== 'Pragma' || d.name !== 'include') continue;
      const arg = d.args[0];
      if (d.args.length !== 1 || arg?.kind !== 'String') continue; // reported by the parser
      let target: string | undefined;
      try {
        target = source.resolve(path, arg.value);
      } catch (e) {
        local.push(includeProblem(d, text, `Cannot resolve include "${arg.value}": ${errorText(e)}.`));
      }
      if (target !== undefined && !parsed.has(target)) void read(target);
      includes.push({ pragma: d, target });
    }

    const resolved = new Map<PragmaNode, string>();
    const inner: MofDiagnostic[] = [];
    for (const { pragma, target } of includes) {
      if (target === undefined) {
        unresolved = true;
        continue;
      }
      const name = (pragma.args[0] as { value: string }).value;
      if (target === path || stack.includes(target)) {
        local.push(
          includeProblem(pragma, text, `Include cycle: ${[...stack, path, target].join(' → ')} includes itself.`),
        );
        unresolved = true;
        continue;
      }
      if (!parsed.has(target)) {
        const outcome = await read(target);
        if (outcome.text === undefined) {
          local.push(includeProblem(pragma, text, `Cannot find include file "${name}" (${target})${outcome.why}.`));
          unresolved = true;
          continue;
        }
        const before = diagnostics.length;
        await visit(target, outcome.text, [...stack, path]);
        inner.push(...diagnostics.splice(before));
      }
      resolved.set(pragma, target);
    }
    if (resolved.size > 0) {
      const definitions: Definition[] = result.document.definitions.map((d) =>
        d.kind === 'Pragma' && resolved.has(d) ? { ...d, resolved: resolved.get(d)! } : d,
      );
      documents[index] = { ...result.document, definitions };
    }
    // This file's own diagnostics first, in source order, then those of the files it includes.
    diagnostics.push(...sortDiagnostics(local), ...inner);
  };

  const first = await read(entry);
  if (first.text === undefined) {
    diagnostics.push(
      makeDiagnostic('WBEMMOF_E_INVALID_INCLUDE_FILE', `Cannot read the file "${entry}"${first.why}.`, entry, '', {
        offset: 0,
        line: 1,
        column: 1,
      }),
    );
    return { documents, diagnostics };
  }
  await visit(entry, first.text, []);
  diagnostics.push(...checkAliases(documents, { requireDefined: !unresolved, getText: (f) => texts.get(f) }));
  return { documents, diagnostics };
}

interface ReadOutcome {
  readonly text: string | undefined;
  /** Why the read failed, as a suffix for the message (empty when the file is just absent). */
  readonly why: string;
}

async function readFile(source: MofFileSource, path: string): Promise<ReadOutcome> {
  try {
    const data = await source.read(path);
    if (data === undefined) return { text: undefined, why: '' };
    return { text: typeof data === 'string' ? data : decodeMofBytes(data), why: '' };
  } catch (e) {
    return { text: undefined, why: `: ${errorText(e)}` };
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
