import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { HR, WBEM_FLAG, WBEM_INFINITE, WBEM_STATUS, WBEMSTATUS } from '../errors/wbem';
import type { IntrinsicEvent } from '../events/intrinsicEvent';
import { cls, prop, qual } from '../model/build';
import { MemoryData, MemoryStorage } from '../storage/memoryStorage';
import { StorageQuotaError } from '../storage/storageErrors';
import { EngineClient } from './client';
import type { ChangeNotice, EngineApi } from './engineApi';
import { createEngineHost, type EngineHostOptions } from './engineHost';
import { EngineError } from './errors';
import { createInProcessEngine } from './inProcess';
import type { CallMessage, ReplyMessage } from './protocol';
import { serveEngine } from './server';

const KEY = [qual('Key')];
const conn = { namespace: 'root\\cimv2' };
const clients: EngineClient[] = [];

/** An engine served over a MessageChannel in this realm, as the worker would serve it. */
function engine(options: EngineHostOptions | (() => EngineHostOptions) = {}): EngineClient {
  const c = createInProcessEngine(options);
  clients.push(c);
  return c;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});

/** `PROGRESS 1/3`, `COMPLETE WBEM_E_…` for a sink's calls. */
function trace(calls: readonly { kind: string; flags?: number; hr?: number }[]): string[] {
  return calls.map((c) =>
    c.kind === 'indicate'
      ? 'INDICATE'
      : c.flags === WBEM_STATUS.PROGRESS
        ? `PROGRESS ${c.hr! & 0xffff}/${c.hr! >>> 16}`
        : `COMPLETE ${c.hr === 0 ? 'OK' : `0x${(c.hr! >>> 0).toString(16)}`}`,
  );
}

describe('the protocol', () => {
  it('derives every message from EngineApi', () => {
    expectTypeOf<Extract<CallMessage, { method: 'putClass' }>['args']>().toEqualTypeOf<
      Parameters<EngineApi['putClass']>
    >();
    expectTypeOf<Extract<ReplyMessage, { method: 'getObject' }>['value']>().toEqualTypeOf<
      Awaited<ReturnType<EngineApi['getObject']>>
    >();
    expectTypeOf<CallMessage['method']>().toEqualTypeOf<keyof EngineApi>();
  });

  it('shakes hands: booting, then ready with the load time; calls made before ready wait for it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const data = new MemoryData();
    const c = engine({ storage: async () => (await gate, new MemoryStorage(data)) });
    const states: string[] = [];
    c.onLifecycle((s) => states.push(s));
    expect(c.state).toBe('booting');
    const early = c.api.connectServer('ROOT\\CIMV2');
    await new Promise((r) => setTimeout(r, 10));
    expect(c.state).toBe('booting');
    release();
    const info = await c.ready;
    expect(states).toEqual(['ready']);
    expect(info).toMatchObject({ protocol: 1, storage: 'memory', seq: 0, records: 0, tabSync: 'none' });
    expect(info.loadMs).toBeGreaterThanOrEqual(0);
    expect(await early).toEqual({ hr: 0, namespace: 'root\\cimv2' });
    expect(c.readyAt).toBeGreaterThanOrEqual(c.startedAt);
  });

  it('matches replies to calls by id, whatever order they finish in', async () => {
    const c = engine();
    const sc = c.connect('root\\cimv2');
    const semi = await sc.putClass(cls('Slow', null), WBEM_FLAG.RETURN_IMMEDIATELY);
    const waiting = c.callResult(semi.callResultId!).getCallStatus(WBEM_INFINITE);
    const names = Array.from({ length: 30 }, (_, i) => `C${i}`);
    const got = await Promise.all(names.map((n) => sc.getObject(n)));
    expect(got.map((g) => g.errorObject?.ParameterInfo)).toEqual(names);
    expect(await waiting).toMatchObject({ hr: 0, status: 0 });
  });

  it('sends errors across as data with their HRESULT, message and path', async () => {
    const c = engine();
    const missing = await c.api
      .analyzeClassUpdate({ namespace: 'root\\nowhere' }, cls('X', null))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(EngineError);
    expect(missing).toMatchObject({
      hr: HR.E_INVALID_NAMESPACE,
      path: ['conn', 'namespace'],
      data: { hr: HR.E_INVALID_NAMESPACE, message: 'Namespace root\\nowhere does not exist.' },
    });
    expect((missing as Error).message).toBe('WBEM_E_INVALID_NAMESPACE: Namespace root\\nowhere does not exist.');

    const unknown = await c.call('noSuchMethod' as keyof EngineApi).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ hr: HR.E_INVALID_PARAMETER, path: ['noSuchMethod'] });

    const noConn = await c.api.getObject(null as never, 'X').catch((e: unknown) => e);
    expect(noConn).toMatchObject({ hr: HR.E_INVALID_PARAMETER, path: ['conn'] });

    // A value the structured clone cannot carry fails the call, not the page.
    const uncloneable = await c.api
      .putClass(conn, { ...cls('F', null), extra: () => 1 } as never)
      .catch((e: unknown) => e);
    expect(uncloneable).toBeInstanceOf(EngineError);

    // Operation failures are results, not exceptions: the error object crosses whole.
    const r = await c.api.putClass(conn, cls('Orphan', 'NoSuchParent'));
    expect(r.hr).toBe(HR.E_INVALID_SUPERCLASS);
    expect(r.errorObject).toMatchObject({ __CLASS: '__ExtendedStatus', Operation: 'PutClass', StatusCode: r.hr });
  });

  it('reports a failed start as data, and refuses calls with the same error', async () => {
    const c = engine({
      storage: async () => {
        throw new StorageQuotaError('no room at all');
      },
    });
    const err = await c.ready.catch((e: unknown) => e);
    expect(err).toMatchObject({ hr: HR.E_OUT_OF_DISK_SPACE, name: 'EngineError', path: ['boot'] });
    expect((err as EngineError).data.name).toBe('StorageQuotaError');
    expect(c.state).toBe('failed');
    await expect(c.api.info()).rejects.toMatchObject({ hr: WBEMSTATUS.WBEM_E_TRANSPORT_FAILURE });
  });

  it('refuses to run the worker entry outside a worker (bundled into the main chunk)', async () => {
    await expect(import('./engine.worker')).rejects.toThrow(/bundled into the main chunk/);
  });

  it('echoes without going through the API', async () => {
    const c = engine();
    await c.ready;
    await c.echo({ big: 'payload' });
  });
});

