/**
 * Turns the bytes of a MOF file into text the lexer reads.
 *
 * mofcomp reads UTF-16 files marked by a BOM (FF FE / FE FF) and 8-bit files otherwise
 * (wmi-semantics §10.1). Today 8-bit MOF is UTF-8, with or without BOM; older files are ANSI
 * (Windows-1252), so bytes that are not valid UTF-8 are read as Windows-1252 rather than turned
 * into U+FFFD. Line ends are left alone: the lexer treats CRLF, LF and CR alike.
 *
 * Engine code runs in a Web Worker and in Node, so only `globalThis.TextDecoder` is used, and
 * there is a plain fallback for runtimes without it.
 */
export function decodeMofBytes(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 2, true);
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 2, false);
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes, 3);
  // A BOM-less UTF-16 file still shows itself by NUL bytes in every other position for ASCII text;
  // mofcomp needs the BOM, but guessing costs nothing and saves the user a confusing error.
  const bomless = sniffBomlessUtf16(bytes);
  if (bomless !== undefined) return decodeUtf16(bytes, 0, bomless === 'le');
  return decodeUtf8(bytes, 0);
}

function sniffBomlessUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  // Text MOF has no NUL bytes, so mostly-NUL odd (or even) positions are UTF-16 for sure;
  // non-Latin characters are why it is "mostly" and not "all".
  const half = n / 4;
  if (oddZero >= half && evenZero === 0) return 'le';
  if (evenZero >= half && oddZero === 0) return 'be';
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string {
  const TD = globalThis.TextDecoder;
  if (TD !== undefined) {
    try {
      return new TD(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(start));
    } catch {
      // Some runtimes lack utf-16be; fall through to the manual decoder.
    }
  }
  const units = (bytes.length - start) >> 1;
  const chunks: string[] = [];
  const CHUNK = 8192;
  const buf = new Array<number>(Math.min(units, CHUNK));
  for (let u = 0; u < units; u += CHUNK) {
    const m = Math.min(CHUNK, units - u);
    buf.length = m;
    for (let k = 0; k < m; k++) {
      const i = start + 2 * (u + k);
      const a = bytes[i]!;
      const b = bytes[i + 1]!;
      buf[k] = littleEndian ? a | (b << 8) : (a << 8) | b;
    }
    chunks.push(String.fromCharCode.apply(null, buf));
  }
  return chunks.join('');
}

function decodeUtf8(bytes: Uint8Array, start: number): string {
  const body = bytes.subarray(start);
  const TD = globalThis.TextDecoder;
  if (TD !== undefined) {
    try {
      return new TD('utf-8', { fatal: true }).decode(body);
    } catch {
      return decodeWindows1252(body);
    }
  }
  return manualUtf8(body) ?? decodeWindows1252(body);
}

/** Windows-1252 code points for bytes 0x80–0x9F; the rest of the range is Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const out: string[] = [];
  const CHUNK = 8192;
  for (let s = 0; s < bytes.length; s += CHUNK) {
    const end = Math.min(bytes.length, s + CHUNK);
    const codes = new Array<number>(end - s);
    for (let i = s; i < end; i++) {
      const b = bytes[i]!;
      codes[i - s] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    }
    out.push(String.fromCharCode.apply(null, codes));
  }
  return out.join('');
}

/** A strict UTF-8 decoder for runtimes without TextDecoder; undefined when the bytes are not UTF-8. */
function manualUtf8(bytes: Uint8Array): string | undefined {
  const out: string[] = [];
  let codes: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else {
      const len = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
      if (len === 0 || (len === 3 && b >= 0xf0) || i + len > n) return undefined;
      cp = b & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
      for (let k = 1; k < len; k++) {
        const c = bytes[i + k]!;
        if ((c & 0xc0) !== 0x80) return undefined;
        cp = (cp << 6) | (c & 0x3f);
      }
      if ((len === 3 && cp < 0x800) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff))) return undefined;
      if (cp >= 0xd800 && cp <= 0xdfff) return undefined;
      i += len;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      codes.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else codes.push(cp);
    if (codes.length >= 8192) {
      out.push(String.fromCharCode.apply(null, codes));
      codes = [];
    }
  }
  out.push(String.fromCharCode.apply(null, codes));
  return out.join('');
}
