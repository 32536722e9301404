import { HR } from '../../src/errors/wbem';
import { getClient } from '../data/engine';
import { download, graphToPng, graphToSvg } from '../graph/exportGraph';
import type { GraphModel } from '../graph/model';
import type { Positions } from '../graph/useLayout';
import { useUi } from '../state/ui';

let latest: { model: GraphModel; positions: Positions | null } | null = null;

/** The graph as last laid out (the app records it for the exports). */
export function recordGraph(model: GraphModel, positions: Positions | null) {
  latest = { model, positions };
}

const fileBase = () => `classwright-${useUi.getState().namespace.replace(/\\/g, '_')}`;

export async function exportGraph(kind: 'svg' | 'png') {
  if (!latest?.positions) return;
  const theme = useUi.getState().theme;
  if (kind === 'svg') download(`${fileBase()}.svg`, graphToSvg(latest.model, latest.positions, theme), 'image/svg+xml');
  else download(`${fileBase()}.png`, await graphToPng(latest.model, latest.positions, theme));
}

/** The namespace's qualifier declarations, classes and static instances as one `.mof` download. */
export async function exportNamespaceMof(ns: string) {
  const r = await getClient().api.exportMof({ namespace: ns });
  if (r.hr === HR.S_NO_ERROR) download(`${fileBase()}.mof`, r.text, 'text/plain');
}
