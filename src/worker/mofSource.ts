import type { MofFileSource } from '../mof/parseMofFiles';
import type { MofInput } from './engineApi';

/** Fetch a file's bytes, undefined when there is none (404). */
export type FetchBytes = (url: string) => Promise<Uint8Array | undefined>;

export const fetchBytesOverHttp: FetchBytes = async (url) => {
  const r = await fetch(url);
  if (!r.ok) return undefined;
  return new Uint8Array(await r.arrayBuffer());
};

/**
 * At most `limit` reads at once, each retried once on a network failure: the MOF parser starts
 * every include of a file together, and a browser refuses 1,600 simultaneous fetches.
 */
export function limitReads(read: FetchBytes, limit = 64): FetchBytes {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = () =>
    active < limit ? (active++, Promise.resolve()) : new Promise<void>((r) => waiting.push(() => (active++, r())));
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async (url) => {
    await acquire();
    try {
      try {
        return await read(url);
      } catch {
        return await read(url);
      }
    } finally {
      release();
    }
  };
}

/** `a/b/../c.mof` → `a/c.mof`, forward slashes, no leading `./`. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** An include written in `fromFile`, relative to that file's folder. */
export function resolveInclude(fromFile: string, include: string): string {
  const slash = fromFile.lastIndexOf('/');
  return normalizePath(slash < 0 ? include : `${fromFile.slice(0, slash)}/${include}`);
}

/** What WbemServices.importMof takes, and a name for the history line. */
export function mofSource(
  input: MofInput,
  fetchBytes: FetchBytes,
  baseUrl: string,
): { input: string | { entry: string; source: MofFileSource }; name: string } {
  if ('text' in input) return { input: input.text, name: input.fileName ?? '<input>' };
  if ('files' in input) {
    const files = new Map(Object.entries(input.files).map(([k, v]) => [normalizePath(k).toLowerCase(), v]));
    return {
      input: {
        entry: normalizePath(input.entry),
        source: { read: async (p) => files.get(normalizePath(p).toLowerCase()), resolve: resolveInclude },
      },
      name: input.entry,
    };
  }
  const url = new URL(input.url, baseUrl);
  const read = limitReads(fetchBytes);
  const slash = url.pathname.lastIndexOf('/');
  const folder = new URL(url.pathname.slice(0, slash + 1), url);
  const entry = decodeURIComponent(url.pathname.slice(slash + 1));
  return {
    input: {
      entry,
      source: {
        read: (p) => read(new URL(p.split('/').map(encodeURIComponent).join('/'), folder).href),
        resolve: resolveInclude,
      },
    },
    name: entry,
  };
}
