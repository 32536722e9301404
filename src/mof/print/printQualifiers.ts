import { WBEM_FLAVOR } from '../../errors/wbem';
import { nameKey, type Qualifier, type QualifierDeclaration } from '../../model';
import { flavorKeywords } from '../flavors';
import { printValue } from './printValue';

export type QualifierDeclLookup = (name: string) => QualifierDeclaration | undefined;

/** Flavor keywords that give exactly `flavor` when written on a use (they start from 0). */
export function useFlavorKeywords(flavor: number): string[] {
  const out = flavorKeywords(flavor);
  return out.length ? out : ['Restricted'];
}

/**
 * One qualifier: `Key`, `MaxLen(10)`, `ValueMap{"0", "1"}`, with `: ToSubClass …` only when its
 * flavor differs from what its declaration would give (so the text compiles back to the same).
 */
export function printQualifier(q: Qualifier, lookup: QualifierDeclLookup): string {
  const decl = lookup(q.name);
  let text = q.name;
  if (q.value === true && (!decl?.type || decl.type.base === 'boolean') && !q.type.array) {
    // a bare qualifier is boolean TRUE
  } else if (Array.isArray(q.value)) {
    text += printValue(q.value, q.type);
  } else {
    text += `(${printValue(q.value, q.type)})`;
  }
  const expected = decl?.flavor ?? 0;
  if (q.flavor !== expected) text += `: ${useFlavorKeywords(q.flavor).join(' ')}`;
  return text;
}

/** `[A, B(1)]` followed by a separator, or nothing when there are no qualifiers. */
export function printQualifierList(qs: readonly Qualifier[], lookup: QualifierDeclLookup, sep: string): string {
  if (qs.length === 0) return '';
  return `[${qs.map((q) => printQualifier(q, lookup)).join(', ')}]${sep}`;
}

/** Flavor(...) keywords that turn DMTF's default (ToSubclass, EnableOverride) into `flavor`. */
function declFlavorKeywords(flavor: number): string[] {
  const out: string[] = [];
  if (!(flavor & WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS))
    out.push(flavor & WBEM_FLAVOR.PROPAGATE_TO_INSTANCE ? 'NotToSubClass' : 'Restricted');
  if (flavor & WBEM_FLAVOR.PROPAGATE_TO_INSTANCE) out.push('ToInstance');
  if (flavor & WBEM_FLAVOR.NOT_OVERRIDABLE) out.push('DisableOverride');
  if (flavor & WBEM_FLAVOR.AMENDED) out.push('Translatable');
  return out;
}

/** A qualifier declaration, DMTF form, or WMI's flavor statement when it has no type. */
export function printQualifierDecl(d: QualifierDeclaration): string {
  if (!d.type) return `Qualifier ${d.name} : ${useFlavorKeywords(d.flavor).join(' ')};`;
  let text = `Qualifier ${d.name} : ${d.type.base}${d.type.array ? `[${d.type.arraySize ?? ''}]` : ''}`;
  if (d.defaultValue !== undefined) text += ` = ${printValue(d.defaultValue, d.type)}`;
  if (d.scopes.length) text += `,\n    Scope(${d.scopes.join(', ')})`;
  const fl = declFlavorKeywords(d.flavor);
  if (fl.length) text += `,\n    Flavor(${fl.join(', ')})`;
  return `${text};`;
}

export function lookupIn(decls: ReadonlyMap<string, QualifierDeclaration>): QualifierDeclLookup {
  return (name) => decls.get(nameKey(name));
}
