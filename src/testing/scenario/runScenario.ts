import { HR, WBEM_FLAG_BY_NAME, WBEM_RIGHT_BY_NAME, WBEM_STATUS, hrByName, hrName } from '../../errors/wbem';
import type { ExtendedStatus } from '../../errors/extendedStatus';
import type { IntrinsicEvent } from '../../events/intrinsicEvent';
import type { CimObjectDefinition } from '../../model';
import { Repository } from '../../repository/Repository';
import { normalizeNamespace, parentNamespace } from '../../repository/RepositoryState';
import type { CimClass } from '../../service/cimObjects';
import { connectServer } from '../../service/connectServer';
import type { CallOutcome, ObjectSink } from '../../service/sink';
import type { WbemServices } from '../../service/WbemServices';
import { parseObjectMof } from '../../service/parseObjectMof';
import { checkClass } from './checkClass';
import type { Scenario, SinkExpectation, Step } from './types';

export interface ScenarioOutcome {
  readonly passed: boolean;
  /** `step <n>: <what differed>` for the first failing step. */
  readonly failure?: string;
}

type SinkCall = { setStatus: number; hr: number; error: ExtendedStatus | null } | { indicate: number };

const name = (hr: number) => hrName(hr);

function flagsOf(names: readonly string[] | undefined): number {
  let f = 0;
  for (const n of names ?? []) {
    const v = WBEM_FLAG_BY_NAME[n];
    if (v === undefined) throw new Error(`unknown flag ${n}`);
    f |= v;
  }
  return f;
}

function hrOf(text: string): number {
  const v = hrByName(text);
  if (v === undefined) throw new Error(`unknown HRESULT name ${text}`);
  return v;
}

const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

/** Create a namespace (and its missing parents) the WMI way: an __NAMESPACE instance in the parent. */
async function ensureNamespace(repo: Repository, path: string): Promise<void> {
  const p = normalizeNamespace(path);
  if (repo.state.ns(p)) return;
  const parent = parentNamespace(p);
  if (!parent) throw new Error(`cannot create top-level namespace ${p}`);
  await ensureNamespace(repo, parent);
  const svc = connectServer(repo, parent).services!;
  const leaf = p.slice(parent.length + 1);
  const r = await svc.putInstance({
    genus: 'instance',
    className: '__NAMESPACE',
    qualifiers: [],
    properties: [{ name: 'Name', value: leaf }],
  });
  if (r.hr !== HR.S_NO_ERROR) throw new Error(`cannot create namespace ${p}: ${name(r.hr)}`);
}

function matchSink(got: readonly SinkCall[], want: readonly SinkExpectation[]): string | null {
  const text = JSON.stringify(
    got.map((c) =>
      'indicate' in c
        ? { indicate: c.indicate }
        : {
            setStatus:
              c.setStatus === WBEM_STATUS.COMPLETE
                ? 'COMPLETE'
                : c.setStatus === WBEM_STATUS.PROGRESS
                  ? 'PROGRESS'
                  : c.setStatus,
            hr: name(c.hr),
          },
    ),
  );
  let i = 0;
  for (const w of want) {
    if ('indicate' in w) {
      const c = got[i];
      if (!c || !('indicate' in c) || c.indicate !== w.indicate)
        return `sink calls ${text}, expected ${JSON.stringify(want)}`;
      i++;
      continue;
    }
    const status = w.setStatus === 'COMPLETE' ? WBEM_STATUS.COMPLETE : WBEM_STATUS.PROGRESS;
    const isIt = (c: SinkCall | undefined) =>
      c !== undefined && 'setStatus' in c && c.setStatus === status && (w.hr === undefined || c.hr === hrOf(w.hr));
    if (!isIt(got[i])) return `sink calls ${text}, expected ${JSON.stringify(want)}`;
    i++;
    if (w.setStatus === 'PROGRESS+') while (isIt(got[i])) i++;
  }
  return i === got.length ? null : `sink calls ${text}, expected ${JSON.stringify(want)}`;
}

