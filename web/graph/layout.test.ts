import { describe, expect, it } from 'vitest';
import { treeLayout, type LayoutNode } from './layout';

/** A namespace node, `roots` root classes and random subtrees; one class with `wide` leaf children. */
function forest(count: number, wide: number, seed = 7): LayoutNode[] {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const nodes: LayoutNode[] = [{ id: 'ns', w: 160, h: 38, parent: null }];
  for (let i = 0; i < count; i++) {
    const parent = i < 20 ? 'ns' : `c${Math.floor(rnd() * i)}`;
    nodes.push({
      id: `c${i}`,
      w: 150 + Math.floor(rnd() * 150),
      h: 30 + (i % 3 === 0 ? 17 * Math.floor(rnd() * 6) + 8 : 0),
      parent,
    });
  }
  for (let i = 0; i < wide; i++) nodes.push({ id: `w${i}`, w: 180, h: 30, parent: 'c3' });
  return nodes;
}

function overlaps(nodes: readonly LayoutNode[], pos: Float64Array): string[] {
  const out: string[] = [];
  const boxes = nodes.map((n, i) => ({ id: n.id, x: pos[i * 2]!, y: pos[i * 2 + 1]!, w: n.w, h: n.h }));
  boxes.sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < boxes[i]!.x + boxes[i]!.w; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${a.id}/${b.id}`);
    }
  return out;
}

describe('tidy tree layout', () => {
  it('places 1,600 classes with a 193-wide fan-out without overlaps, roughly screen-shaped', () => {
    const nodes = forest(1430, 193);
    const t0 = performance.now();
    const r = treeLayout(nodes);
    const ms = performance.now() - t0;
    expect(overlaps(nodes, r.positions)).toEqual([]);
    expect(r.width / r.height).toBeGreaterThan(0.5);
    expect(r.width / r.height).toBeLessThan(6);
    expect(ms).toBeLessThan(200);
  });

  it('puts every subclass to the right of its superclass', () => {
    const nodes = forest(300, 40, 11);
    const r = treeLayout(nodes);
    const at = new Map(nodes.map((n, i) => [n.id, { x: r.positions[i * 2]!, w: n.w }]));
    for (const n of nodes)
      if (n.parent) expect(at.get(n.id)!.x).toBeGreaterThan(at.get(n.parent)!.x + at.get(n.parent)!.w);
  });

  it('packs many leaf children in a grid of columns, in order down each column', () => {
    const nodes: LayoutNode[] = [
      { id: 'p', w: 150, h: 30, parent: null },
      ...Array.from({ length: 40 }, (_, i) => ({ id: `l${i}`, w: 150, h: 30, parent: 'p' })),
    ];
    const r = treeLayout(nodes);
    const xs = new Set(nodes.slice(1).map((_, i) => r.positions[(i + 1) * 2]));
    expect(xs.size).toBeGreaterThan(2);
    expect(r.positions[2 * 2 + 1]!).toBeGreaterThan(r.positions[1 * 2 + 1]!);
  });
});
