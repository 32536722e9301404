import { WBEM_FLAG } from '../errors/wbem';
import type { PragmaArgument, PragmaNode } from './ast';
import type { MofErrorCode } from './diagnostics';

/**
 * Meaning of the pragmas (wmi-semantics §10.3, decisions §12), shared by the parser (which
 * checks them, so a bad pragma is a syntax error reported before anything is applied) and the
 * compiler (which acts on them).
 */

export type PragmaCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: MofErrorCode; readonly message: string; readonly argIndex?: number };

const ok = <T>(value: T): PragmaCheck<T> => ({ ok: true, value });
const bad = <T>(code: MofErrorCode, message: string, argIndex?: number): PragmaCheck<T> =>
  argIndex === undefined ? { ok: false, code, message } : { ok: false, code, message, argIndex };

/** The pragmas WMI documents, plus DMTF's locale / instancelocale and `include` as a pragma. */
export const KNOWN_PRAGMAS: ReadonlySet<string> = new Set([
  'namespace',
  'classflags',
  'instanceflags',
  'deleteclass',
  'deleteinstance',
  'include',
  'locale',
  'instancelocale',
  'amendment',
  'autorecover',
]);

const CLASS_FLAG_NAMES: Readonly<Record<string, number>> = {
  createonly: WBEM_FLAG.CREATE_ONLY,
  updateonly: WBEM_FLAG.UPDATE_ONLY,
  safeupdate: WBEM_FLAG.UPDATE_SAFE_MODE,
  forceupdate: WBEM_FLAG.UPDATE_FORCE_MODE,
};
const INSTANCE_FLAG_NAMES: Readonly<Record<string, number>> = {
  createonly: WBEM_FLAG.CREATE_ONLY,
  updateonly: WBEM_FLAG.UPDATE_ONLY,
};

/** `classflags("updateonly", "forceupdate")` or `classflags(64)` → WBEM_FLAG bits, OR-ed. */
export function classFlagsOf(p: PragmaNode): PragmaCheck<number> {
  return flagsOf(p, CLASS_FLAG_NAMES, 'createonly, updateonly, safeupdate, forceupdate');
}

/** `instanceflags("createonly")` / `("updateonly")` or a number. */
export function instanceFlagsOf(p: PragmaNode): PragmaCheck<number> {
  return flagsOf(p, INSTANCE_FLAG_NAMES, 'createonly, updateonly');
}

function flagsOf(p: PragmaNode, names: Readonly<Record<string, number>>, list: string): PragmaCheck<number> {
  let flags = 0;
  for (let i = 0; i < p.args.length; i++) {
    const a = p.args[i]!;
    if (a.kind === 'Integer') {
      const v = Number(a.value);
      if (!Number.isSafeInteger(v) || v < 0)
        return bad('WBEMMOF_E_INVALID_FLAGS_SYNTAX', `Invalid flags value ${a.value}.`, i);
      flags |= v;
      continue;
    }
    // Each string may hold several names ("updateonly|forceupdate"): accepted, harmless.
    for (const word of a.value.split(/[\s|,]+/)) {
      if (word === '') continue;
      const bit = names[word.toLowerCase()];
      if (bit === undefined) {
        return bad('WBEMMOF_E_INVALID_FLAGS_SYNTAX', `Unknown ${p.name} flag "${word}": expected ${list}.`, i);
      }
      flags |= bit;
    }
  }
  if ((flags & WBEM_FLAG.CREATE_ONLY) !== 0 && (flags & WBEM_FLAG.UPDATE_ONLY) !== 0) {
    return bad('WBEMMOF_E_INVALID_FLAGS_SYNTAX', 'Contradictory flags: createonly cannot be combined with updateonly.');
  }
  if ((flags & WBEM_FLAG.UPDATE_SAFE_MODE) !== 0 && (flags & WBEM_FLAG.UPDATE_FORCE_MODE) !== 0) {
    return bad(
      'WBEMMOF_E_INVALID_FLAGS_SYNTAX',
      'Contradictory flags: safeupdate cannot be combined with forceupdate.',
    );
  }
  return ok(flags);
}

export interface DeleteTarget {
  /** Class name (deleteclass) or object path (deleteinstance). */
  readonly name: string;
  /** FAIL: absence is a failure; NOFAIL: absence is ignored. */
  readonly fail: boolean;
}

/** `deleteclass("Name", FAIL|NOFAIL)` / `deleteinstance("Class.Key=\"v\"", FAIL|NOFAIL)`. */
export function deleteTargetOf(p: PragmaNode): PragmaCheck<DeleteTarget> {
  const code: MofErrorCode =
    p.name === 'deleteclass' ? 'WBEMMOF_E_INVALID_DELETECLASS_SYNTAX' : 'WBEMMOF_E_INVALID_DELETEINSTANCE_SYNTAX';
  const what = p.name === 'deleteclass' ? 'a class name' : 'an object path';
  const [target, mode] = p.args;
  if (p.args.length !== 2 || target === undefined || mode === undefined) {
    return bad(code, `Expected #pragma ${p.name}(${what} in quotes, FAIL or NOFAIL).`);
  }
  if (target.kind !== 'String' || target.value === '') {
    return bad(code, `Expected ${what} in quotes as the first argument of #pragma ${p.name}.`, 0);
  }
  const m = mode.kind === 'Integer' ? '' : mode.value.toUpperCase();
  if (m !== 'FAIL' && m !== 'NOFAIL') return bad(code, `Expected FAIL or NOFAIL, found ${describeArg(mode)}.`, 1);
  return ok({ name: target.value, fail: m === 'FAIL' });
}

