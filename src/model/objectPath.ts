import type { CimValue } from './index';

/** A parsed WMI object path (wmi-semantics §7.4): `\\.\root\x:Class.Key="v",N=1` or `Class=@`. */
export interface ObjectPath {
  readonly server?: string;
  readonly namespace?: string;
  readonly className: string;
  /** Key bindings of an instance path; absent for a class path. */
  readonly keys?: readonly { readonly name: string; readonly value: CimValue }[];
  readonly singleton?: boolean;
}

/** Parse an object path; undefined when it is not one. */
export function parseObjectPath(text: string): ObjectPath | undefined {
  let s = text.trim().replace(/\//g, '\\');
  let server: string | undefined;
  let namespace: string | undefined;
  const colon = indexOutsideQuotes(s, ':');
  if (colon >= 0) {
    let nsPart = s.slice(0, colon);
    s = s.slice(colon + 1);
    const m = /^\\\\([^\\]+)\\(.*)$/.exec(nsPart);
    if (m) {
      server = m[1];
      nsPart = m[2]!;
    }
    namespace = nsPart.replace(/^\\+/, '');
  }
  const cm = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(s);
  if (!cm) return undefined;
  const className = cm[1]!;
  const rest = s.slice(className.length);
  const base = { ...(server ? { server } : {}), ...(namespace !== undefined ? { namespace } : {}), className };
  if (rest === '') return base;
  if (rest === '=@') return { ...base, singleton: true, keys: [] };
  if (rest.startsWith('=')) {
    const v = parseValue(rest.slice(1));
    return v && v.rest === '' ? { ...base, keys: [{ name: '', value: v.value }] } : undefined;
  }
  if (!rest.startsWith('.')) return undefined;
  const keys: { name: string; value: CimValue }[] = [];
  let r = rest.slice(1);
  for (;;) {
    const km = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(r);
    if (!km) return undefined;
    const v = parseValue(r.slice(km[0].length));
    if (!v) return undefined;
    keys.push({ name: km[1]!, value: v.value });
    r = v.rest;
    if (r === '') break;
    if (!r.startsWith(',')) return undefined;
    r = r.slice(1);
  }
  return { ...base, keys };
}

function indexOutsideQuotes(s: string, ch: string): number {
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && q) {
      i++;
      continue;
    }
    if (c === '"') q = !q;
    else if (c === ch && !q) return i;
  }
  return -1;
}

function parseValue(s: string): { value: CimValue; rest: string } | undefined {
  if (s.startsWith('"') || s.startsWith("'")) {
    const quote = s[0];
    let out = '';
    for (let i = 1; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length) {
        out += s[++i];
        continue;
      }
      if (c === quote) return { value: out, rest: s.slice(i + 1) };
      out += c;
    }
    return undefined;
  }
  const m = /^(-?\d+(?:\.\d+)?|TRUE|FALSE)/i.exec(s);
  if (!m) return undefined;
  const t = m[1]!;
  const value = /^true$/i.test(t) ? true : /^false$/i.test(t) ? false : Number(t);
  return { value, rest: s.slice(t.length) };
}

/** The canonical text of one key value in a path. */
export function formatKeyValue(v: CimValue): string {
  if (typeof v === 'string') return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export function formatInstancePath(
  className: string,
  keys: readonly { name: string; value: CimValue }[],
  singleton = false,
): string {
  if (singleton) return `${className}=@`;
  return `${className}.${keys.map((k) => `${k.name}=${formatKeyValue(k.value)}`).join(',')}`;
}

/**
 * What identifies an instance within a namespace, whatever the key order or case of a path:
 * its sorted key bindings (`id=a,n=1`), or `@` for a singleton. Undefined for the `Class="v"`
 * shorthand, whose key name is not written.
 */
export function keyIdentity(p: ObjectPath): string | undefined {
  if (p.singleton) return '@';
  if (!p.keys || p.keys.some((k) => k.name === '')) return undefined;
  return p.keys
    .map((k) => `${k.name.toLowerCase()}=${String(k.value).toLowerCase()}`)
    .sort()
    .join(',');
}
