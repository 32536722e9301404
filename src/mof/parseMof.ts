import type { MofDocument } from './ast';
import { aliasedDeclarations, checkAliases } from './checkAliases';
import { checkDocument } from './checkDocument';
import type { MofDiagnostic } from './diagnostics';
import { parseMofDocument } from './parser';

export interface ParseMofResult {
  readonly document: MofDocument;
  /** Every problem found, in source order; empty when the text is valid MOF. */
  readonly diagnostics: readonly MofDiagnostic[];
}

/**
 * Parses one MOF text. Includes are not followed (the include pragmas stay in the tree; use
 * parseMofFiles to follow them). Besides syntax, it checks default values against their
 * declared types and the aliases of this text (an undefined alias is only reported when the
 * text includes nothing, since an included file may define it). Never throws.
 */
export function parseMof(text: string, file = '<input>'): ParseMofResult {
  const { document, diagnostics } = parseMofDocument(text, file);
  diagnostics.push(...checkDocument(document, text));
  const includes = document.definitions.some((d) => d.kind === 'Pragma' && d.name === 'include');
  diagnostics.push(
    ...checkAliases(aliasedDeclarations([document]), { requireDefined: !includes, getText: () => text }),
  );
  return { document, diagnostics: sortDiagnostics(diagnostics) };
}

/** Source order (stable for diagnostics at the same position). */
export function sortDiagnostics(list: MofDiagnostic[]): MofDiagnostic[] {
  return list
    .map((d, i) => [d, i] as const)
    .sort(([a, i], [b, j]) => a.offset - b.offset || i - j)
    .map(([d]) => d);
}
