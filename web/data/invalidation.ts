import type { QueryClient } from '@tanstack/react-query';
import { HR, WBEM_FLAG } from '../../src/errors/wbem';
import type { CimClass } from '../../src/service/cimObjects';
import type { ChangeNotice } from '../../src/worker/engineApi';
import type { DesignerClient } from './client';
import { readFlags } from './hooks';
import { keys } from './keys';

/** Past this many touched classes a namespace's class list is refetched whole. */
const PATCH_LIMIT = 24;

/**
 * Keeps the query cache in step with the engine: every committed change (this tab's or another's)
 * invalidates what it touched. A class list is patched in place for small changes (the touched
 * classes and their subtrees are refetched) so a put in a 1,600-class namespace stays cheap.
 */
export function connectInvalidation(client: DesignerClient, qc: QueryClient): () => void {
  return client.subscribe((n) => {
    if (n.type === 'changed') void applyNotice(client, qc, n.notice);
    if (n.type === 'storageClosed') void qc.invalidateQueries({ queryKey: keys.all });
  });
}

export async function applyNotice(client: DesignerClient, qc: QueryClient, notice: ChangeNotice): Promise<void> {
  void qc.invalidateQueries({ queryKey: keys.history() });
  void qc.invalidateQueries({ queryKey: keys.namespaces() });
  void qc.invalidateQueries({ queryKey: [...keys.all, 'analysis'] });
  if (notice.truncated || notice.origin === 'reload') {
    await qc.invalidateQueries({ queryKey: keys.all });
    return;
  }
  const classesByNs = new Map<string, Set<string>>();
  for (const t of notice.touched) {
    const ns = t.ns.toLowerCase();
    if (t.kind === 'class') {
      let set = classesByNs.get(ns);
      if (!set) classesByNs.set(ns, (set = new Set()));
      set.add(t.name);
      void qc.invalidateQueries({ queryKey: keys.instancesIn(ns) });
    } else if (t.kind === 'instance') {
      void qc.invalidateQueries({ queryKey: keys.instancesIn(ns) });
    } else if (t.kind === 'qualifierDecl') {
      void qc.invalidateQueries({ queryKey: keys.qualifierDecls(ns) });
    } else if (t.kind === 'namespace') {
      void qc.invalidateQueries({ queryKey: keys.classesIn(ns) });
    }
  }
  await Promise.all(
    [...classesByNs].map(async ([ns, names]) => {
      // Amendments live in a locale child namespace (`root\x\ms_409`): they change the parent's amended reads.
      const parent = /\\ms_[0-9a-f]+$/i.test(ns) ? ns.slice(0, ns.lastIndexOf('\\')) : null;
      if (parent) void qc.invalidateQueries({ queryKey: keys.classesIn(parent) });
      for (const amended of [false, true]) {
        const key = keys.classes(ns, amended);
        const old = qc.getQueryData<CimClass[]>(key);
        if (!old) continue;
        if (names.size > PATCH_LIMIT) {
          void qc.invalidateQueries({ queryKey: key });
          continue;
        }
        try {
          const next = await patchClasses(client, ns, amended, old, [...names]);
          qc.setQueryData(key, next);
        } catch {
          void qc.invalidateQueries({ queryKey: key });
        }
      }
    }),
  );
}

/** The list with each touched class and its subtree refetched (or removed when gone). */
async function patchClasses(
  client: DesignerClient,
  ns: string,
  amended: boolean,
  old: readonly CimClass[],
  names: readonly string[],
): Promise<CimClass[]> {
  const conn = { namespace: ns };
  const flags = readFlags(amended);
  const drop = new Set<string>();
  const fresh = new Map<string, CimClass>();
  for (const name of names) {
    const k = name.toLowerCase();
    drop.add(k);
    for (const c of old) if (c.derivation.some((d) => d.toLowerCase() === k)) drop.add(c.name.toLowerCase());
    const got = await client.api.getObject(conn, name, flags);
    if (got.hr === HR.S_NO_ERROR && got.object && got.object.genus === 'class') {
      fresh.set(k, got.object);
      const deep = await client.api.createClassEnum(conn, name, flags | WBEM_FLAG.DEEP);
      if (deep.hr === HR.S_NO_ERROR) for (const d of deep.objects) fresh.set(d.name.toLowerCase(), d);
    } else if (got.hr !== HR.E_NOT_FOUND) {
      throw new Error(`GetObject ${name} failed`);
    }
  }
  const out = old.filter((c) => !drop.has(c.name.toLowerCase()) && !fresh.has(c.name.toLowerCase()));
  out.push(...fresh.values());
  out.sort((a, b) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return out;
}
