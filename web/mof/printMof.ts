import type { CimType, ClassDefinition, InstanceDefinition, QualifierDeclaration } from '../../src/model';
import { printClass as printClassDecl, printInstance } from '../../src/mof/print/printClass';
import { printQualifierDecl, type QualifierDeclLookup } from '../../src/mof/print/printQualifiers';
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

/**
 * A namespace's qualifier declarations, classes (every superclass before its subclasses) and
 * instances as one file. `typeOf` gives an instance property's type from its class.
 */
export function printNamespace(
  ns: string,
  decls: readonly QualifierDeclaration[],
  classes: readonly ClassDefinition[],
  instances: readonly InstanceDefinition[],
  typeOf: (className: string, property: string) => CimType | undefined = () => undefined,
): string {
  const lookup = lookupOf(decls);
  const head = `// MOF exported by Classwright from ${ns}\n// ${classes.length} classes, ${instances.length} instances\n`;
  const parts = [
    head,
    ...decls.map(printQualifierDecl),
    ...basesFirst(classes).map((c) => printClassDecl(c, lookup)),
    ...instances.map((i) => printInstance(i, lookup, (p) => typeOf(i.className, p))),
  ];
  return `${parts.join('\n\n')}\n`;
}

function basesFirst(classes: readonly ClassDefinition[]): ClassDefinition[] {
  const byKey = new Map(classes.map((c) => [c.name.toLowerCase(), c]));
  const done = new Set<string>();
  const out: ClassDefinition[] = [];
  const visit = (c: ClassDefinition) => {
    const k = c.name.toLowerCase();
    if (done.has(k)) return;
    done.add(k);
    const parent = c.superclass ? byKey.get(c.superclass.toLowerCase()) : undefined;
    if (parent) visit(parent);
    out.push(c);
  };
  classes.forEach(visit);
  return out;
}
