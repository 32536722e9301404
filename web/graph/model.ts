import type { ClassDefinition, PropertyDecl, Qualifier } from '../../src/model';
import { formatCimType } from '../../src/model/cimType';
import type { CimClass } from '../../src/service/cimObjects';
import { isSystemName, type ClassIndex } from '../data/classIndex';
import type { Draft } from '../state/drafts';

/** One property row drawn on a node. */
export interface PropRow {
  readonly name: string;
  readonly type: string;
  readonly key: boolean;
}

export interface NodeFlags {
  readonly abstract: boolean;
  readonly association: boolean;
  /** The owning provider: the engine's, or the one a `[Dynamic, Provider(...)]` class names. */
  readonly provider: string | null;
  readonly amended: boolean;
  readonly system: boolean;
}

/** A node of the hierarchy graph before layout. */
export interface GNode {
  readonly id: string;
  readonly kind: 'namespace' | 'class' | 'draft';
  readonly name: string;
  readonly superclass: string | null;
  readonly parent: string | null;
  readonly depth: number;
  readonly w: number;
  readonly h: number;
  readonly props: readonly PropRow[];
  /** Local properties not drawn (past the row limit). */
  readonly moreProps: number;
  readonly flags: NodeFlags;
  readonly childCount: number;
  /** Descendants hidden because this subtree is collapsed. */
  readonly hidden: number;
  readonly collapsed: boolean;
  readonly propsOpen: boolean;
}

export interface GEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'inherit' | 'ref';
  readonly label?: string;
}

export interface GraphModel {
  readonly nodes: readonly GNode[];
  readonly edges: readonly GEdge[];
  /** Changes whenever positions must be recomputed. */
  readonly layoutKey: string;
  readonly total: number;
}

export interface GraphOptions {
  readonly ns: string;
  readonly showSystem: boolean;
  readonly showReferences: boolean;
  readonly showProperties: boolean;
  readonly propsOpen: Readonly<Record<string, boolean>>;
  readonly collapsed: Readonly<Record<string, boolean>>;
  readonly collapseDepth: number;
  /** Below this many classes nothing is collapsed by default. */
  readonly collapseAbove: number;
  readonly focus: { readonly id: string; readonly depth: number } | null;
  /** Drafts of this namespace: edited classes and new classes. */
  readonly drafts: readonly Draft[];
}

export const NS_NODE = 'ns';
const MAX_ROWS = 14;
const HEAD_H = 30;
const ROW_H = 17;
const CHAR_W = 7.4;
const ROW_CHAR_W = 6.6;

const hasQual = (qs: readonly Qualifier[], name: string) =>
  qs.some((q) => q.name.toLowerCase() === name && q.value !== false && q.value !== null);
const qualValue = (qs: readonly Qualifier[], name: string) => qs.find((q) => q.name.toLowerCase() === name)?.value;

export function flagsOf(c: CimClass | null, def: ClassDefinition): NodeFlags {
  const qs = c ? c.qualifiers : def.qualifiers;
  const providerQ = qualValue(qs, 'provider');
  const dynamic = hasQual(qs, 'dynamic');
  const amendedBit = (q: Qualifier) => (q.flavor & 0x80) !== 0;
  const amended =
    def.qualifiers.some(amendedBit) ||
    def.properties.some((p) => p.qualifiers.some(amendedBit)) ||
    def.methods.some((m) => m.qualifiers.some(amendedBit));
  return {
    abstract: hasQual(def.qualifiers, 'abstract'),
    association: hasQual(qs, 'association'),
    provider: c?.provider ?? (dynamic && typeof providerQ === 'string' ? providerQ : null),
    amended,
    system: isSystemName(def.name),
  };
}

function propRows(props: readonly PropertyDecl[], keys: ReadonlySet<string>): PropRow[] {
  return props.map((p) => ({
    name: p.name,
    type: formatCimType(p.type),
    key: keys.has(p.name.toLowerCase()) || hasQual(p.qualifiers, 'key'),
  }));
}

function size(
  name: string,
  rows: readonly PropRow[],
  open: boolean,
  more: number,
  badges: number,
): { w: number; h: number } {
  let w = name.length * CHAR_W + 48 + badges * 22;
  if (open) for (const r of rows) w = Math.max(w, (r.name.length + r.type.length + 3) * ROW_CHAR_W + 28);
  w = Math.round(Math.min(360, Math.max(150, w)));
  const lines = open ? rows.length + (more > 0 ? 1 : 0) : 0;
  return { w, h: HEAD_H + (lines > 0 ? lines * ROW_H + 8 : 0) };
}

/**
 * The visible graph: one namespace node, its classes (and new-class drafts) below their
 * superclasses, minus collapsed subtrees and, in a focus view, everything but the focused class,
 * its ancestors and `depth` levels of descendants.
 */
