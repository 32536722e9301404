import { describe, expect, it } from 'vitest';
import type { QualifierDeclaration } from '../model';
import { namespaceKey, RepositoryState } from './RepositoryState';

const decl = (name: string, flavor: number): QualifierDeclaration => ({
  name,
  type: { base: 'string', array: false },
  scopes: ['any'],
  flavor,
});

describe('NamespaceData.qualifierDecl', () => {
  it('finds a declaration by any spelling, and follows every change to the declarations', () => {
    const state = new RepositoryState();
    state.apply({ kind: 'namespace', ns: 'root', after: true });
    const ns = state.ns('root')!;
    expect(ns.qualifierDecl('Description')).toBeUndefined();

    // Asked for before it existed: the remembered miss must not outlive the declaration's arrival.
    state.apply({ kind: 'qualifierDecl', ns: 'root', name: 'Description', after: decl('Description', 1) });
    expect(ns.qualifierDecl('Description')?.flavor).toBe(1);
    expect(ns.qualifierDecl('DESCRIPTION')?.flavor).toBe(1);

    state.apply({ kind: 'qualifierDecl', ns: 'root', name: 'description', after: decl('description', 2) });
    expect(ns.qualifierDecl('Description')?.flavor).toBe(2);
    expect(ns.qualifierDecls.get('description')?.name).toBe('description');

    state.apply({ kind: 'qualifierDecl', ns: 'root', name: 'Description' });
    expect(ns.qualifierDecl('Description')).toBeUndefined();
    expect(ns.qualifierDecls.size).toBe(0);
  });
});

describe('namespaceKey', () => {
  it('gives the canonical key of every spelling, also when asked again', () => {
    for (let round = 0; round < 2; round++) {
      expect(namespaceKey('root\\CIMV2')).toBe('root\\cimv2');
      expect(namespaceKey('//server/root/cimv2/')).toBe('root\\cimv2');
      expect(namespaceKey('\\\\.\\Root\\Default')).toBe('root\\default');
    }
  });

  it('stays right past the number of paths it remembers', () => {
    for (let i = 0; i < 600; i++) expect(namespaceKey(`Root/NS${i}`)).toBe(`root\\ns${i}`);
    expect(namespaceKey('root\\CIMV2')).toBe('root\\cimv2');
  });
});
