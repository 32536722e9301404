/** CIM names are case-insensitive and keep their spelling: this is the lookup key. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** Find a named element, case-insensitively. */
export function findByName<T extends { readonly name: string }>(items: readonly T[], name: string): T | undefined {
  const k = name.toLowerCase();
  for (const it of items) if (it.name.toLowerCase() === k) return it;
  return undefined;
}

/** Case-insensitive, culture-independent ordering used by every listing (decisions §4, §11). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