function matchError(got: ExtendedStatus | null, want: Readonly<Record<string, unknown>> | null): string | null {
  if (want === null) return got === null ? null : `error object ${JSON.stringify(got)}, expected none`;
  if (!got) return `no error object, expected ${JSON.stringify(want)}`;
  for (const [k, v] of Object.entries(want)) {
    const actual = k === 'conflicts' ? (got.Conflicts?.length ?? 0) : (got as unknown as Record<string, unknown>)[k];
    const exp = k === 'StatusCode' && typeof v === 'string' ? hrOf(v) : v;
    if (actual !== exp) return `error object ${k} = ${JSON.stringify(actual)}, expected ${JSON.stringify(v)}`;
  }
  return null;
}

interface StepResult {
  hr: number;
  returned?: number;
  sink?: SinkCall[];
  error?: ExtendedStatus | null;
  cls?: CimClass;
  names?: string[];
}

async function callStyle(
  svc: WbemServices,
  step: Step,
  flags: number,
  sync: (flags: number) => Promise<CallOutcome>,
  async: (flags: number, sink: ObjectSink) => number,
): Promise<StepResult> {
  const style = step.call ?? 'sync';
  if (style === 'async') {
    const sink: SinkCall[] = [];
    let done!: () => void;
    const complete = new Promise<void>((r) => (done = r));
    const s: ObjectSink = {
      indicate: (objs) => sink.push({ indicate: objs.length }),
      setStatus: (f, hr, _p, e) => {
        sink.push({ setStatus: f, hr: hr >>> 0, error: e });
        if (f === WBEM_STATUS.COMPLETE) done();
      },
    };
    const returned = async(flags, s) >>> 0;
    if (sink.length > 0) return { hr: returned, returned, sink, error: null };
    if (returned !== HR.S_NO_ERROR) {
      await tick(20); // the sink must stay silent
      return { hr: returned, returned, sink, error: null };
    }
    await Promise.race([complete, tick(5000)]);
    const final = sink.find(
      (c): c is Extract<SinkCall, { setStatus: number }> => 'setStatus' in c && c.setStatus === WBEM_STATUS.COMPLETE,
    );
    return { hr: final ? final.hr : HR.E_FAILED, returned, sink, error: final ? final.error : null };
  }
  if (style === 'semisync') {
    const r = await sync(flags | WBEM_FLAG_BY_NAME['WBEM_FLAG_RETURN_IMMEDIATELY']!);
    if (r.hr !== HR.S_NO_ERROR || !r.callResult) return { hr: r.hr, error: r.errorObject };
    const st = await r.callResult.getCallStatus(0xffffffff);
    return { hr: st.status ?? HR.E_FAILED, error: r.callResult.getErrorObject() };
  }
  const r = await sync(flags);
  void svc;
  return { hr: r.hr, error: r.errorObject };
}

async function runStep(repo: Repository, scenarioNs: string, step: Step): Promise<StepResult> {
  const ns = step.namespace ?? scenarioNs;
  const conn = connectServer(repo, ns, { user: step.as ?? 'Administrator' });
  if (!conn.services) return { hr: conn.hr };
  const svc = conn.services;
  const flags = flagsOf(step.flags);
  switch (step.op) {
    case 'mof': {
      const r = await svc.importMof(step.text ?? '');
      return { hr: r.hr, error: r.errorObject };
    }
    case 'putClass':
    case 'putInstance': {
      const parsed = await parseObjectMof(svc, step.mof ?? '');
      if (!parsed.ok) return { hr: parsed.hr, error: null };
      const obj: CimObjectDefinition = parsed.object;
      if (step.op === 'putInstance') {
        const r = await svc.putInstance(obj, flags);
        return { hr: r.hr, error: r.errorObject };
      }
      return callStyle(
        svc,
        step,
        flags,
        (f) => svc.putClass(obj, f, step.context ?? null),
        (f, sink) => svc.putClassAsync(obj, f, step.context ?? null, sink),
      );
    }
    case 'deleteClass':
      return callStyle(
        svc,
        step,
        flags,
        (f) => svc.deleteClass(step.class ?? null, f),
        (f, sink) => svc.deleteClassAsync(step.class ?? null, f, null, sink),
      );
    case 'getClass': {
      const r = svc.getObject(step.class ?? null, flags);
      return { hr: r.hr, error: r.errorObject, ...(r.object && r.object.genus === 'class' ? { cls: r.object } : {}) };
    }
    case 'enumClasses': {
      const r = svc.createClassEnum(
        step.superclass ?? null,
        flags | (step.deep === false ? WBEM_FLAG_BY_NAME['WBEM_FLAG_SHALLOW']! : 0),
      );
      let names = r.objects.map((c) => c.name);
      if (step.userOnly) names = names.filter((n) => !n.startsWith('__'));
      return { hr: r.hr, names };
    }
    case 'setSecurity': {
      let rights = 0;
      for (const n of step.rights ?? []) {
        const v = WBEM_RIGHT_BY_NAME[n];
        if (v === undefined) throw new Error(`unknown right ${n}`);
        rights |= v;
      }
      return { hr: await svc.setSecurity(step.principal ?? '', rights) };
    }
    case 'registerProvider': {
      const answer = step.answer === 'store' ? HR.S_NO_ERROR : hrOf(step.answer ?? 'WBEM_E_FAILED');
      const impl = { putClassAsync: () => answer, deleteClassAsync: () => answer };
      return { hr: await svc.registerClassProvider(step.name ?? '', step.claims ?? [], impl) };
    }
    default:
      throw new Error(`unknown op ${(step as { op: string }).op}`);
  }
}

