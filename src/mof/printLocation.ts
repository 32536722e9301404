/**
 * A code frame in the style of graphql-js `printLocation`: the file position, the line before,
 * the line itself with a caret under the span, and the line after.
 *
 * ```
 * x.mof:3:5
 * 2 | class Foo {
 * 3 |     strin x
 *   |     ^^^^^
 * 4 | };
 * ```
 *
 * Lines are found by scanning outward from the offset only, so building a frame costs nothing
 * proportional to the file size (diagnostics are few; files can be megabytes).
 */
export function printLocation(
  text: string,
  file: string,
  span: { readonly offset: number; readonly line: number; readonly column: number; readonly length?: number },
): string {
  const offset = Math.max(0, Math.min(span.offset, text.length));
  const start = lineStartBefore(text, offset);
  const end = lineEnd(text, start);
  const lines: Array<[number, string]> = [];
  if (span.line > 1 && start > 0) {
    const prevEnd = start - (text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? 2 : 1);
    const prevStart = lineStartBefore(text, prevEnd);
    lines.push([span.line - 1, text.slice(prevStart, prevEnd)]);
  }
  const current = text.slice(start, end);
  lines.push([span.line, current]);
  let next: string | undefined;
  if (end < text.length) {
    const nextStart = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (nextStart <= text.length) next = text.slice(nextStart, lineEnd(text, nextStart));
  }
  if (next !== undefined) lines.push([span.line + 1, next]);

  const width = String(lines[lines.length - 1]![0]).length;
  const gutter = (n: number | undefined): string => (n === undefined ? ' '.repeat(width) : String(n).padStart(width));
  const col = offset - start;
  // Keep tabs in the caret line so the caret lines up with the source whatever the tab width.
  const pad = current.slice(0, col).replace(/[^\t]/g, ' ');
  const caretLen = Math.max(1, Math.min(span.length ?? 1, Math.max(1, current.length - col)));
  const out: string[] = [`${file}:${span.line}:${span.column}`];
  for (const [n, s] of lines) {
    out.push(`${gutter(n)} | ${clip(s)}`.trimEnd());
    if (n === span.line) out.push(`${gutter(undefined)} | ${pad}${'^'.repeat(caretLen)}`);
  }
  return out.join('\n');
}

function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

function lineEnd(text: string, start: number): number {
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** Very long lines (minified C strings in cpp_quote qualifiers) are cut so the frame stays readable. */
function clip(s: string): string {
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}
