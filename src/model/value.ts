/**
 * Values of properties, defaults and qualifiers. Plain JSON-safe data, so they cross the worker
 * boundary and go to IndexedDB as they are.
 * - integers are numbers; a 64-bit integer beyond Number.MAX_SAFE_INTEGER is its decimal string
 * - char16 is a one-character string, datetime its 25-character DMTF string, a reference its
 *   object path string
 */
export type CimValue = null | boolean | number | string | EmbeddedInstance | readonly CimValue[];

/** An embedded object value: `instance of Foo { A = 1; }`. */
export interface EmbeddedInstance {
  readonly kind: 'instance';
  readonly className: string;
  readonly properties: readonly PropertyValue[];
}

export interface PropertyValue {
  readonly name: string;
  readonly value: CimValue;
}

export function isEmbeddedInstance(v: CimValue | undefined): v is EmbeddedInstance {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as EmbeddedInstance).kind === 'instance';
}

/** Deep structural equality of two values (strings compare exactly). */
export function sameValue(a: CimValue | undefined, b: CimValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x: CimValue, i: number) => sameValue(x, (b as readonly CimValue[])[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ea = a as EmbeddedInstance;
    const eb = b as EmbeddedInstance;
    return (
      ea.className.toLowerCase() === eb.className.toLowerCase() &&
      ea.properties.length === eb.properties.length &&
      ea.properties.every(
        (p, i) =>
          p.name.toLowerCase() === eb.properties[i]!.name.toLowerCase() && sameValue(p.value, eb.properties[i]!.value),
      )
    );
  }
  return false;
}
