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
 * Lines are found from the position's column and by scanning outward a bounded distance, and a
 * long line is shown as a window around the position, so a frame costs nothing proportional to
 * the file or the line (a 1 MB line with 10,000 errors gives 10,000 small frames, quickly).
 */
export function printLocation(
  text: string,
  file: string,
  span: { readonly offset: number; readonly line: number; readonly column: number; readonly length?: number },
): string {
  const offset = Math.max(0, Math.min(span.offset, text.length));
  const start = currentLineStart(text, offset, span.column);
  const end = lineEnd(text, offset);
  const lines: Array<[number, string]> = [];
  if (span.line > 1 && start > 0) {
    const prevEnd = start - (text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? 2 : 1);
    const prevStart = lineStartBefore(text, prevEnd);
    lines.push([
      span.line - 1,
      clip((prevStart > 0 && !isBreak(text.charCodeAt(prevStart - 1)) ? '…' : '') + text.slice(prevStart, prevEnd)),
    ]);
  }
  const col = offset - start;
  const caretWanted = Math.max(1, span.length ?? 1);
  // A long line is shown as a window around the position, so a frame stays small (and building
  // one costs nothing proportional to the line) however long the line is.
  let shownFrom = start;
  let prefix = '';
  if (col + caretWanted > MAX_SHOWN) {
    shownFrom = offset - Math.floor(MAX_SHOWN / 2);
    prefix = '…';
  }
  const shownTo = Math.min(end, shownFrom + MAX_SHOWN);
  const current = prefix + text.slice(shownFrom, shownTo) + (shownTo < end || !reachesBreak(text, end) ? '…' : '');
  lines.push([span.line, current]);
  let next: string | undefined;
  if (end < text.length && isBreak(text.charCodeAt(end))) {
    const nextStart = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    const nextEnd = lineEnd(text, nextStart);
    next = clip(
      text.slice(nextStart, Math.min(nextEnd, nextStart + MAX_SHOWN + 1)) + (reachesBreak(text, nextEnd) ? '' : '…'),
    );
  }
  if (next !== undefined) lines.push([span.line + 1, next]);

  const width = String(lines[lines.length - 1]![0]).length;
  const gutter = (n: number | undefined): string => (n === undefined ? ' '.repeat(width) : String(n).padStart(width));
  const shownCol = prefix.length + (offset - shownFrom);
  // Keep tabs in the caret line so the caret lines up with the source whatever the tab width.
  const before = current.slice(0, shownCol);
  const pad = before.includes('\t') ? before.replace(/[^\t]/g, ' ') : ' '.repeat(before.length);
  const caretLen = Math.max(1, Math.min(caretWanted, Math.max(1, current.length - shownCol)));
  const out: string[] = [`${file}:${span.line}:${span.column}`];
  for (const [n, s] of lines) {
    out.push(`${gutter(n)} | ${s}`.trimEnd());
    if (n === span.line) out.push(`${gutter(undefined)} | ${pad}${'^'.repeat(caretLen)}`);
  }
  return out.join('\n');
}

/** Characters of a line shown in a frame; longer lines are cut (minified C in cpp_quote values). */
const MAX_SHOWN = 400;
/** Most characters scanned for a line's edge: frames cost the same for a 10 MB line. */
const MAX_SCAN = 1024;

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** True when `end` is a line break or the end of the text (the line was not cut by MAX_SCAN). */
function reachesBreak(text: string, end: number): boolean {
  return end >= text.length || isBreak(text.charCodeAt(end));
}

/** The start of the position's line: from its column when that agrees with the text, else scanned. */
function currentLineStart(text: string, offset: number, column: number): number {
  const s = offset - (column - 1);
  if (
    s >= 0 &&
    s <= offset &&
    (s === 0 || isBreak(text.charCodeAt(s - 1)) || (s === 1 && text.charCodeAt(0) === 0xfeff))
  )
    return s;
  return lineStartBefore(text, offset);
}

function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  const stop = Math.max(0, offset - MAX_SCAN);
  while (i > stop) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

function lineEnd(text: string, start: number): number {
  let i = start;
  const n = Math.min(text.length, start + MAX_SCAN);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** Context lines are cut at MAX_SHOWN characters. */
function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}
