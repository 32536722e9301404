import { WBEM_FLAVOR } from '../errors/wbem';
import {
  cimType,
  type CimScalarType,
  type CimType,
  type CimValue,
  type ClassDefinition,
  type MethodDecl,
  type ParameterDecl,
  type PropertyDecl,
  type Qualifier,
} from './index';

/** Small builders for definitions in code (system classes, tests). */

function typeOfValue(v: CimValue): CimType {
  if (typeof v === 'boolean') return cimType('boolean');
  if (typeof v === 'number') return cimType(Number.isInteger(v) ? 'sint32' : 'real64');
  if (Array.isArray(v)) {
    const first = v[0];
    const t = first === undefined ? cimType('string') : typeOfValue(first);
    return { ...t, array: true };
  }
  return cimType('string');
}

export function qual(name: string, value: CimValue = true, flavor = 0): Qualifier {
  return { name, type: typeOfValue(value), value, flavor };
}

export const TOSUBCLASS = WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS;
export const TOINSTANCE = WBEM_FLAVOR.PROPAGATE_TO_INSTANCE;
export const DISABLEOVERRIDE = WBEM_FLAVOR.NOT_OVERRIDABLE;
export const AMENDED = WBEM_FLAVOR.AMENDED;

/** `prop('Id', 'string', [qual('Key')])`; type text as formatCimType writes it (`uint32[]`, `ref:Foo`). */
export function prop(
  name: string,
  type: string,
  qualifiers: readonly Qualifier[] = [],
  defaultValue?: CimValue,
): PropertyDecl {
  return {
    name,
    type: parseTypeText(type),
    qualifiers,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  };
}

export function param(name: string, type: string, qualifiers: readonly Qualifier[] = []): ParameterDecl {
  return { name, type: parseTypeText(type), qualifiers };
}

export function method(
  name: string,
  returnType: string | null,
  parameters: readonly ParameterDecl[] = [],
  qualifiers: readonly Qualifier[] = [],
): MethodDecl {
  return { name, returnType: returnType === null ? null : parseTypeText(returnType), parameters, qualifiers };
}

export function cls(
  name: string,
  superclass: string | null,
  members: {
    qualifiers?: readonly Qualifier[];
    properties?: readonly PropertyDecl[];
    methods?: readonly MethodDecl[];
  } = {},
): ClassDefinition {
  return {
    genus: 'class',
    name,
    superclass,
    qualifiers: members.qualifiers ?? [],
    properties: members.properties ?? [],
    methods: members.methods ?? [],
  };
}

function parseTypeText(text: string): CimType {
  let s = text;
  let array = false;
  if (s.endsWith('[]')) {
    array = true;
    s = s.slice(0, -2);
  }
  const [base, className] = s.split(':') as [string, string | undefined];
  return cimType(base as CimScalarType, array, className);
}
