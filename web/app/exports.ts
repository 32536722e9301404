import { HR, WBEM_FLAG } from '../../src/errors/wbem';
import type { InstanceDefinition } from '../../src/model';
import { isSystemName } from '../data/classIndex';
import { getClient } from '../data/engine';
import { download, graphToPng, graphToSvg } from '../graph/exportGraph';
import type { GraphModel } from '../graph/model';
import type { Positions } from '../graph/useLayout';
import { printNamespace } from '../mof/printMof';
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
  const api = getClient().api;
  const conn = { namespace: ns };
  const classes = await api.createClassEnum(conn, null, 0);
  if (classes.hr !== HR.S_NO_ERROR) return;
  const user = classes.objects.filter((c) => !isSystemName(c.name));
  const decls = await api.enumQualifierDecls(conn);
  const roots = user.filter((c) => !c.superclass || isSystemName(c.superclass));
  const instances: InstanceDefinition[] = [];
  for (const r of roots) {
    const e = await api.createInstanceEnum(conn, r.name, WBEM_FLAG.DEEP);
    if (e.hr === HR.S_NO_ERROR) instances.push(...e.objects.map((i) => i.definition));
  }
  download(
    `${fileBase()}.mof`,
    printNamespace(
      ns,
      decls,
      user.map((c) => c.definition),
      instances,
    ),
    'text/plain',
  );
}
