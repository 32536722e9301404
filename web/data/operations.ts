import type { ExtendedStatus } from '../../src/errors/extendedStatus';
import type { Conflict } from '../../src/errors/opFailure';
import { HR, WBEM_FLAG, WBEM_STATUS, hrName } from '../../src/errors/wbem';
import type { ClassDefinition, InstanceDefinition } from '../../src/model';
import type { MofImportResult } from '../../src/service/importMof';
import type { UpdateAnalysis } from '../../src/service/analyzeClassUpdate';
import type { ChangeSetResult } from '../../src/service/changeSet';
import type { Conn, MofImportOptionsData, MofInput, SinkCall } from '../../src/worker/engineApi';
import { useStatus, type CallStyle, type ConflictMark, type LogRow } from '../state/status';
import { getClient } from './engine';
import { contextObject, decodeProgress, flagNames, hex, putFlags, type PutChoices, type UpdateMode } from './flags';

export const failed = (hr: number) => hr >>> 0 >= 0x80000000;

/** The final outcome of a call, whatever its style. */
export interface CallEnd {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  readonly call: number;
}

// -- The log, batched: a 1,600-class import streams 1,600 SetStatus calls.

let pending: Omit<LogRow, 'id'>[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function flush() {
  flushTimer = null;
  const rows = pending;
  pending = [];
  if (rows.length) useStatus.getState().append(rows);
}

function log(row: Omit<LogRow, 'id' | 'time'>, now = false) {
  pending.push({ ...row, time: Date.now() });
  if (now) {
    if (flushTimer) clearTimeout(flushTimer);
    flush();
  } else if (!flushTimer) flushTimer = setTimeout(flush, 50);
}

/** Write every buffered log row now (tests, and before reading the log). */
export function flushLog() {
  if (flushTimer) clearTimeout(flushTimer);
  flush();
}

export const statusText = (hr: number, eo: ExtendedStatus | null) =>
  eo?.Description ? eo.Description : failed(hr) ? hrName(hr) : hr === 0 ? 'Success' : hrName(hr);

interface CallInfo {
  operation: string;
  ns: string;
  className: string | null;
  style: CallStyle;
  flags: number;
}

function begin(info: CallInfo, text: string): number {
  const id = useStatus.getState().beginCall(info);
  log(
    {
      call: id,
      operation: info.operation,
      style: info.style,
      ns: info.ns,
      className: info.className,
      event: 'call',
      hr: null,
      text,
      errorObject: null,
    },
    true,
  );
  return id;
}

function row(
  info: CallInfo,
  call: number,
  rest: Pick<LogRow, 'event' | 'hr' | 'text' | 'errorObject'> & { progress?: LogRow['progress'] },
  now = false,
) {
  log({ call, operation: info.operation, style: info.style, ns: info.ns, className: info.className, ...rest }, now);
}

function end(info: CallInfo, call: number, hr: number, errorObject: ExtendedStatus | null): CallEnd {
  useStatus.getState().updateCall(call, { finished: true, hr });
  flushLog();
  if (info.className) {
    if (failed(hr)) {
      const last = useStatus.getState().rows.at(-1);
      useStatus.getState().pin(info.ns, info.className, {
        hr,
        operation: info.operation,
        text: statusText(hr, errorObject),
        row: last?.id ?? 0,
      });
    } else useStatus.getState().dismiss(info.ns, info.className);
  }
  return { hr, errorObject, call };
}

/**
 * Runs an asynchronous call with a fresh sink, logging every Indicate and SetStatus as it streams;
 * resolves with the final SetStatus.
 */
function withSink(
  info: CallInfo,
  call: number,
  start: (sinkId: string) => Promise<number>,
  onIndicate?: (objects: readonly unknown[]) => void,
): Promise<CallEnd> {
  return new Promise<CallEnd>((resolve) => {
    const onCall = (c: SinkCall) => {
      if (c.kind === 'indicate') {
        onIndicate?.(c.objects);
        row(info, call, {
          event: 'indicate',
          hr: null,
          text: `Indicate: ${c.objects.length} object${c.objects.length === 1 ? '' : 's'}`,
          errorObject: null,
        });
        return;
      }
      if (c.flags === WBEM_STATUS.PROGRESS) {
        const p = decodeProgress(c.hr);
        useStatus.getState().updateCall(call, { progress: p });
        row(info, call, {
          event: 'progress',
          hr: null,
          progress: p,
          text: `SetStatus(WBEM_STATUS_PROGRESS, ${p.done} of ${p.total})`,
          errorObject: null,
        });
        return;
      }
      row(
        info,
        call,
        {
          event: 'complete',
          hr: c.hr,
          text: `SetStatus(WBEM_STATUS_COMPLETE): ${statusText(c.hr, c.errorObject)}`,
          errorObject: c.errorObject,
        },
        true,
      );
      sink.close();
      resolve(end(info, call, c.hr, c.errorObject));
    };
    const sink = getClient().openSink(onCall);
    start(sink.id).then(
      (hr) => {
        row(info, call, { event: 'return', hr, text: `returned ${hrName(hr)}`, errorObject: null }, true);
        if (failed(hr)) {
          sink.close();
          resolve(end(info, call, hr, null));
        }
      },
      (e: unknown) => {
        sink.close();
        const hr = typeof (e as { hr?: unknown })?.hr === 'number' ? (e as { hr: number }).hr : HR.E_FAILED;
        row(info, call, { event: 'return', hr, text: String((e as Error)?.message ?? e), errorObject: null }, true);
        resolve(end(info, call, hr, null));
      },
    );
  });
}

// -- PutClass

export interface PutResult extends CallEnd {
  readonly analysis: UpdateAnalysis | null;
}

/** PutClass with every choice of the put dialog, in the chosen call style. */
export async function runPut(ns: string, def: ClassDefinition, choices: PutChoices): Promise<PutResult> {
  const api = getClient().api;
  const flags = putFlags(choices);
  const conn: Conn = { namespace: ns, ...(choices.principal.trim() ? { user: choices.principal.trim() } : {}) };
  const ctx = contextObject(choices.context);
  const info: CallInfo = { operation: 'PutClass', ns, className: def.name, style: choices.style, flags };
  // What each mode would do, so conflicts can be marked precisely whatever the outcome.
  const analysis: UpdateAnalysis | null = await api
    .analyzeClassUpdate(conn, def, flags & ~WBEM_FLAG.RETURN_IMMEDIATELY & ~WBEM_FLAG.SEND_STATUS)
    .catch(() => null);
  const call = begin(
    info,
    `${choices.style === 'async' ? 'PutClassAsync' : 'PutClass'}(${def.name}, ${hex(flags)} ${flagNames(flags)}${ctx ? `, context ${Object.keys(ctx).join(', ')}` : ''}) as ${conn.user ?? 'Administrator'}`,
  );
  let result: CallEnd;
  if (choices.style === 'async') {
    result = await withSink(info, call, (sink) => api.putClassAsync(conn, def, flags, ctx, sink));
  } else if (choices.style === 'sync') {
    const o = await api.putClass(conn, def, flags, ctx);
    row(
      info,
      call,
      { event: 'return', hr: o.hr, text: `returned ${statusText(o.hr, o.errorObject)}`, errorObject: o.errorObject },
      true,
    );
    result = end(info, call, o.hr, o.errorObject);
  } else {
    result = await semisync(info, call, () => api.putClass(conn, def, flags, ctx));
  }
  markConflicts(ns, def.name, choices.mode, result.hr, analysis);
  return { ...result, analysis };
}

async function semisync(
  info: CallInfo,
  call: number,
  start: () => Promise<{ hr: number; errorObject: ExtendedStatus | null; callResultId?: number }>,
): Promise<CallEnd> {
  const api = getClient().api;
  const o = await start();
  row(
    info,
    call,
    {
      event: 'return',
      hr: o.hr,
      text: `returned ${hrName(o.hr)}${o.callResultId !== undefined ? ` with IWbemCallResult #${o.callResultId}` : ''}`,
      errorObject: o.errorObject,
    },
    true,
  );
  if (o.callResultId === undefined) return end(info, call, o.hr, o.errorObject);
  let wait = 0;
  for (let i = 0; i < 600; i++) {
    const s = await api.getCallStatus(o.callResultId, wait);
    if (s.hr === HR.S_TIMEDOUT) {
      row(info, call, {
        event: 'poll',
        hr: s.hr,
        text: `GetCallStatus(${wait} ms): WBEM_S_TIMEDOUT`,
        errorObject: null,
      });
      wait = 250;
      continue;
    }
    const status = s.status ?? s.hr;
    row(
      info,
      call,
      {
        event: 'complete',
        hr: status,
        text: `GetCallStatus(${wait} ms): ${statusText(status, s.errorObject)}`,
        errorObject: s.errorObject,
      },
      true,
    );
    await api.releaseCallResult(o.callResultId);
    return end(info, call, status, s.errorObject);
  }
  return end(info, call, HR.E_FAILED, null);
}

/** Marks every descendant a put conflicted with (or force rewrote) on the graph and in the editor. */
export function markConflicts(
  ns: string,
  source: string,
  mode: UpdateMode,
  hr: number,
  analysis: UpdateAnalysis | null,
) {
  const outcome = analysis?.[mode];
  if (!outcome) return;
  const ok = !failed(hr);
  const conflicts: Record<string, ConflictMark[]> = {};
  const add = (c: Conflict) => {
    const k = c.className.toLowerCase();
    (conflicts[k] ??= []).push({ ...c, source, mode, resolved: ok && mode === 'force' });
  };
  outcome.conflicts.forEach(add);
  // A failed compatible put does not list conflicts: show safe mode's, so the children are visible.
  if (!ok && outcome.conflicts.length === 0 && mode === 'compatible') analysis.safe.conflicts.forEach(add);
  const rewritten: Record<string, true> = {};
  if (ok) for (const r of outcome.rewrittenClasses) rewritten[r.toLowerCase()] = true;
  const has = Object.keys(conflicts).length > 0 || Object.keys(rewritten).length > 0;
  if (!has) {
    const cur = useStatus.getState().marks;
    if (cur && cur.source.toLowerCase() === source.toLowerCase() && ok) useStatus.getState().setMarks(null);
    return;
  }
  useStatus.getState().setMarks({
    ns,
    source,
    mode,
    hr,
    time: Date.now(),
    conflicts,
    rewritten,
    deletedInstances: ok ? outcome.deletedInstances : [],
  });
}

// -- DeleteClass

export async function runDelete(ns: string, className: string): Promise<CallEnd> {
  const api = getClient().api;
  const info: CallInfo = { operation: 'DeleteClass', ns, className, style: 'async', flags: WBEM_FLAG.SEND_STATUS };
  const call = begin(info, `DeleteClassAsync(${className}, ${hex(WBEM_FLAG.SEND_STATUS)} WBEM_FLAG_SEND_STATUS)`);
  const r = await withSink(info, call, (sink) =>
    api.deleteClassAsync({ namespace: ns }, className, WBEM_FLAG.SEND_STATUS, null, sink),
  );
  if (!failed(r.hr)) useStatus.getState().dismiss(ns, className);
  return r;
}

// -- Instances and namespaces

export async function runPutInstance(ns: string, inst: InstanceDefinition, what: string): Promise<CallEnd> {
  const info: CallInfo = { operation: 'PutInstance', ns, className: null, style: 'sync', flags: 0 };
  const call = begin(info, `PutInstance(${what})`);
  const o = await getClient().api.putInstance({ namespace: ns }, inst, 0);
  row(
    info,
    call,
    {
      event: 'return',
      hr: o.hr,
      text: `returned ${statusText(o.hr, o.errorObject)}${o.path ? `: ${o.path}` : ''}`,
      errorObject: o.errorObject,
    },
    true,
  );
  return end(info, call, o.hr, o.errorObject);
}

/** A namespace is created by putting an `__NAMESPACE` instance in its parent (decisions §8). */
export function createNamespace(parent: string, name: string): Promise<CallEnd> {
  return runPutInstance(
    parent,
    { genus: 'instance', className: '__NAMESPACE', qualifiers: [], properties: [{ name: 'Name', value: name }] },
    `__NAMESPACE.Name="${name}" in ${parent}`,
  );
}

// -- MOF import

export interface ImportEnd extends CallEnd {
  readonly result: MofImportResult | null;
}

const isImportResult = (o: unknown): o is MofImportResult =>
  typeof o === 'object' &&
  o !== null &&
  Array.isArray((o as MofImportResult).diagnostics) &&
  Array.isArray((o as MofImportResult).failures);

/** importMofAsync with SEND_STATUS: progress per declaration, then the full result. */
export async function runImport(
  ns: string,
  input: MofInput,
  options: MofImportOptionsData,
  what: string,
): Promise<ImportEnd> {
  const api = getClient().api;
  const flags = WBEM_FLAG.SEND_STATUS;
  const info: CallInfo = { operation: 'MOF import', ns, className: null, style: 'async', flags };
  const call = begin(
    info,
    `Import MOF ${what} into ${ns}${options.continueOnError ? ' (continue on error)' : ' (atomic)'}`,
  );
  let result: MofImportResult | null = null;
  const r = await withSink(
    info,
    call,
    (sink) => api.importMofAsync({ namespace: ns }, input, flags, options, sink),
    (objects) => {
      for (const o of objects) if (isImportResult(o)) result = o;
    },
  );
  return { ...r, result };
}

// -- Repository undo / redo

export async function runUndo(kind: 'undo' | 'redo'): Promise<CallEnd> {
  const api = getClient().api;
  const info: CallInfo = {
    operation: kind === 'undo' ? 'Undo' : 'Redo',
    ns: '',
    className: null,
    style: 'sync',
    flags: 0,
  };
  const call = begin(info, kind === 'undo' ? 'Undo the last operation' : 'Redo the last undone operation');
  const o = kind === 'undo' ? await api.undo() : await api.redo();
  const text = o.hr === HR.S_FALSE ? `Nothing to ${kind}` : (o.label?.text ?? statusText(o.hr, o.errorObject));
  row(info, call, { event: 'return', hr: o.hr, text, errorObject: o.errorObject }, true);
  return end(info, call, o.hr, o.errorObject);
}

/** Bring the repository back to the state right after history entry `seq`, as one new operation. */
export async function runRestore(seq: number, label: string): Promise<CallEnd> {
  const info: CallInfo = { operation: 'RestoreHistory', ns: '', className: null, style: 'sync', flags: 0 };
  const call = begin(info, `Restore the repository to #${seq} ${label}`);
  const o = await getClient().api.restoreHistory(seq);
  const eo = o.errorObject;
  const text = failed(o.hr) ? statusText(o.hr, eo) : `Restored to #${seq} ${label}`;
  row(info, call, { event: 'return', hr: o.hr, text, errorObject: eo }, true);
  return end(info, call, o.hr, eo);
}

// -- Change sets

/** The lFlags of a change set's puts: create or update, in one update mode (amended if any draft was read so). */
export function changeSetFlags(mode: UpdateMode, amended: boolean): number {
  return putFlags({
    updateType: 'either',
    mode,
    useAmended: amended,
    sendStatus: false,
    ownerUpdate: false,
    style: 'sync',
    context: [],
    principal: '',
  });
}

/** Put several classes as one operation and one undo step (bases first), logged as one call. */
export async function runChangeSet(
  ns: string,
  defs: readonly ClassDefinition[],
  mode: UpdateMode,
  amended: boolean,
): Promise<CallEnd & { result: ChangeSetResult }> {
  const flags = changeSetFlags(mode, amended);
  const info: CallInfo = { operation: 'PutChangeSet', ns, className: null, style: 'sync', flags };
  const call = begin(info, `Change set of ${defs.length} classes (${hex(flags)} ${flagNames(flags)})`);
  const result = await getClient().api.putChangeSet({ namespace: ns }, defs, flags);
  const text = result.committed
    ? `Put ${result.order.join(', ')} as one operation`
    : statusText(result.hr, result.errorObject);
  row(info, call, { event: 'return', hr: result.hr, text, errorObject: result.errorObject }, true);
  return { ...end(info, call, result.hr, result.errorObject), result };
}
