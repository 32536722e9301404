/** What the layout needs of a node: its size and its superclass node, in display order. */
export interface LayoutNode {
  readonly id: string;
  readonly w: number;
  readonly h: number;
  readonly parent: string | null;
}

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface LayoutRequest {
  readonly id: number;
  readonly algorithm: 'tree' | 'elk';
  readonly nodes: readonly LayoutNode[];
  /** Extra edges elk takes into account (references); the tree layout ignores them. */
  readonly edges: readonly LayoutEdge[];
}

export interface LayoutResult {
  readonly id: number;
  /** Flat [x0, y0, x1, y1, …] in request order (cheap to post). */
  readonly positions: Float64Array;
  readonly width: number;
  readonly height: number;
  readonly ms: number;
  readonly algorithm: 'tree' | 'elk';
}

const GAP_X = 56;
const GAP_Y = 10;
/** More leaf children than this are packed in a grid rather than one tall column. */
const LEAF_WRAP = 10;

/** A subtree whose children stacked in one column would be taller than this is packed in columns. */
const PACK_HEIGHT = 1600;

interface Block {
  /** Node indexes, positions relative to the block's top-left corner. */
  readonly members: number[];
  readonly w: number;
  readonly h: number;
}

/**
 * A left-to-right tidy tree, O(n · depth): each subtree is a block; a class sits level with its
 * children; many leaf children (CIM_Dependency has 193) are packed in a grid of columns, in name
 * order down each column; children blocks that would stack taller than a screen or two are packed
 * in several columns, so a 1,600-class schema comes out roughly screen-shaped, not one endless column.
 */
export function treeLayout(nodes: readonly LayoutNode[]): { positions: Float64Array; width: number; height: number } {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const kids: number[][] = nodes.map(() => []);
  const roots: number[] = [];
  nodes.forEach((n, i) => {
    const p = n.parent !== null ? index.get(n.parent) : undefined;
    if (p === undefined) roots.push(i);
    else kids[p]!.push(i);
  });
  const pos = new Float64Array(nodes.length * 2);
  const shift = (b: Block, dx: number, dy: number) => {
    for (const m of b.members) {
      pos[m * 2] = pos[m * 2]! + dx;
      pos[m * 2 + 1] = pos[m * 2 + 1]! + dy;
    }
  };

  const leafGrid = (leaves: number[]): Block => {
    const cols = Math.max(2, Math.ceil(Math.sqrt(leaves.length / 2.5)));
    const rows = Math.ceil(leaves.length / cols);
    const colW: number[] = [];
    const rowH: number[] = [];
    leaves.forEach((c, k) => {
      const col = Math.floor(k / rows);
      const row = k % rows;
      colW[col] = Math.max(colW[col] ?? 0, nodes[c]!.w);
      rowH[row] = Math.max(rowH[row] ?? 0, nodes[c]!.h);
    });
    const colX: number[] = [];
    let x = 0;
    for (const w of colW) {
      colX.push(x);
      x += w + GAP_X / 2;
    }
    const rowY: number[] = [];
    let y = 0;
    for (const h of rowH) {
      rowY.push(y);
      y += h + GAP_Y;
    }
    leaves.forEach((c, k) => {
      pos[c * 2] = colX[Math.floor(k / rows)]!;
      pos[c * 2 + 1] = rowY[k % rows]!;
    });
    return { members: leaves, w: x - GAP_X / 2, h: y - GAP_Y };
  };

  const layout = (i: number): Block => {
    const n = nodes[i]!;
    const children = kids[i]!;
    pos[i * 2] = 0;
    pos[i * 2 + 1] = 0;
    if (children.length === 0) return { members: [i], w: n.w, h: n.h };
    const leaves = children.filter((c) => kids[c]!.length === 0);
    const blocks: Block[] = [];
    if (leaves.length > LEAF_WRAP) {
      blocks.push(leafGrid(leaves));
      for (const c of children) if (kids[c]!.length > 0) blocks.push(layout(c));
    } else {
      for (const c of children) blocks.push(layout(c));
    }
    const gap = (b: Block) => (b.members.length > 1 ? GAP_Y * 2 : GAP_Y);
    const stacked = blocks.reduce((a, b) => a + b.h + gap(b), 0);
    let columnH = Number.POSITIVE_INFINITY;
    if (stacked > PACK_HEIGHT && blocks.length >= 3) {
      const area = blocks.reduce((a, b) => a + (b.w + GAP_X) * (b.h + gap(b)), 0);
      columnH = Math.max(Math.max(...blocks.map((b) => b.h)), Math.sqrt(area / 1.7) * 1.15);
    }
    const x0 = n.w + GAP_X;
    let cx = x0;
    let cy = 0;
    let colW = 0;
    let height = 0;
    let firstColumnH = 0;
    let firstColumn = true;
    const members = [i];
    for (const b of blocks) {
      if (cy > 0 && cy + b.h > columnH) {
        if (firstColumn) firstColumnH = cy - gap(b);
        firstColumn = false;
        cx += colW + GAP_X * 1.5;
        cy = 0;
        colW = 0;
      }
      shift(b, cx, cy);
      members.push(...b.members);
      cy += b.h + gap(b);
      colW = Math.max(colW, b.w);
      height = Math.max(height, cy - gap(b));
    }
    if (firstColumn) firstColumnH = height;
    pos[i * 2 + 1] = Math.min(Math.max(0, (firstColumnH - n.h) / 2), 400);
    return { members, w: cx + colW, h: Math.max(height, n.h) };
  };

  let y = 0;
  let width = 0;
  for (const r of roots) {
    const b = layout(r);
    shift(b, 0, y);
    y += b.h + GAP_Y * 4;
    width = Math.max(width, b.w);
  }
  return { positions: pos, width, height: y };
}