describe('sinks across the boundary', () => {
  it('streams every setStatus in order, tagged with its sink, after the call returned', async () => {
    const c = engine();
    const log: string[] = [];
    const sink = c.sink({ setStatus: (flags, hr) => log.push(`${flags}:${hr}`) });
    const call = c.api
      .putClassAsync(
        conn,
        cls('Shape', null, { properties: [prop('Id', 'string', KEY)] }),
        WBEM_FLAG.SEND_STATUS,
        null,
        sink.id,
      )
      .then((hr) => (log.push(`returned ${hr}`), hr));
    expect(await call).toBe(0);
    const done = await sink.done;
    expect(done).toEqual({ hr: 0, errorObject: null, strParam: null });
    expect(trace(sink.calls)).toEqual(['PROGRESS 1/3', 'PROGRESS 2/3', 'PROGRESS 3/3', 'COMPLETE OK']);
    expect(log[0]).toBe('returned 0');
    expect(sink.outOfOrder).toBe(false);
  });

  it('delivers a failure as the final status with its error object', async () => {
    const c = engine();
    const sink = c.sink();
    expect(await c.api.deleteClassAsync(conn, 'NotThere', 0, null, sink.id)).toBe(0);
    const done = await sink.done;
    expect(done.hr).toBe(HR.E_NOT_FOUND);
    expect(done.errorObject).toMatchObject({ Operation: 'DeleteClass', ParameterInfo: 'NotThere' });
    expect(trace(sink.calls)).toEqual(['COMPLETE 0x80041002']);
  });

  it('keeps sinks of concurrent calls apart', async () => {
    const c = engine();
    const sinks = Array.from({ length: 10 }, () => c.sink());
    await Promise.all(
      sinks.map((s, i) => c.api.putClassAsync(conn, cls(`K${i}`, null), WBEM_FLAG.SEND_STATUS, null, s.id)),
    );
    const done = await Promise.all(sinks.map((s) => s.done));
    expect(done.every((d) => d.hr === 0)).toBe(true);
    for (const s of sinks)
      expect(trace(s.calls)).toEqual(['PROGRESS 1/3', 'PROGRESS 2/3', 'PROGRESS 3/3', 'COMPLETE OK']);
  });

  it('streams a batch of puts as one operation, with progress per class', async () => {
    const c = engine();
    const sink = c.sink();
    const defs = [cls('Root', null), ...Array.from({ length: 5 }, (_, i) => cls(`Kid${i}`, 'Root'))];
    expect(await c.api.putClassesAsync(conn, defs, WBEM_FLAG.SEND_STATUS, sink.id)).toBe(0);
    expect((await sink.done).hr).toBe(0);
    expect(trace(sink.calls)).toEqual([
      'PROGRESS 1/6',
      'PROGRESS 2/6',
      'PROGRESS 3/6',
      'PROGRESS 4/6',
      'PROGRESS 5/6',
      'PROGRESS 6/6',
      'COMPLETE OK',
    ]);
    const h = await c.api.history();
    expect(h.entries.map((e) => e.label.text)).toEqual(['PutClasses 6 classes']);
  });

  it('rolls a failing batch back whole', async () => {
    const c = engine();
    const sink = c.sink();
    await c.api.putClassesAsync(conn, [cls('A', null), cls('B', 'Missing'), cls('C', null)], 0, sink.id);
    const done = await sink.done;
    expect(done.hr).toBe(HR.E_INVALID_SUPERCLASS);
    expect(done.errorObject).toMatchObject({ Operation: 'PutClass', ParameterInfo: 'Missing' });
    expect((await c.api.getObject(conn, 'A')).hr).toBe(HR.E_NOT_FOUND);
    expect((await c.api.history()).entries).toEqual([]);
  });

  it('streams a MOF import', async () => {
    const c = engine();
    const sink = c.sink();
    const files = { 'main.mof': '#pragma include ("sub/a.mof")\nclass B : A {};', 'sub/a.mof': 'class A {};' };
    expect(await c.api.importMofAsync(conn, { files, entry: 'main.mof' }, WBEM_FLAG.SEND_STATUS, {}, sink.id)).toBe(0);
    expect((await sink.done).hr).toBe(0);
    expect(trace(sink.calls).slice(-2)).toEqual(['INDICATE', 'COMPLETE OK']);
    const indicated = sink.calls.at(-2) as unknown as { objects: { classes: number; committed: boolean }[] };
    expect(indicated.objects[0]).toMatchObject({ classes: 2, committed: true });
    expect(trace(sink.calls).filter((t) => t.startsWith('PROGRESS')).length).toBeGreaterThan(0);
    expect((await c.api.history()).undo!.label.text).toBe('MOF import main.mof');
  });

  it('cancels from the page before the commit point: nothing is stored', async () => {
    const c = engine();
    let cancelled: Promise<number> | null = null;
    const sink = c.sink({
      setStatus: (flags) => {
        if (flags === WBEM_STATUS.PROGRESS && !cancelled) cancelled = c.api.cancelAsyncCall(sink.id);
      },
    });
    const defs = [cls('Root', null), ...Array.from({ length: 2000 }, (_, i) => cls(`Many${i}`, 'Root'))];
    expect(await c.api.putClassesAsync(conn, defs, WBEM_FLAG.SEND_STATUS, sink.id)).toBe(0);
    const done = await sink.done;
    expect(await cancelled).toBe(0);
    expect(done.hr).toBe(HR.E_CALL_CANCELLED);
    expect(trace(sink.calls).filter((t) => t.startsWith('COMPLETE'))).toEqual(['COMPLETE 0x80041032']);
    expect((await c.api.stats()).namespaces.find((n) => n.path === 'root\\cimv2')!.classes).toBe(0);
    expect(await c.api.cancelAsyncCall(sink.id)).toBe(HR.E_NOT_FOUND);
    expect(await c.api.cancelAsyncCall('')).toBe(HR.E_INVALID_PARAMETER);
  });

  it('polls semisync call results from the page', async () => {
    const c = engine();
    const ok = await c.api.putClass(conn, cls('Semi', null), WBEM_FLAG.RETURN_IMMEDIATELY);
    expect(ok).toMatchObject({ hr: 0, errorObject: null });
    const cr = c.callResult(ok.callResultId!);
    expect(await cr.getCallStatus(WBEM_INFINITE)).toEqual({ hr: 0, status: 0, errorObject: null, resultString: null });
    const bad = await c.api.putClass(conn, cls('Semi2', 'Nope'), WBEM_FLAG.RETURN_IMMEDIATELY);
    const st = await c.callResult(bad.callResultId!).getCallStatus(5000);
    expect(st).toMatchObject({
      hr: 0,
      status: HR.E_INVALID_SUPERCLASS,
      errorObject: { Operation: 'PutClass', StatusCode: HR.E_INVALID_SUPERCLASS },
    });
    await cr.release();
    await expect(cr.getCallStatus(0)).rejects.toMatchObject({ hr: HR.E_NOT_FOUND, path: ['callResultId'] });
  });
});

