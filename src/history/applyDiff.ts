import { failure, type OpFailure } from '../errors/opFailure';
import { HR } from '../errors/wbem';
import type { PendingEvent } from '../events/intrinsicEvent';
import { nameKey } from '../model';
import type { Change } from '../repository/change';
import type { Repository } from '../repository/Repository';
import type { RepositoryState } from '../repository/RepositoryState';
import type { Txn } from '../repository/Txn';

/** Structural equality of JSON-like data (key order ignored, absent = undefined). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameData(x, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameData(ra[k], rb[k])) return false;
  return true;
}

/** What the repository holds now where a change applies (the value its `before` must equal). */
function current(state: RepositoryState, c: Change): unknown {
  const ns = state.ns(c.ns);
  if (c.kind === 'namespace') return ns ? true : undefined;
  if (!ns) return MISSING_NAMESPACE;
  switch (c.kind) {
    case 'class':
      return ns.getClass(c.name);
    case 'instance':
      return ns.instancesOf(nameKey(c.className)).get(c.path.toLowerCase())?.def;
    case 'qualifierDecl':
      return ns.qualifierDecls.get(nameKey(c.name));
    case 'security':
      return ns.security.get(nameKey(c.principal))?.rights;
  }
}
const MISSING_NAMESPACE = Symbol('missing namespace');

/** The intrinsic event a change raises when history re-applies it (decisions §5's classes). */
function eventOf(state: RepositoryState, c: Change): PendingEvent | null {
  const ns = state.ns(c.ns);
  if (!ns) return null;
  if (c.kind === 'class') {
    if (c.after?.system || c.before?.system) return null;
    const previous = c.before ? ns.resolve(c.name) : undefined;
    const eventClass = !c.before
      ? '__ClassCreationEvent'
      : !c.after
        ? '__ClassDeletionEvent'
        : '__ClassModificationEvent';
    return { eventClass, ns: ns.path, className: c.name, ...(previous ? { previous } : {}) };
  }
  if (c.kind === 'instance') {
    if (c.after && c.before)
      return {
        eventClass: '__InstanceModificationEvent',
        ns: ns.path,
        className: c.className,
        instance: c.after,
        previousInstance: c.before,
      };
    if (c.after)
      return { eventClass: '__InstanceCreationEvent', ns: ns.path, className: c.className, instance: c.after };
    if (c.before)
      return { eventClass: '__InstanceDeletionEvent', ns: ns.path, className: c.className, instance: c.before };
  }
  return null;
}

function describe(c: Change): string {
  switch (c.kind) {
    case 'namespace':
      return `namespace ${c.ns}`;
    case 'class':
      return `class ${c.name} in ${c.ns}`;
    case 'instance':
      return `instance ${c.path} in ${c.ns}`;
    case 'qualifierDecl':
      return `qualifier ${c.name} in ${c.ns}`;
    case 'security':
      return `the rights of ${c.principal} on ${c.ns}`;
  }
}

/**
 * Apply a recorded diff (an entry reversed for undo, or as it was for redo) inside an operation:
 * each change only if what it replaces is still there (else the repository changed since, and
 * nothing is applied), with the class and instance events the change implies.
 */
export function applyDiff(repo: Repository, txn: Txn, changes: readonly Change[]): OpFailure | null {
  for (const c of changes) {
    const now = current(repo.state, c);
    if (now === MISSING_NAMESPACE || !sameData(now, c.before)) {
      return failure(
        HR.E_INVALID_OPERATION,
        c.kind === 'class' || c.kind === 'qualifierDecl' ? c.name : c.kind === 'instance' ? c.path : c.ns,
        `The repository changed since: ${describe(c)} is no longer as the history recorded it.`,
      );
    }
    const event = eventOf(repo.state, c);
    const over = repo.applyOp(txn, [c], event ? [event] : []);
    if (over) return over;
  }
  return null;
}
