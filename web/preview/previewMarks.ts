import type { UpdateAnalysis } from '../../src/service/analyzeClassUpdate';
import type { PreviewMark } from '../state/preview';

/** The descendants an analysed put would touch: safe-mode conflicts and force-mode rewrites. */
export function previewClasses(a: UpdateAnalysis): Record<string, PreviewMark> {
  const out: Record<string, { conflicts: number; rewritten: boolean }> = {};
  const at = (name: string) => (out[name.toLowerCase()] ??= { conflicts: 0, rewritten: false });
  for (const c of a.safe.conflicts) at(c.className).conflicts++;
  for (const c of a.force.conflicts) at(c.className);
  for (const n of a.force.rewrittenClasses) at(n).rewritten = true;
  return out;
}
