/** CIM names are case-insensitive and keep their spelling: this is the lookup key. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Case-insensitive name equality; allocates nothing for ASCII names (resolution and parsing call it constantly). */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** Find a named element, case-insensitively. */
export function findByName<T extends { readonly name: string }>(items: readonly T[], name: string): T | undefined {
  // Hot path (shape checks, resolution): compare lengths first so most misses allocate nothing.
  const n = name.length;
  for (const it of items) if (it.name.length === n && sameName(it.name, name)) return it;
  return undefined;
}

/** Case-insensitive, culture-independent ordering used by every listing (decisions §4, §11). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
