import type { AliasRefNode, ClassDeclarationNode, InstanceDeclarationNode, Loc, MofDocument, ValueNode } from './ast';
import { makeDiagnostic, type MofDiagnostic, type MofErrorCode } from './diagnostics';

/**
 * `as $Alias` across a compilation (every document of an import: includes are textual, so
 * aliases are shared by the files of one import). Forward references are allowed — the
 * compiler puts the referencing instance after the referenced one — but an alias must be
 * defined once, must exist, and must not depend on itself.
 */

export type AliasedDeclaration = InstanceDeclarationNode | ClassDeclarationNode;

/** Every `$Alias` used in a declaration's values (embedded instances included). */
export function aliasReferences(decl: AliasedDeclaration): AliasRefNode[] {
  const out: AliasRefNode[] = [];
  if (decl.kind === 'InstanceDeclaration') {
    for (const p of decl.properties) if (p.value !== undefined) collectRefs(p.value, out);
  } else {
    for (const f of decl.features) {
      if (f.kind === 'Property' && f.defaultValue !== undefined) collectRefs(f.defaultValue, out);
    }
  }
  return out;
}

function collectRefs(v: ValueNode, out: AliasRefNode[]): void {
  if (v.kind === 'AliasRef') out.push(v);
  else if (v.kind === 'Array') for (const e of v.values) collectRefs(e, out);
  else if (v.kind === 'InstanceValue') {
    for (const p of v.properties) if (p.value !== undefined) collectRefs(p.value, out);
  }
}

/** Alias (lower case) → the first declaration that defines it. */
export function aliasDefinitions(documents: readonly MofDocument[]): Map<string, AliasedDeclaration> {
  const defs = new Map<string, AliasedDeclaration>();
  for (const doc of documents) {
    for (const d of doc.definitions) {
      if ((d.kind === 'InstanceDeclaration' || d.kind === 'ClassDeclaration') && d.alias !== undefined) {
        const key = d.alias.value.toLowerCase();
        if (!defs.has(key)) defs.set(key, d);
      }
    }
  }
  return defs;
}

export interface CheckAliasesOptions {
  /** Report aliases that nothing defines (off when some includes were not followed). */
  readonly requireDefined: boolean;
  /** Source text by file, for code frames. */
  readonly getText?: (file: string) => string | undefined;
}

/** The class and instance declarations of documents, in order: what checkAliases reads. */
export function aliasedDeclarations(documents: readonly MofDocument[]): AliasedDeclaration[] {
  const out: AliasedDeclaration[] = [];
  for (const doc of documents) {
    for (const d of doc.definitions) if (d.kind === 'InstanceDeclaration' || d.kind === 'ClassDeclaration') out.push(d);
  }
  return out;
}

/**
 * Whether checkAliases needs to see a declaration: it defines an alias or uses one. (A compiler
 * that drops syntax trees as it goes keeps just these.)
 */
export function takesPartInAliases(d: AliasedDeclaration): boolean {
  return d.alias !== undefined || aliasReferences(d).length > 0;
}

/**
 * Alias rules across an import, over its class and instance declarations in source order
 * (aliasedDeclarations; declarations that neither define nor use an alias may be left out).
 */
export function checkAliases(
  declarations: readonly AliasedDeclaration[],
  options: CheckAliasesOptions,
): MofDiagnostic[] {
  const diagnostics: MofDiagnostic[] = [];
  const report = (code: MofErrorCode, message: string, loc: Loc): void => {
    diagnostics.push(
      makeDiagnostic(code, message, loc.file, options.getText?.(loc.file) ?? '', {
        offset: loc.start,
        line: loc.line,
        column: loc.column,
        length: loc.end - loc.start,
      }),
    );
  };
  const defs = new Map<string, AliasedDeclaration>();
  const users: AliasedDeclaration[] = [];
  for (const d of declarations) {
    users.push(d);
    if (d.alias === undefined) continue;
    const key = d.alias.value.toLowerCase();
    const first = defs.get(key);
    if (first !== undefined) {
      report(
        'WBEMMOF_E_MULTIPLE_ALIASES',
        `Alias $${d.alias.value} is already defined at ${first.loc.file}:${first.loc.line}:${first.loc.column}.`,
        d.alias.loc,
      );
    } else defs.set(key, d);
  }
  if (options.requireDefined) {
    for (const d of users) {
      for (const r of aliasReferences(d)) {
        if (!defs.has(r.name.toLowerCase()))
          report('WBEMMOF_E_UNEXPECTED_ALIAS', `Alias $${r.name} is not defined.`, r.loc);
      }
    }
  }
  for (const cycle of findAliasCycles(defs)) {
    report(
      'WBEMMOF_E_UNEXPECTED_ALIAS',
      `Circular alias references: ${cycle.path.map((a) => `$${a}`).join(' → ')}; an instance cannot refer to itself through aliases.`,
      cycle.at.loc,
    );
  }
  return diagnostics;
}

export interface AliasCycle {
  /** Alias names around the cycle, the first repeated at the end. */
  readonly path: readonly string[];
  /** The reference that closes the cycle. */
  readonly at: AliasRefNode;
}

/** Cycles in "the instance aliased $A uses $B"; each reported once. Iterative DFS (no deep recursion). */
export function findAliasCycles(defs: ReadonlyMap<string, AliasedDeclaration>): AliasCycle[] {
  const state = new Map<string, 1 | 2>(); // 1 on stack, 2 done
  const cycles: AliasCycle[] = [];
  for (const root of defs.keys()) {
    if (state.has(root)) continue;
    const stack: Array<{ key: string; refs: AliasRefNode[]; i: number }> = [];
    const push = (key: string): void => {
      state.set(key, 1);
      stack.push({ key, refs: aliasReferences(defs.get(key)!), i: 0 });
    };
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.refs.length) {
        state.set(top.key, 2);
        stack.pop();
        continue;
      }
      const ref = top.refs[top.i++]!;
      const key = ref.name.toLowerCase();
      if (!defs.has(key)) continue;
      const s = state.get(key);
      if (s === undefined) push(key);
      else if (s === 1) {
        const from = stack.findIndex((f) => f.key === key);
        const path = stack.slice(from).map((f) => defs.get(f.key)!.alias!.value);
        cycles.push({ path: [...path, path[0]!], at: ref });
      }
    }
  }
  return cycles;
}
