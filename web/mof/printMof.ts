import type { ClassDefinition, QualifierDeclaration } from '../../src/model';
import { printClass as printClassDecl } from '../../src/mof/print/printClass';
import type { QualifierDeclLookup } from '../../src/mof/print/printQualifiers';
export { mofString } from '../../src/mof/print/printValue';

/**
 * MOF text for the designer, written by the engine's printer (src/mof/print: GetObjectText's
 * form, flavors where they differ from the namespace's qualifier declarations), so what the
 * designer shows and exports is what the MOF compiler reads back.
 */

function lookupOf(decls: readonly QualifierDeclaration[]): QualifierDeclLookup {
  const byName = new Map(decls.map((d) => [d.name.toLowerCase(), d]));
  return (name) => byName.get(name.toLowerCase());
}

/** One class: its own declarations, as `Show MOF` prints it. */
export function printClass(def: ClassDefinition, decls: readonly QualifierDeclaration[] = []): string {
  return `${printClassDecl(def, lookupOf(decls))}\n`;
}