describe('notices', () => {
  it('pushes intrinsic events while someone listens, and change notices always', async () => {
    const c = engine();
    const events: IntrinsicEvent[] = [];
    const changes: ChangeNotice[] = [];
    c.onChange((n) => changes.push(n));
    await c.api.putClass(conn, cls('Quiet', null));
    const off = c.onEvent((e) => events.push(e));
    await c.api.putClass(conn, cls('Loud', null));
    await c.api.putClass(conn, cls('Loud', null, { qualifiers: [qual('Description', 'x')] }));
    await c.api.info(); // the notices of the calls above arrive before this reply
    expect(events.map((e) => `${e.__CLASS}:${e.className}`)).toEqual([
      '__ClassCreationEvent:Loud',
      '__ClassModificationEvent:Loud',
    ]);
    expect(events[1]!.PreviousClass!.qualifiers).toEqual([]);
    off();
    await c.api.deleteClass(conn, 'Loud');
    await c.api.info();
    expect(events).toHaveLength(2);
    expect(changes.map((n) => [n.origin, n.seq, n.label?.text, n.touched.map((t) => t.name)])).toEqual([
      ['local', 1, 'PutClass Quiet', ['Quiet']],
      ['local', 2, 'PutClass Loud', ['Loud']],
      ['local', 3, 'PutClass Loud', ['Loud']],
      ['local', 4, 'DeleteClass Loud', ['Loud']],
    ]);
  });
});

