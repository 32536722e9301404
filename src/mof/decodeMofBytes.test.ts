import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeMofBytes } from './decodeMofBytes';

const TEXT = 'class Größe { string a; }; // ✓ 𝄞\r\n';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = littleEndian ? 0xff : 0xfe;
    out[o++] = littleEndian ? 0xfe : 0xff;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = littleEndian ? c & 0xff : c >> 8;
    out[o++] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const cases: Array<[string, Uint8Array]> = [
  ['UTF-8 without BOM', utf8(TEXT)],
  ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TEXT)])],
  ['UTF-16 LE with BOM', utf16(TEXT, true, true)],
  ['UTF-16 BE with BOM', utf16(TEXT, false, true)],
  ['UTF-16 LE without BOM (sniffed)', utf16(TEXT, true, false)],
];

describe('decodeMofBytes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(cases)('decodes %s', (_name, bytes) => {
    expect(decodeMofBytes(bytes)).toBe(TEXT);
  });

  it.each(cases)('decodes %s without TextDecoder', (_name, bytes) => {
    vi.stubGlobal('TextDecoder', undefined);
    expect(decodeMofBytes(bytes)).toBe(TEXT);
  });

  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    expect(decodeMofBytes(new Uint8Array([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x80]))).toBe('Größe€');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 without TextDecoder', () => {
    vi.stubGlobal('TextDecoder', undefined);
    expect(decodeMofBytes(new Uint8Array([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x80]))).toBe('Größe€');
  });

  it('decodes an empty file', () => {
    expect(decodeMofBytes(new Uint8Array())).toBe('');
  });
});
