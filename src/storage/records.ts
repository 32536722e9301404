import { nameKey, type InstanceDefinition, type QualifierDeclaration } from '../model';
import type { Change } from '../repository/change';
import type { StoredClass } from '../repository/namespaceData';
import { namespaceKey, normalizeNamespace } from '../repository/RepositoryState';

/**
 * The repository as records, one per thing a namespace holds, keyed by namespace + name
 * (lower case, so keys match the engine's case-insensitive lookups). System classes are never
 * stored: every namespace creates its own. Both adapters store exactly these shapes.
 *
 * DO NOT CHANGE THESE SHAPES OR KEYS WITHOUT ADDING A MIGRATION (indexedDbSchema.ts): stored
 * repositories would no longer load.
 */

export const RECORD_STORES = ['namespaces', 'classes', 'instances', 'qualifierDecls', 'security'] as const;
export type RecordStore = (typeof RECORD_STORES)[number];
/** The stores whose records live inside a namespace (cleared when the namespace goes). */
export const CONTENT_STORES = ['classes', 'instances', 'qualifierDecls', 'security'] as const;

export type RecordKey = string | readonly string[];

/** A namespace; `exists: false` marks a default namespace (root\cimv2…) that was deleted. */
export interface NamespaceRecord {
  readonly key: string;
  readonly path: string;
  readonly exists: boolean;
}
export interface ClassRecord {
  readonly key: readonly [string, string];
  readonly ns: string;
  readonly stored: StoredClass;
}
export interface InstanceRecord {
  readonly key: readonly [string, string, string];
  readonly ns: string;
  readonly path: string;
  readonly def: InstanceDefinition;
}
export interface QualifierDeclRecord {
  readonly key: readonly [string, string];
  readonly ns: string;
  readonly decl: QualifierDeclaration;
}
/** `rights: null` marks a removed entry (it may be one a fresh namespace starts with). */
export interface SecurityRecord {
  readonly key: readonly [string, string];
  readonly ns: string;
  readonly principal: string;
  readonly rights: number | null;
}

export interface RecordsByStore {
  namespaces: NamespaceRecord[];
  classes: ClassRecord[];
  instances: InstanceRecord[];
  qualifierDecls: QualifierDeclRecord[];
  security: SecurityRecord[];
}

export type AnyRecord = RecordsByStore[RecordStore][number];

/** One write a change turns into. */
export type RecordOp =
  | { readonly op: 'put'; readonly store: RecordStore; readonly value: AnyRecord }
  | { readonly op: 'delete'; readonly store: RecordStore; readonly key: RecordKey }
  /** Remove every record of a namespace from the content stores. */
  | { readonly op: 'clearNamespace'; readonly nsKey: string };

/** The record writes of one operation's changes, in order. */
export function recordOps(changes: readonly Change[]): RecordOp[] {
  const out: RecordOp[] = [];
  for (const c of changes) {
    const nsKey = namespaceKey(c.ns);
    const ns = normalizeNamespace(c.ns);
    switch (c.kind) {
      case 'namespace':
        // A namespace created or removed starts or ends empty: drop anything left under its key.
        out.push({ op: 'clearNamespace', nsKey });
        out.push({ op: 'put', store: 'namespaces', value: { key: nsKey, path: ns, exists: c.after === true } });
        break;
      case 'class': {
        if (c.after?.system || c.before?.system) break;
        const key = [nsKey, nameKey(c.name)] as const;
        out.push(
          c.after
            ? { op: 'put', store: 'classes', value: { key, ns, stored: c.after } }
            : { op: 'delete', store: 'classes', key },
        );
        break;
      }
      case 'instance': {
        const key = [nsKey, nameKey(c.className), c.path.toLowerCase()] as const;
        out.push(
          c.after
            ? { op: 'put', store: 'instances', value: { key, ns, path: c.path, def: c.after } }
            : { op: 'delete', store: 'instances', key },
        );
        break;
      }
      case 'qualifierDecl': {
        const key = [nsKey, nameKey(c.name)] as const;
        out.push(
          c.after
            ? { op: 'put', store: 'qualifierDecls', value: { key, ns, decl: c.after } }
            : { op: 'delete', store: 'qualifierDecls', key },
        );
        break;
      }
      case 'security':
        out.push({
          op: 'put',
          store: 'security',
          value: { key: [nsKey, nameKey(c.principal)], ns, principal: c.principal, rights: c.after ?? null },
        });
        break;
    }
  }
  return out;
}

const depth = (path: string) => path.split('\\').length;

/**
 * Stored records as changes to apply over a fresh Repository, in load order: existing
 * namespaces (parents first), then security, qualifier declarations, classes and instances of
 * namespaces that exist, then removed namespaces (children first).
 */
export function recordsToChanges(r: RecordsByStore): Change[] {
  const out: Change[] = [];
  const live = r.namespaces.filter((n) => n.exists);
  const gone = r.namespaces.filter((n) => !n.exists);
  const liveKeys = new Set(live.map((n) => n.key));
  live.sort((a, b) => depth(a.path) - depth(b.path) || (a.key < b.key ? -1 : 1));
  for (const n of live) out.push({ kind: 'namespace', ns: n.path, after: true });
  // Contents of namespaces a fresh repository has and no record mentions are kept too.
  const inLive = (nsKey: string) => liveKeys.has(nsKey) || !r.namespaces.some((n) => n.key === nsKey);
  for (const s of r.security) {
    if (!inLive(s.key[0])) continue;
    out.push(
      s.rights === null
        ? { kind: 'security', ns: s.ns, principal: s.principal }
        : { kind: 'security', ns: s.ns, principal: s.principal, after: s.rights },
    );
  }
  for (const q of r.qualifierDecls)
    if (inLive(q.key[0])) out.push({ kind: 'qualifierDecl', ns: q.ns, name: q.decl.name, after: q.decl });
  for (const c of r.classes)
    if (inLive(c.key[0])) out.push({ kind: 'class', ns: c.ns, name: c.stored.def.name, after: c.stored });
  for (const i of r.instances)
    if (inLive(i.key[0]))
      out.push({ kind: 'instance', ns: i.ns, className: i.def.className, path: i.path, after: i.def });
  gone.sort((a, b) => depth(b.path) - depth(a.path));
  for (const n of gone) out.push({ kind: 'namespace', ns: n.path });
  return out;
}

export function emptyRecords(): RecordsByStore {
  return { namespaces: [], classes: [], instances: [], qualifierDecls: [], security: [] };
}
