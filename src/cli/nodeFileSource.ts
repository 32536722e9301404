import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, parse, sep } from 'node:path';
import { decodeMofBytes } from '../mof/decodeMofBytes';
import type { MofFileSource } from '../mof/parseMofFiles';

/** A MofFileSource over node:fs that keeps what it read, for code frames and repeated parses. */
export interface NodeFileSource extends MofFileSource {
  /** The decoded text of a file read before (undefined when it was never read or is missing). */
  text(path: string): string | undefined;
}

/**
 * MOF files from the local file system, as mofcomp finds them:
 * - an include is resolved relative to the including file; `\` separators (every Windows MOF
 *   writes them) are read as `/`, so paths stay valid on any platform;
 * - paths stay as the user wrote them (relative ones relative to the working directory), so
 *   diagnostics name files the way the command line did;
 * - a file that is not found with the exact spelling is looked up case-insensitively, segment
 *   by segment, as on Windows' file systems (`#pragma include("core\\cim_managedelement.mof")`).
 */
export function nodeFileSource(): NodeFileSource {
  const bytes = new Map<string, Uint8Array>();
  const texts = new Map<string, string>();
  return {
    async read(path) {
      const cached = bytes.get(path);
      if (cached) return cached;
      const data = await readAnyCase(path);
      if (data !== undefined) bytes.set(path, data);
      return data;
    },
    resolve(from, include) {
      const p = include.replace(/\\/g, '/');
      return isAbsolute(p) ? normalize(p) : normalize(join(dirname(from), p));
    },
    text(path) {
      let t = texts.get(path);
      if (t === undefined) {
        const b = bytes.get(path);
        if (b === undefined) return undefined;
        texts.set(path, (t = decodeMofBytes(b)));
      }
      return t;
    },
  };
}

async function readAnyCase(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
  const actual = await findCaseInsensitive(path);
  if (actual === undefined) return undefined;
  try {
    return new Uint8Array(await readFile(actual));
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

/** The path of an existing file whose name matches `path` case-insensitively, segment by segment. */
async function findCaseInsensitive(path: string): Promise<string | undefined> {
  const { root } = parse(path);
  const parts = path
    .slice(root.length)
    .split(/[\\/]+/)
    .filter((s) => s !== '');
  let dir = root === '' ? '.' : root;
  let out = root;
  for (const part of parts) {
    if (part === '.' || part === '..') {
      dir = join(dir, part);
      out = out === '' ? part : join(out, part);
      continue;
    }
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return undefined;
    }
    const want = part.toLowerCase();
    const hit = entries.find((n) => n === part) ?? entries.find((n) => n.toLowerCase() === want);
    if (hit === undefined) return undefined;
    dir = join(dir, hit);
    out = out === '' || out.endsWith(sep) ? `${out}${hit}` : join(out, hit);
  }
  return out;
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