export function buildGraph(index: ClassIndex, o: GraphOptions): GraphModel {
  const nodes: GNode[] = [];
  const edges: GEdge[] = [];
  const big = index.userCount > o.collapseAbove;
  const editedById = new Map<string, Draft>();
  const newByParent = new Map<string, Draft[]>();
  for (const d of o.drafts) {
    if (d.base === null) {
      const p = d.def.superclass?.toLowerCase() ?? '';
      const parent = p && index.byKey.has(p) ? p : '';
      let list = newByParent.get(parent);
      if (!list) newByParent.set(parent, (list = []));
      list.push(d);
    } else editedById.set(d.id, d);
  }

  // Focus: the ancestors' keys and the focused class's key.
  let focusKey: string | null = null;
  let ancestors: Set<string> | null = null;
  if (o.focus && o.focus.id.startsWith('c:')) {
    focusKey = o.focus.id.slice(2);
    const c = index.byKey.get(focusKey);
    if (c) ancestors = new Set(c.derivation.map((n) => n.toLowerCase()));
    else focusKey = null;
  }

  const visible = (key: string) => o.showSystem || !isSystemName(key);
  const keyRow = new Set<string>();
  const layoutParts: string[] = [];

  const addClass = (key: string, parentId: string, depth: number, focusDepth: number | null) => {
    const c = index.byKey.get(key)!;
    const id = `c:${key}`;
    const draft = editedById.get(id);
    const def = draft?.def ?? c.definition;
    const kids = (index.children.get(key) ?? []).filter(visible);
    const newKids = newByParent.get(key) ?? [];
    const childCount = kids.length + newKids.length;
    const manual = o.collapsed[key];
    let collapsed: boolean;
    if (childCount === 0) collapsed = false;
    // In a focus view the path to the focused class is open, and the depth limit applies below it.
    else if (ancestors?.has(key)) collapsed = false;
    else if (focusDepth !== null) collapsed = manual ?? focusDepth >= (o.focus?.depth ?? 0);
    else collapsed = manual ?? (big && depth >= o.collapseDepth);
    const open = o.propsOpen[key] ?? (o.showProperties && !big);
    keyRow.clear();
    for (const p of c.properties) if (p.key) keyRow.add(p.name.toLowerCase());
    const all = propRows(def.properties, keyRow);
    const rows = all.slice(0, MAX_ROWS);
    const more = all.length - rows.length;
    const flags = flagsOf(draft ? null : c, def);
    const badges = 1.6 * +flags.abstract + 2 * +flags.association + 1.8 * +!!flags.provider + 1.8 * +flags.amended;
    const { w, h } = size(def.name, rows, open, more, badges + (collapsed ? 1 : 0));
    nodes.push({
      id,
      kind: 'class',
      name: def.name,
      superclass: def.superclass,
      parent: parentId,
      depth,
      w,
      h,
      props: open ? rows : [],
      moreProps: open ? more : 0,
      flags,
      childCount,
      hidden: collapsed ? countVisible(index, key, visible) + newKids.length : 0,
      collapsed,
      propsOpen: open,
    });
    edges.push({ id: `i:${id}`, source: parentId, target: id, kind: 'inherit' });
    layoutParts.push(`${id}<${parentId}:${w}x${h}`);
    if (collapsed) return;
    for (const k of kids) {
      if (ancestors && focusKey && !ancestors.has(k) && k !== focusKey && focusDepth === null) continue;
      const fd = focusDepth !== null ? focusDepth + 1 : k === focusKey ? 0 : null;
      addClass(k, id, depth + 1, fd);
    }
    if (focusKey === null || focusDepth !== null) for (const d of newKids) addDraft(d, id, depth + 1);
  };

  const addDraft = (d: Draft, parentId: string, depth: number) => {
    const rows = propRows(d.def.properties, new Set());
    const flags = flagsOf(null, d.def);
    const { w, h } = size(
      d.def.name || 'New class',
      rows.slice(0, MAX_ROWS),
      true,
      Math.max(0, rows.length - MAX_ROWS),
      1,
    );
    nodes.push({
      id: d.id,
      kind: 'draft',
      name: d.def.name,
      superclass: d.def.superclass,
      parent: parentId,
      depth,
      w,
      h,
      props: rows.slice(0, MAX_ROWS),
      moreProps: Math.max(0, rows.length - MAX_ROWS),
      flags,
      childCount: 0,
      hidden: 0,
      collapsed: false,
      propsOpen: true,
    });
    edges.push({ id: `i:${d.id}`, source: parentId, target: d.id, kind: 'inherit' });
    layoutParts.push(`${d.id}<${parentId}:${w}x${h}`);
  };

  const roots = (index.children.get('') ?? []).filter(visible);
  const nsLabel = o.ns;
  nodes.push({
    id: NS_NODE,
    kind: 'namespace',
    name: nsLabel,
    superclass: null,
    parent: null,
    depth: -1,
    w: Math.max(150, Math.round(nsLabel.length * CHAR_W + 40)),
    h: HEAD_H + 8,
    props: [],
    moreProps: 0,
    flags: { abstract: false, association: false, provider: null, amended: false, system: false },
    childCount: roots.length,
    hidden: 0,
    collapsed: false,
    propsOpen: false,
  });
  for (const r of roots) {
    if (focusKey && ancestors && !ancestors.has(r) && r !== focusKey) continue;
    addClass(r, NS_NODE, 0, r === focusKey ? 0 : null);
  }
  if (!focusKey) for (const d of newByParent.get('') ?? []) addDraft(d, NS_NODE, 0);

  if (o.showReferences) {
    const shown = new Set(nodes.map((n) => n.id));
    for (const n of nodes) {
      if (n.kind === 'namespace') continue;
      const def =
        n.kind === 'draft'
          ? o.drafts.find((d) => d.id === n.id)?.def
          : (editedById.get(n.id)?.def ?? index.byKey.get(n.id.slice(2))?.definition);
      for (const p of def?.properties ?? []) {
        if (p.type.base !== 'ref' || !p.type.className) continue;
        const target = `c:${p.type.className.toLowerCase()}`;
        if (shown.has(target))
          edges.push({ id: `r:${n.id}:${p.name}`, source: n.id, target, kind: 'ref', label: p.name });
      }
    }
  }
  return {
    nodes,
    edges,
    layoutKey: layoutParts.join('|') + (o.showReferences ? '|refs' : ''),
    total: index.classes.length,
  };
}

function countVisible(index: ClassIndex, key: string, visible: (k: string) => boolean): number {
  let n = 0;
  for (const k of index.children.get(key) ?? []) if (visible(k)) n += 1 + countVisible(index, k, visible);
  return n;
}
