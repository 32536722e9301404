import {
  type CimType,
  type ClassDefinition,
  type InstanceDefinition,
  type MethodDecl,
  type ParameterDecl,
  type PropertyDecl,
} from '../../model';
import { parameterIds } from '../../ops/shapeRules';
import { printQualifierList, type QualifierDeclLookup } from './printQualifiers';
import { printValue, type PropertyTypeLookup } from './printValue';

/** `uint32`, `Cls ref`, `object ref`, `Cls` (embedded), `object`. */
function typeText(t: CimType): string {
  if (t.base === 'ref') return `${t.className ?? 'object'} ref`;
  if (t.base === 'object') return t.className ?? 'object';
  return t.base;
}

function arraySuffix(t: CimType): string {
  return t.array ? `[${t.arraySize ?? ''}]` : '';
}

function printProperty(
  p: PropertyDecl,
  lookup: QualifierDeclLookup,
  indent: string,
  embedded: PropertyTypeLookup | undefined,
): string {
  const quals = printQualifierList(p.qualifiers, lookup, `\n${indent}`);
  const def = p.defaultValue !== undefined ? ` = ${printValue(p.defaultValue, p.type, indent, embedded)}` : '';
  return `${indent}${quals}${typeText(p.type)} ${p.name}${arraySuffix(p.type)}${def};`;
}

function printParameter(p: ParameterDecl, lookup: QualifierDeclLookup): string {
  const quals = printQualifierList(p.qualifiers, lookup, ' ');
  const def = p.defaultValue !== undefined ? ` = ${printValue(p.defaultValue, p.type)}` : '';
  return `${quals}${typeText(p.type)} ${p.name}${arraySuffix(p.type)}${def}`;
}

function printMethod(m: MethodDecl, lookup: QualifierDeclLookup, indent: string): string {
  const quals = printQualifierList(m.qualifiers, lookup, `\n${indent}`);
  // Parameters in ID order, as GetObjectText prints them.
  const ids = parameterIds(m.parameters);
  const params = m.parameters
    .map((p, i) => ({ p, id: ids[i] ?? i }))
    .sort((a, b) => a.id - b.id)
    .map(({ p }) => printParameter(p, lookup));
  const ret = m.returnType ? typeText(m.returnType) : 'void';
  const list = params.length > 2 ? `\n${indent}    ${params.join(`,\n${indent}    `)}` : params.join(', ');
  return `${indent}${quals}${ret} ${m.name}(${list});`;
}

/**
 * A class as WMI's GetObjectText prints it: its own qualifiers, properties and methods (nothing
 * inherited), flavors where they differ from the declarations, parameters by ID. `embedded`
 * gives the property types of embedded instances in default values.
 */
export function printClass(def: ClassDefinition, lookup: QualifierDeclLookup, embedded?: PropertyTypeLookup): string {
  const head = `${printQualifierList(def.qualifiers, lookup, '\n')}class ${def.name}${def.superclass ? ` : ${def.superclass}` : ''}`;
  const members = [
    ...def.properties.map((p) => printProperty(p, lookup, '    ', embedded)),
    ...def.methods.map((m) => printMethod(m, lookup, '    ')),
  ];
  return `${head}\n{\n${members.map((m) => `${m}\n`).join('')}};`;
}

/** An instance declaration; property types come from its class (and embedded ones' classes) where known. */
export function printInstance(
  inst: InstanceDefinition,
  lookup: QualifierDeclLookup,
  typeOf: (property: string) => CimType | undefined,
  embedded?: PropertyTypeLookup,
): string {
  const head = `${printQualifierList(inst.qualifiers, lookup, '\n')}instance of ${inst.className}`;
  const props = inst.properties.map((p) => `    ${p.name} = ${printValue(p.value, typeOf(p.name), '    ', embedded)};`);
  return `${head}\n{\n${props.map((l) => `${l}\n`).join('')}};`;
}
