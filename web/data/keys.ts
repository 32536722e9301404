/** Query keys, one factory per feature (TkDodo's "effective query keys"); namespaces lower-cased. */
const nsk = (ns: string) => ns.toLowerCase();

export const keys = {
  all: ['engine'] as const,
  namespaces: () => [...keys.all, 'namespaces'] as const,
  classesIn: (ns: string) => [...keys.all, 'classes', nsk(ns)] as const,
  classes: (ns: string, amended: boolean) => [...keys.classesIn(ns), { amended }] as const,
  instancesIn: (ns: string) => [...keys.all, 'instances', nsk(ns)] as const,
  instances: (ns: string, className: string) => [...keys.instancesIn(ns), className.toLowerCase()] as const,
  qualifierDecls: (ns: string) => [...keys.all, 'qualifierDecls', nsk(ns)] as const,
  analysisIn: (ns: string) => [...keys.all, 'analysis', nsk(ns)] as const,
  analysis: (ns: string, fingerprint: string, flags: number) => [...keys.analysisIn(ns), fingerprint, flags] as const,
  history: () => [...keys.all, 'history'] as const,
  /** A past point of the history never changes: keyed by namespace and seq. */
  classesAt: (ns: string, seq: number) => [...keys.all, 'classesAt', nsk(ns), seq] as const,
  historyDiff: (ns: string, fromSeq: number, toSeq: number) =>
    [...keys.all, 'historyDiff', nsk(ns), fromSeq, toSeq] as const,
  info: () => [...keys.all, 'info'] as const,
};
