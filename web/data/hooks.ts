import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { HR, WBEM_FLAG } from '../../src/errors/wbem';
import type { ClassDefinition } from '../../src/model';
import type { CimClass } from '../../src/service/cimObjects';
import { buildClassIndex, type ClassIndex } from './classIndex';
import { getClient } from './engine';
import { keys } from './keys';

export const readFlags = (amended: boolean) => (amended ? WBEM_FLAG.USE_AMENDED_QUALIFIERS : 0);

/** Every namespace, `root` first, then by path. */
export function useNamespaces() {
  return useQuery({
    queryKey: keys.namespaces(),
    queryFn: async () => {
      const s = await getClient().api.stats();
      return s.namespaces
        .map((n) => ({ path: n.path, classes: n.classes, instances: n.instances }))
        .sort((a, b) => (a.path.toLowerCase() < b.path.toLowerCase() ? -1 : 1));
    },
    staleTime: Infinity,
  });
}

/** Every class of a namespace (CreateClassEnum(null, DEEP)), effective, system classes included. */
export function useClasses(ns: string, amended: boolean) {
  return useQuery({
    queryKey: keys.classes(ns, amended),
    queryFn: () => fetchClasses(ns, amended),
    staleTime: Infinity,
  });
}

export async function fetchClasses(ns: string, amended: boolean): Promise<CimClass[]> {
  const r = await getClient().api.createClassEnum({ namespace: ns }, null, readFlags(amended));
  if (r.hr !== HR.S_NO_ERROR) throw Object.assign(new Error(`CreateClassEnum failed in ${ns}`), { hr: r.hr });
  return r.objects;
}

const EMPTY: CimClass[] = [];

/** The classes of a namespace indexed by key, with the children index (memoised per fetch). */
export function useClassIndex(ns: string, amended: boolean): { index: ClassIndex; isLoading: boolean; error: unknown } {
  const q = useClasses(ns, amended);
  const data = q.data ?? EMPTY;
  const index = useMemo(() => buildClassIndex(data), [data]);
  return { index, isLoading: q.isLoading, error: q.error };
}

export function useInstances(ns: string, className: string | null) {
  return useQuery({
    queryKey: keys.instances(ns, className ?? ''),
    enabled: className !== null,
    queryFn: async () => {
      const r = await getClient().api.createInstanceEnum({ namespace: ns }, className!, WBEM_FLAG.SHALLOW);
      return r.hr === HR.S_NO_ERROR ? r.objects : [];
    },
    staleTime: Infinity,
  });
}

export function useQualifierDecls(ns: string) {
  return useQuery({
    queryKey: keys.qualifierDecls(ns),
    queryFn: () => getClient().api.enumQualifierDecls({ namespace: ns }),
    staleTime: Infinity,
  });
}

/** A stable fingerprint of a definition, for the analysis cache. */
export function fingerprint(def: ClassDefinition): string {
  return JSON.stringify(def);
}

/** What a put of `def` would do in each update mode (changes nothing). */
export function useAnalysis(ns: string, def: ClassDefinition | null, flags: number, user?: string) {
  const fp = def ? fingerprint(def) : '';
  return useQuery({
    queryKey: [...keys.analysis(ns, fp, flags), user ?? ''],
    enabled: def !== null && def.name.trim() !== '',
    queryFn: () => getClient().api.analyzeClassUpdate({ namespace: ns, ...(user ? { user } : {}) }, def!, flags),
    staleTime: 0,
    gcTime: 10_000,
    retry: false,
  });
}

export function useHistory() {
  return useQuery({ queryKey: keys.history(), queryFn: () => getClient().api.history(), staleTime: Infinity });
}

/** A namespace's class definitions as they were right after history entry `seq` (hr NOT_FOUND: no longer kept). */
export function useClassesAt(ns: string, seq: number | null) {
  return useQuery({
    queryKey: keys.classesAt(ns, seq ?? -1),
    enabled: seq !== null,
    queryFn: () => getClient().api.classesAt({ namespace: ns }, seq!),
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
  });
}

/** What changed in a namespace between two history points. */
export function useHistoryDiff(ns: string, range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: keys.historyDiff(ns, range?.from ?? -1, range?.to ?? -1),
    enabled: range !== null,
    queryFn: () => getClient().api.diffHistory({ namespace: ns }, range!.from, range!.to),
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
  });
}
