import { WBEM_FLAG } from '../errors/wbem';
import { resolveNamespace } from '../mof/pragmas';

export type Command = 'check' | 'compile' | 'classes' | 'export' | 'help';

/** A command line read into options; `error` when the switches are bad (exit code 2). */
export interface CliOptions {
  readonly command: Command;
  readonly files: readonly string[];
  readonly repo?: string;
  /** Resolved `-N:` namespace (`root\x`), when given. */
  readonly namespace?: string;
  readonly classFlags?: number;
  readonly instanceFlags?: number;
  readonly continueOnError: boolean;
  readonly json: boolean;
}

export type ParsedArgs =
  { readonly ok: true; readonly options: CliOptions } | { readonly ok: false; readonly error: string };

/** The switches each command accepts. */
const ALLOWED: Readonly<Record<Command, ReadonlySet<string>>> = {
  check: new Set(),
  compile: new Set(['repo', 'namespace', 'class', 'instance', 'continue']),
  classes: new Set(['repo', 'namespace', 'class', 'instance', 'continue', 'json']),
  export: new Set(['repo', 'namespace']),
  help: new Set(),
};

/** mofcomp's `-class:` keywords and the PutClass flags they stand for (decisions §12). */
export const CLASS_SWITCHES: Readonly<Record<string, number>> = {
  createonly: WBEM_FLAG.CREATE_ONLY,
  updateonly: WBEM_FLAG.UPDATE_ONLY,
  safeupdate: WBEM_FLAG.UPDATE_SAFE_MODE,
  forceupdate: WBEM_FLAG.UPDATE_FORCE_MODE,
};

export const INSTANCE_SWITCHES: Readonly<Record<string, number>> = {
  createonly: WBEM_FLAG.CREATE_ONLY,
  updateonly: WBEM_FLAG.UPDATE_ONLY,
};

const bad = (error: string): ParsedArgs => ({ ok: false, error });

/**
 * Reads `classwright <command> [switches] FILE…`. Switches may come before or after files;
 * `--` ends them. mofcomp-style switches (`-N:`, `-class:`, `-instance:`) are case-insensitive.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === '-?' || first === 'help')
    return { ok: true, options: { command: 'help', files: [], continueOnError: false, json: false } };
  if (!(first in ALLOWED) || first === 'help') return bad(`unknown command "${first}"`);
  const command = first as Command;
  const allowed = ALLOWED[command];
  const files: string[] = [];
  let repo: string | undefined;
  let namespace: string | undefined;
  let classFlags: number | undefined;
  let instanceFlags: number | undefined;
  let continueOnError = false;
  let json = false;
  const use = (name: string, shown: string): string | undefined =>
    allowed.has(name) ? undefined : `${command} does not take ${shown}`;

  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h' || a === '-?')
      return { ok: true, options: { command: 'help', files: [], continueOnError: false, json: false } };
    if (!a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    const lower = a.toLowerCase();
    let problem: string | undefined;
    if (lower === '--repo' || lower.startsWith('--repo=')) {
      problem = use('repo', '--repo');
      const v = lower === '--repo' ? rest[++i] : a.slice('--repo='.length);
      if (problem === undefined && (v === undefined || v === '')) problem = '--repo needs a file name';
      repo = v;
    } else if (lower.startsWith('-n:')) {
      problem = use('namespace', '-N:');
      const spec = a.slice(3);
      if (problem === undefined) {
        const r = spec === '' ? undefined : resolveNamespace('root', spec);
        if (r === undefined || !r.ok) problem = `-N: needs a namespace path such as root\\cimv2, got "${spec}"`;
        else if (!/^root(\\|$)/i.test(r.value)) problem = `-N:${spec}: namespaces live under root`;
        else namespace = r.value;
      }
    } else if (lower.startsWith('-class:')) {
      problem = use('class', '-class:');
      if (problem === undefined) {
        const r = flagsOf(a.slice(7), CLASS_SWITCHES, '-class:', classFlags);
        if (typeof r === 'string') problem = r;
        else classFlags = r;
      }
    } else if (lower.startsWith('-instance:')) {
      problem = use('instance', '-instance:');
      if (problem === undefined) {
        const r = flagsOf(a.slice(10), INSTANCE_SWITCHES, '-instance:', instanceFlags);
        if (typeof r === 'string') problem = r;
        else instanceFlags = r;
      }
    } else if (lower === '--continue') {
      problem = use('continue', '--continue');
      continueOnError = true;
    } else if (lower === '--json') {
      problem = use('json', '--json');
      json = true;
    } else {
      problem = `unknown switch "${a}"`;
    }
    if (problem !== undefined) return bad(problem);
  }

  if (command !== 'export' && command !== 'classes' && files.length === 0)
    return bad(`${command} needs at least one MOF file`);
  if (command === 'export' && files.length > 0) return bad(`export takes no files (got "${files[0]}")`);
  return {
    ok: true,
    options: {
      command,
      files,
      ...(repo !== undefined ? { repo } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      ...(classFlags !== undefined ? { classFlags } : {}),
      ...(instanceFlags !== undefined ? { instanceFlags } : {}),
      continueOnError,
      json,
    },
  };
}

/** `createonly`, `updateonly,safeupdate`: OR-ed into what earlier switches gave; refuses contradictions. */
function flagsOf(
  text: string,
  table: Readonly<Record<string, number>>,
  shown: string,
  before: number | undefined,
): number | string {
  let flags = before ?? 0;
  const words = text.split(/[,|+]/).map((w) => w.trim().toLowerCase());
  for (const w of words) {
    const f = table[w];
    if (f === undefined) return `${shown}${text}: expected ${Object.keys(table).join(', ')}`;
    flags |= f;
  }
  const both = (a: number, b: number) => (flags & a) !== 0 && (flags & b) !== 0;
  if (both(WBEM_FLAG.CREATE_ONLY, WBEM_FLAG.UPDATE_ONLY))
    return `${shown}: createonly and updateonly exclude each other`;
  if (both(WBEM_FLAG.UPDATE_SAFE_MODE, WBEM_FLAG.UPDATE_FORCE_MODE))
    return `${shown}: safeupdate and forceupdate exclude each other`;
  return flags;
}
