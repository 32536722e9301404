/** CIM names are case-insensitive and keep their spelling: this is the lookup key. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** Find a named element, case-insensitively. */
export function findByName<T extends { readonly name: string }>(items: readonly T[], name: string): T | undefined {
  // Hot path (shape checks, resolution): compare lengths first so most misses allocate nothing.
  const n = name.length;
  let k: string | undefined;
  for (const it of items) {
    if (it.name.length !== n) continue;
    if (it.name === name) return it;
    if (it.name.toLowerCase() === (k ??= name.toLowerCase())) return it;
  }
  return undefined;
}

/** Case-insensitive, culture-independent ordering used by every listing (decisions §4, §11). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
