import { create } from 'zustand';
import type { QualifierTrace } from '../../src/service/traceQualifier';

/** How a draft's put would touch one descendant (a preview: nothing has been put). */
export interface PreviewMark {
  /** Conflicts safe mode reports with this class. */
  readonly conflicts: number;
  /** Force mode would rewrite this class. */
  readonly rewritten: boolean;
}

/** The descendants a draft would affect, painted on the graph while the draft is edited. */
export interface PreviewMarks {
  readonly ns: string;
  /** The draft's class. */
  readonly source: string;
  /** By lower-cased class name. */
  readonly classes: Readonly<Record<string, PreviewMark>>;
}

interface PreviewState {
  marks: PreviewMarks | null;
  setMarks(m: PreviewMarks | null): void;
  /** Clears the marks only if `source` set them. */
  clearFrom(ns: string, source: string): void;
}

export const usePreview = create<PreviewState>()((set) => ({
  marks: null,
  setMarks: (marks) => set({ marks }),
  clearFrom: (ns, source) =>
    set((s) =>
      s.marks && s.marks.ns.toLowerCase() === ns.toLowerCase() && s.marks.source.toLowerCase() === source.toLowerCase()
        ? { marks: null }
        : s,
    ),
}));

/** The preview mark of one class node (narrow selector). */
export const usePreviewMark = (ns: string, key: string) =>
  usePreview((s) => (s.marks && s.marks.ns.toLowerCase() === ns.toLowerCase() ? s.marks.classes[key] : undefined));

/** A class's part in the qualifier propagation overlay. */
export interface TraceMark {
  readonly via: 'declared' | 'propagated' | 'overridden';
  /** DisableOverride blocks giving it another value here. */
  readonly blocked: boolean;
}

/** The qualifier propagation overlay: who receives it, by lower-cased class name. */
export interface TraceOverlay {
  readonly ns: string;
  readonly trace: QualifierTrace;
  readonly classes: Readonly<Record<string, TraceMark>>;
}

export function traceOverlay(ns: string, trace: QualifierTrace): TraceOverlay {
  const classes: Record<string, TraceMark> = {
    [trace.className.toLowerCase()]: { via: 'declared', blocked: false },
  };
  for (const r of trace.receivers) classes[r.className.toLowerCase()] = { via: r.via, blocked: !r.overridable };
  return { ns, trace, classes };
}

export const useTrace = create<{ overlay: TraceOverlay | null; set(o: TraceOverlay | null): void }>()((set) => ({
  overlay: null,
  set: (overlay) => set({ overlay }),
}));

/** The propagation mark of one class node (narrow selector). */
export const useTraceMark = (ns: string, key: string) =>
  useTrace((s) => (s.overlay && s.overlay.ns.toLowerCase() === ns.toLowerCase() ? s.overlay.classes[key] : undefined));