/** Run one scenario on a fresh repository; the first step that differs fails it. */
export async function runScenario(scenario: Scenario): Promise<ScenarioOutcome> {
  const repo = new Repository();
  const ns = scenario.namespace ?? 'root\\test';
  await ensureNamespace(repo, ns);
  const events: IntrinsicEvent[] = [];
  repo.subscribe((e) => events.push(e));
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i]!;
    const fail = (what: string): ScenarioOutcome => ({ passed: false, failure: `step ${i + 1}: ${what}` });
    events.length = 0;
    let r: StepResult;
    try {
      r = await runStep(repo, ns, step);
    } catch (e) {
      return fail(`threw ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.hr !== hrOf(step.expect))
      return fail(
        `${step.op} returned ${name(r.hr)}, expected ${step.expect}${r.error ? ` (${r.error.Description})` : ''}`,
      );
    if (step.expectReturn !== undefined && r.returned !== hrOf(step.expectReturn))
      return fail(`the call returned ${name(r.returned ?? 0)}, expected ${step.expectReturn}`);
    if (step.expectReturn !== undefined && step.expectReturn !== 'WBEM_S_NO_ERROR' && r.sink && r.sink.length > 0)
      return fail(`the sink was called although the call failed`);
    if (step.expectSink !== undefined) {
      const m = matchSink(r.sink ?? [], step.expectSink);
      if (m) return fail(m);
    }
    if (step.expectError !== undefined) {
      const m = matchError(r.error ?? null, step.expectError);
      if (m) return fail(m);
    }
    if (step.expectEvents !== undefined) {
      const got = events.map((e) => `${e.__CLASS}:${e.className}`);
      if (JSON.stringify(got) !== JSON.stringify(step.expectEvents))
        return fail(`events ${JSON.stringify(got)}, expected ${JSON.stringify(step.expectEvents)}`);
    }
    if (step.check !== undefined) {
      if (!r.cls) return fail(`no class object to check`);
      const diffs = checkClass(r.cls, step.check);
      if (diffs.length) return fail(diffs.join('; '));
    }
    if (step.names !== undefined && JSON.stringify(r.names) !== JSON.stringify(step.names))
      return fail(`names ${JSON.stringify(r.names)}, expected ${JSON.stringify(step.names)}`);
    for (const [cls, count] of Object.entries(step.instances ?? {})) {
      const svc = connectServer(repo, step.namespace ?? ns).services!;
      const e = svc.createInstanceEnum(cls, WBEM_FLAG_BY_NAME['WBEM_FLAG_SHALLOW']!);
      if (e.hr !== HR.S_NO_ERROR) return fail(`instances of ${cls}: ${name(e.hr)}`);
      if (e.objects.length !== count) return fail(`${e.objects.length} instances of ${cls}, expected ${count}`);
    }
  }
  return { passed: true };
}