/** The one string argument of namespace / include / locale / instancelocale / amendment. */
export function stringArgOf(p: PragmaNode): PragmaCheck<string> {
  const code = STRING_ARG_CODE[p.name] ?? 'WBEMMOF_E_INVALID_PRAGMA';
  const a = p.args[0];
  if (p.args.length !== 1 || a === undefined || a.kind !== 'String') {
    return bad(code, `Expected #${p.directive === 'include' ? 'include' : `pragma ${p.name}`}("…") with one string.`);
  }
  if (p.name === 'amendment' && !/^ms_[0-9a-f]+$/i.test(a.value)) {
    return bad(code, `Expected a locale namespace name such as "MS_409", found "${a.value}".`, 0);
  }
  return ok(a.value);
}

const STRING_ARG_CODE: Readonly<Record<string, MofErrorCode>> = {
  namespace: 'WBEMMOF_E_INVALID_NAMESPACE_SYNTAX',
  include: 'WBEMMOF_E_INVALID_INCLUDE_FILE',
  amendment: 'WBEMMOF_E_INVALID_AMENDMENT_SYNTAX',
};

/** Checks a pragma's arguments; undefined when it is well formed. */
export function checkPragma(p: PragmaNode): Extract<PragmaCheck<unknown>, { ok: false }> | undefined {
  let r: PragmaCheck<unknown>;
  switch (p.name) {
    case 'classflags':
      r = classFlagsOf(p);
      break;
    case 'instanceflags':
      r = instanceFlagsOf(p);
      break;
    case 'deleteclass':
    case 'deleteinstance':
      r = deleteTargetOf(p);
      break;
    case 'namespace': {
      const s = stringArgOf(p);
      r = s.ok ? resolveNamespace('root', s.value) : s;
      break;
    }
    case 'include':
    case 'locale':
    case 'instancelocale':
    case 'amendment':
      r = stringArgOf(p);
      break;
    case 'autorecover':
      r = p.args.length === 0 ? ok(null) : bad('WBEMMOF_E_INVALID_PRAGMA', '#pragma autorecover takes no arguments.');
      break;
    default:
      r = bad(
        'WBEMMOF_E_INVALID_PRAGMA',
        `Unknown pragma "${p.name}": expected one of ${[...KNOWN_PRAGMAS].join(', ')}.`,
      );
  }
  return r.ok ? undefined : r;
}

/**
 * Resolves a `#pragma namespace` path against the current namespace (decisions §12):
 * - `\\.\root\x` (also `//./root/x`): absolute; a server other than `.` is
 *   WBEMMOF_E_INVALID_NAMESPACE_SPECIFICATION (the compiler writes to the local repository);
 * - `\root\x`: rooted, i.e. absolute without a server — the corpus's SampleViewer.Mof writes
 *   `\root\cimv2\SAMPLE_Office` right after creating SAMPLE_Office in root\cimv2;
 * - `root\x`: a path whose first element is `root` is absolute too, as MOFs in the wild write it
 *   (`#pragma namespace("root\\wmi")`) and every WMI namespace lives under root;
 * - anything else (`x`, `a\b`): relative, joined to the current namespace.
 * Forward slashes are read as backslashes.
 */
export function resolveNamespace(current: string, spec: string): PragmaCheck<string> {
  let s = spec.trim().replace(/\//g, '\\');
  let absolute = false;
  if (s.startsWith('\\\\')) {
    const end = s.indexOf('\\', 2);
    const server = end < 0 ? s.slice(2) : s.slice(2, end);
    if (server !== '.') {
      return bad(
        'WBEMMOF_E_INVALID_NAMESPACE_SPECIFICATION',
        `Namespace "${spec}" names the server "${server}": only the local server "." can be written to.`,
        0,
      );
    }
    s = end < 0 ? '' : s.slice(end + 1);
    absolute = true;
  } else if (s.startsWith('\\')) {
    s = s.slice(1);
    absolute = true;
  }
  const parts = s.split('\\');
  if (parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.some((x) => x === '' || /[:*?"<>|]/.test(x))) {
    return bad('WBEMMOF_E_INVALID_NAMESPACE_SYNTAX', `Invalid namespace path "${spec}".`, 0);
  }
  if (!absolute && parts[0]!.toLowerCase() === 'root') absolute = true;
  return ok(absolute ? parts.join('\\') : `${current}\\${parts.join('\\')}`);
}

/** How a pragma is listed in MofCompileResult.pragmas: `locale("en_US")`, `autorecover`. */
export function formatPragma(p: PragmaNode): string {
  if (p.args.length === 0) return p.name;
  return `${p.name}(${p.args.map(describeArg).join(', ')})`;
}

function describeArg(a: PragmaArgument): string {
  return a.kind === 'String' ? JSON.stringify(a.value) : a.value;
}
