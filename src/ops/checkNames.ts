import { type OpFailure, failure } from '../errors/opFailure';
import { HR, MAX_NAME_LENGTH } from '../errors/wbem';

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** IDENT without a trailing `_`, by character codes (the regex is most of a put's name checks). */
function isPlainIdentifier(name: string): boolean {
  const n = name.length;
  if (n === 0 || name.charCodeAt(n - 1) === 95) return false;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i) | 0x20;
    if (c >= 97 && c <= 122) continue;
    const d = name.charCodeAt(i);
    if (i === 0 || !((d >= 48 && d <= 57) || d === 95)) return false;
  }
  return true;
}

/** Class name rules, in decisions §2 step 2 order. */
export function checkClassName(name: string): OpFailure | null {
  if (name.startsWith('_')) {
    return failure(
      HR.E_INVALID_OPERATION,
      name,
      `Class name "${name}" starts with "_", which is reserved for system classes.`,
    );
  }
  if (name.endsWith('_')) {
    return failure(HR.E_INVALID_OBJECT, name, `Class name "${name}" ends with "_".`);
  }
  if (!IDENT.test(name)) {
    return failure(
      HR.E_INVALID_PARAMETER,
      name,
      `Class name "${name}" is not a letter followed by letters, digits and underscores.`,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    return failure(
      HR.E_CLASS_NAME_TOO_WIDE,
      name,
      `Class name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed.`,
    );
  }
  return null;
}

const TOO_WIDE = {
  property: HR.E_PROPERTY_NAME_TOO_WIDE,
  method: HR.E_METHOD_NAME_TOO_WIDE,
  qualifier: HR.E_QUALIFIER_NAME_TOO_WIDE,
  parameter: HR.E_PROPERTY_NAME_TOO_WIDE,
} as const;

/**
 * Whether checkMemberName passes the name, without building anything: a schema import checks
 * every name of every put, so callers build the failure's path only when this is false.
 */
export function validMemberName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && isPlainIdentifier(name);
}

/** Property, method, parameter and qualifier names (decisions §2 step 6, first rule). */
export function checkMemberName(name: string, kind: keyof typeof TOO_WIDE, path: readonly string[]): OpFailure | null {
  if (validMemberName(name)) return null;
  if (name.startsWith('_') || name.endsWith('_') || !IDENT.test(name)) {
    return failure(
      HR.E_INVALID_PARAMETER,
      name,
      `The ${kind} name "${name}" is not valid: names start with a letter and neither start nor end with "_".`,
      path,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    return failure(
      TOO_WIDE[kind],
      name,
      `The ${kind} name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed.`,
      path,
    );
  }
  return null;
}
