import { describe, expect, it } from 'vitest';
import type { CimClass } from '../../src/service/cimObjects';
import { buildClassIndex } from '../data/classIndex';
import type { Draft } from '../state/drafts';
import { buildGraph, type GraphOptions } from './model';

function cls(
  name: string,
  superclass: string | null,
  derivation: string[],
  props: string[] = [],
  quals: { name: string; value: unknown }[] = [],
): CimClass {
  const definition = {
    genus: 'class' as const,
    name,
    superclass,
    qualifiers: quals.map((q) => ({
      name: q.name,
      type: { base: 'boolean' as const, array: false },
      value: q.value as boolean,
      flavor: 0,
    })),
    properties: props.map((p) => ({ name: p, type: { base: 'string' as const, array: false }, qualifiers: [] })),
    methods: [],
  };
  return {
    ...definition,
    genus: 'class',
    derivation,
    qualifiers: definition.qualifiers,
    properties: [],
    methods: [],
    definition,
    system: {} as CimClass['system'],
  };
}

// A ─ B ─ C ─ D, A ─ E; F (association, root); __SystemClass.
const classes = [
  cls('A', null, [], ['Id'], [{ name: 'Abstract', value: true }]),
  cls('B', 'A', ['A'], ['Size']),
  cls('C', 'B', ['B', 'A']),
  cls('D', 'C', ['C', 'B', 'A']),
  cls('E', 'A', ['A']),
  cls('F', null, [], [], [{ name: 'Association', value: true }]),
  cls('__SystemClass', null, []),
];
const index = buildClassIndex(classes);
const base: GraphOptions = {
  ns: 'root\\x',
  showSystem: false,
  showReferences: false,
  showProperties: true,
  propsOpen: {},
  collapsed: {},
  collapseDepth: 1,
  collapseAbove: 150,
  focus: null,
  drafts: [],
};
const ids = (o: Partial<GraphOptions>) => buildGraph(index, { ...base, ...o }).nodes.map((n) => n.id);

describe('graph model', () => {
  it('shows a namespace node, every user class, inheritance edges, and markers', () => {
    const g = buildGraph(index, base);
    expect(g.nodes.map((n) => n.id)).toEqual(['ns', 'c:a', 'c:b', 'c:c', 'c:d', 'c:e', 'c:f']);
    expect(g.edges.find((e) => e.target === 'c:d')!.source).toBe('c:c');
    const a = g.nodes.find((n) => n.id === 'c:a')!;
    expect(a.flags.abstract).toBe(true);
    expect(a.props.map((p) => p.name)).toEqual(['Id']);
    expect(g.nodes.find((n) => n.id === 'c:f')!.flags.association).toBe(true);
    expect(ids({ showSystem: true })).toContain('c:__systemclass');
  });

  it('collapses a subtree by hand and counts what it hides', () => {
    const g = buildGraph(index, { ...base, collapsed: { b: true } });
    expect(g.nodes.map((n) => n.id)).not.toContain('c:c');
    expect(g.nodes.find((n) => n.id === 'c:b')!.hidden).toBe(2);
  });

  it('focuses on a class: its ancestors and N levels of descendants only', () => {
    expect(ids({ focus: { id: 'c:b', depth: 1 } })).toEqual(['ns', 'c:a', 'c:b', 'c:c']);
    expect(ids({ focus: { id: 'c:b', depth: 0 } })).toEqual(['ns', 'c:a', 'c:b']);
  });

  it('collapses deep subtrees by default in large namespaces', () => {
    expect(ids({ collapseAbove: 2, collapseDepth: 1 })).toEqual(['ns', 'c:a', 'c:b', 'c:e', 'c:f']);
  });

  it('shows a new-class draft under its superclass and an edited class with its draft properties', () => {
    const fresh: Draft = {
      id: 'd:1',
      ns: 'root\\x',
      base: null,
      def: { ...classes[0]!.definition, name: 'G', superclass: 'E', qualifiers: [] },
      past: [],
      future: [],
      amended: false,
    };
    const edited: Draft = {
      id: 'c:b',
      ns: 'root\\x',
      base: classes[1]!.definition,
      def: {
        ...classes[1]!.definition,
        properties: [
          ...classes[1]!.definition.properties,
          { name: 'Extra', type: { base: 'uint32', array: false }, qualifiers: [] },
        ],
      },
      past: [],
      future: [],
      amended: false,
    };
    const g = buildGraph(index, { ...base, drafts: [fresh, edited] });
    expect(g.nodes.find((n) => n.id === 'd:1')!.parent).toBe('c:e');
    expect(g.nodes.find((n) => n.id === 'c:b')!.props.map((p) => `${p.name}:${p.type}`)).toEqual([
      'Size:string',
      'Extra:uint32',
    ]);
  });
});
