import { WBEMSTATUS, type WbemStatusName } from '../errors/wbem';
import { printLocation } from './printLocation';

/** The MOF compiler's own error codes (wmi-semantics §10.4): every `WBEMMOF_E_*` name. */
export type MofErrorCode = Extract<WbemStatusName, `WBEMMOF_E_${string}`>;

/**
 * One problem found in MOF text, positioned and printable. Plain data (no Error subclass), so it
 * crosses the worker boundary and is stored as it is — the graphql-js `toJSON` idea taken from
 * the start.
 */
export interface MofDiagnostic {
  readonly code: MofErrorCode;
  /** The HRESULT of `code` (WBEMSTATUS). */
  readonly hr: number;
  /** Says what was expected and what was found. */
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units; a tab counts as one column. */
  readonly column: number;
  /** 0-based offset in the decoded text, for editors. */
  readonly offset: number;
  /** Characters covered by the caret, when the problem spans a token. */
  readonly length?: number;
  /** The source line with a caret under the position, with one line of context either side. */
  readonly frame: string;
}

/** Where a diagnostic points: enough to compute line/column/frame from the source text. */
export interface DiagnosticSpan {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length?: number;
}

export function makeDiagnostic(
  code: MofErrorCode,
  message: string,
  file: string,
  text: string,
  span: DiagnosticSpan,
): MofDiagnostic {
  const frame = printLocation(text, file, span);
  const base = { code, hr: WBEMSTATUS[code], message, file, line: span.line, column: span.column, offset: span.offset };
  return span.length !== undefined && span.length > 0 ? { ...base, length: span.length, frame } : { ...base, frame };
}

/** `file:line:column: WBEMMOF_E_X: message` followed by the frame — for logs and the CLI. */
export function formatDiagnostic(d: MofDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}\n${d.frame}`;
}
