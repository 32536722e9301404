import type { MofDocument, ValueNode, ArraySuffixNode, TypeNode } from './ast';
import { convertToType, type ConvertContext } from './convertValue';
import { makeDiagnostic, type MofDiagnostic } from './diagnostics';
import { cimType } from './toModel';

/**
 * Checks that need no repository, run right after parsing so they count as syntax errors
 * (decisions §12: nothing is applied while any remain): every default value written on a
 * property, parameter or qualifier declaration must convert to its declared type — integers in
 * range (WBEMMOF_E_OUT_OF_RANGE), the right kind of literal (WBEMMOF_E_TYPE_MISMATCH), arrays
 * only for arrays. Aliases are checked across files by checkAliases.
 */
export function checkDocument(document: MofDocument, text: string): MofDiagnostic[] {
  // Alias targets are unknown here; any name passes (checkAliases judges them).
  const ctx: ConvertContext = { problems: [], resolveAlias: () => '' };
  const check = (value: ValueNode | undefined, type: TypeNode, array: ArraySuffixNode | undefined): void => {
    // An array initializer on a scalar was reported by the parser already.
    if (value === undefined || type.base === 'void' || (value.kind === 'Array' && array === undefined)) return;
    convertToType(value, cimType(type, array), ctx);
  };
  for (const d of document.definitions) {
    if (d.kind === 'ClassDeclaration') {
      for (const f of d.features) {
        if (f.kind === 'Property') check(f.defaultValue, f.type, f.array);
        else for (const p of f.parameters) check(p.defaultValue, p.type, p.array);
      }
    } else if (d.kind === 'QualifierDeclaration' && d.type !== undefined) {
      check(d.defaultValue, d.type, d.array);
    }
  }
  return ctx.problems.map((p) =>
    makeDiagnostic(p.code, p.message, p.loc.file, text, {
      offset: p.loc.start,
      line: p.loc.line,
      column: p.loc.column,
      length: p.loc.end - p.loc.start,
    }),
  );
}