describe('terminate and restart', () => {
  it('fails what is pending, finishes open sinks, and starts again on the same storage', async () => {
    const data = new MemoryData();
    let commits = 0;
    let hold!: () => void;
    const c = engine(() => ({
      storage: async () => {
        const s = new MemoryStorage(data);
        const commit = s.commit.bind(s);
        s.commit = async (b) => {
          if (++commits === 2) await new Promise<void>((r) => (hold = r)); // never released
          return commit(b);
        };
        return s;
      },
    }));
    await c.api.putClass(conn, cls('Kept', null));
    const sink = c.sink();
    await c.api.putClassAsync(conn, cls('Lost', null), 0, null, sink.id);
    const pending = c.api.putClass(conn, cls('AlsoLost', null));
    await new Promise((r) => setTimeout(r, 20));
    expect(hold).toBeTypeOf('function'); // the second commit is stuck "in IndexedDB"
    c.terminate();
    expect(c.state).toBe('terminated');
    await expect(pending).rejects.toMatchObject({ hr: WBEMSTATUS.WBEM_E_TRANSPORT_FAILURE });
    expect((await sink.done).hr).toBe(WBEMSTATUS.WBEM_E_TRANSPORT_FAILURE);
    await expect(c.api.info()).rejects.toBeInstanceOf(EngineError);

    const info = await c.restart();
    expect(info.seq).toBe(1);
    expect((await c.api.getObject(conn, 'Kept')).hr).toBe(0);
    expect((await c.api.getObject(conn, 'Lost')).hr).toBe(HR.E_NOT_FOUND);
  });
});

describe('serveEngine on a bare MessageChannel', () => {
  it('serves a host built elsewhere', async () => {
    const channel = new MessageChannel();
    const server = serveEngine(channel.port1, createEngineHost());
    const c = new EngineClient(() => ({ endpoint: channel.port2, terminate: () => server.close() }));
    clients.push(c);
    await c.ready;
    expect((await c.api.putClass(conn, cls('Over', null))).hr).toBe(0);
    expect((await c.api.createClassEnum(conn, null, WBEM_FLAG.SHALLOW)).objects.map((o) => o.name)).toContain('Over');
    channel.port1.close();
    channel.port2.close();
  });
});
