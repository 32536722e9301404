import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG } from '../errors/wbem';
import type { CimObjectDefinition, ClassDefinition } from '../model';
import { cls, prop, qual } from '../model/build';
import { connectServer } from '../service/connectServer';
import { StorageQuotaError } from '../storage/storageErrors';
import { observe, setupAll } from '../testing/cases';
import { recordingSink } from '../testing/sinks';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';

/** Repository quotas and storage failures, decisions §10: refused with nothing changed. */

const KEY = [qual('Key')];
const F = WBEM_FLAG;
const named = (name: string, superclass: string | null = null, extra = 0): ClassDefinition =>
  cls(name, superclass, {
    properties: [prop('Id', 'string', KEY), ...Array.from({ length: extra }, (_, i) => prop(`P${i}`, 'string'))],
  });
/** The bytes a stored definition counts for (its JSON). */
const bytesOf = (d: ClassDefinition) => JSON.stringify(d).length;

interface Row {
  readonly name: string;
  readonly quotas: { classes?: number; bytes?: number };
  readonly setup: readonly CimObjectDefinition[];
  readonly prepare?: (t: TestRepo) => Promise<unknown>;
  readonly call: (t: TestRepo) => Promise<{ hr: number }>;
  readonly hr: number;
  readonly events?: readonly string[];
}

const a = named('A');
const b = named('B');
const c = named('C');
const rows: Row[] = [
  // Class quota.
  {
    name: 'classes: one more than allowed',
    quotas: { classes: 2 },
    setup: [a, b],
    call: (t) => t.svc.putClass(c),
    hr: HR.E_OUT_OF_MEMORY,
  },
  {
    name: 'classes: up to the quota',
    quotas: { classes: 2 },
    setup: [a],
    call: (t) => t.svc.putClass(b),
    hr: HR.S_NO_ERROR,
    events: ['__ClassCreationEvent:B'],
  },
  {
    name: 'classes: an update at the quota',
    quotas: { classes: 2 },
    setup: [a, b],
    call: (t) => t.svc.putClass(named('B', null, 1)),
    hr: HR.S_NO_ERROR,
    events: ['__ClassModificationEvent:B'],
  },
  {
    name: 'classes: a subclass counts',
    quotas: { classes: 2 },
    setup: [a, named('Sub', 'A')],
    call: (t) => t.svc.putClass(named('Sub2', 'A')),
    hr: HR.E_OUT_OF_MEMORY,
  },
  {
    name: 'classes: classes of every namespace count',
    quotas: { classes: 2 },
    setup: [a],
    prepare: async (t) =>
      expect((await connectServer(t.repo, 'root\\cimv2').services!.putClass(b)).hr).toBe(HR.S_NO_ERROR),
    call: (t) => t.svc.putClass(c),
    hr: HR.E_OUT_OF_MEMORY,
  },
  {
    name: 'classes: system classes do not count',
    quotas: { classes: 1 },
    setup: [],
    call: (t) => t.svc.putClass(a),
    hr: HR.S_NO_ERROR,
    events: ['__ClassCreationEvent:A'],
  },
  {
    name: 'classes: a delete makes room',
    quotas: { classes: 2 },
    setup: [a, b],
    call: async (t) => {
      expect((await t.svc.deleteClass('A')).hr).toBe(HR.S_NO_ERROR);
      t.clearEvents();
      return t.svc.putClass(c);
    },
    hr: HR.S_NO_ERROR,
    events: ['__ClassCreationEvent:C'],
  },
  {
    name: 'classes: refused through the async sink',
    quotas: { classes: 2 },
    setup: [a, b],
    call: async (t) => {
      const sink = recordingSink();
      expect(t.svc.putClassAsync(c, F.SEND_STATUS, null, sink)).toBe(HR.S_NO_ERROR);
      const done = await sink.done;
      expect(done.errorObject).toMatchObject({ StatusCode: HR.E_OUT_OF_MEMORY, Operation: 'PutClass' });
      return done;
    },
    hr: HR.E_OUT_OF_MEMORY,
  },
  // Byte quota.
  {
    name: 'bytes: a class bigger than what is left',
    quotas: { bytes: bytesOf(a) + bytesOf(named('B', null, 3)) - 1 },
    setup: [a],
    call: (t) => t.svc.putClass(named('B', null, 3)),
    hr: HR.E_OUT_OF_MEMORY,
  },
  {
    name: 'bytes: a class that fits exactly',
    quotas: { bytes: bytesOf(a) + bytesOf(named('B', null, 3)) },
    setup: [a],
    call: (t) => t.svc.putClass(named('B', null, 3)),
    hr: HR.S_NO_ERROR,
    events: ['__ClassCreationEvent:B'],
  },
  {
    name: 'bytes: an update that grows past the quota',
    quotas: { bytes: bytesOf(a) + bytesOf(named('B', null, 1)) },
    setup: [a, named('B', null, 1)],
    call: (t) => t.svc.putClass(named('B', null, 2)),
    hr: HR.E_OUT_OF_MEMORY,
  },
  {
    name: 'bytes: an update that shrinks',
    quotas: { bytes: bytesOf(a) + bytesOf(named('B', null, 2)) },
    setup: [a, named('B', null, 2)],
    call: (t) => t.svc.putClass(named('B', null, 1)),
    hr: HR.S_NO_ERROR,
    events: ['__ClassModificationEvent:B'],
  },
  {
    name: 'bytes: a delete gives its bytes back',
    quotas: { bytes: bytesOf(a) + bytesOf(b) },
    setup: [a, b],
    call: async (t) => {
      expect((await t.svc.deleteClass('B')).hr).toBe(HR.S_NO_ERROR);
      t.clearEvents();
      return t.svc.putClass(c);
    },
    hr: HR.S_NO_ERROR,
    events: ['__ClassCreationEvent:C'],
  },
  {
    name: 'bytes: a force update with its deleted instances is refused as a whole',
    quotas: { bytes: bytesOf(a) + 10 },
    setup: [a, inst('A', { Id: 'x' })],
    call: (t) => t.svc.putClass(named('A', null, 2), F.UPDATE_FORCE_MODE),
    hr: HR.E_OUT_OF_MEMORY,
  },
];

describe('quotas → WBEM_E_OUT_OF_MEMORY, nothing changed', () => {
  it.each(rows)('$name', async (row) => {
    const t = await testRepo({ quotas: row.quotas });
    await setupAll(t, row.setup);
    await row.prepare?.(t);
    t.clearEvents();
    const before = t.snapshotAll();
    const r = await row.call(t);
    expect(hrName(r.hr)).toBe(hrName(row.hr));
    if (row.hr === HR.S_NO_ERROR) {
      expect(t.eventNames()).toEqual(row.events ?? []);
      return;
    }
    expect(t.eventNames()).toEqual([]);
    expect(t.snapshotAll()).toBe(before);
  });

  it('the error object names the quota', async () => {
    const t = await testRepo({ quotas: { classes: 1 } });
    await setupAll(t, [a]);
    const r = await t.svc.putClass(b);
    expect(r.errorObject).toMatchObject({
      __CLASS: '__ExtendedStatus',
      StatusCode: HR.E_OUT_OF_MEMORY,
      Operation: 'PutClass',
      ProviderName: 'Windows Management',
    });
    expect(r.errorObject!.Description).toMatch(/quota/i);
  });

  it('a transaction rolled back gives back the bytes it counted', async () => {
    const t = await testRepo({ quotas: { bytes: bytesOf(a) + bytesOf(b) } });
    // One transaction (as a MOF import runs) that stores two classes, then is abandoned.
    await t.repo.exclusive('import', async (txn) => {
      expect((await t.svc.execPutClass(txn, a, 0, null)).hr).toBe(HR.S_NO_ERROR);
      expect((await t.svc.execPutClass(txn, b, 0, null)).hr).toBe(HR.S_NO_ERROR);
      txn.aborted = true;
    });
    expect(hrName(t.svc.getObject('A').hr)).toBe(hrName(HR.E_NOT_FOUND));
    expect(hrName((await t.svc.putClass(a)).hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName((await t.svc.putClass(b)).hr)).toBe(hrName(HR.S_NO_ERROR));
  });

  it('a class quota refusal inside a transaction rolls back only that operation', async () => {
    const t = await testRepo({ quotas: { classes: 1 } });
    const hrs = await t.repo.exclusive('import', async (txn) => [
      (await t.svc.execPutClass(txn, a, 0, null)).hr,
      (await t.svc.execPutClass(txn, b, 0, null)).hr,
    ]);
    expect(hrs.map(hrName)).toEqual([hrName(HR.S_NO_ERROR), hrName(HR.E_OUT_OF_MEMORY)]);
    expect(hrName(t.svc.getObject('A').hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName(t.svc.getObject('B').hr)).toBe(hrName(HR.E_NOT_FOUND));
    expect(t.eventNames()).toEqual(['__ClassCreationEvent:A']);
  });
});

describe('a storage quota error from the browser → WBEM_E_OUT_OF_DISK_SPACE, nothing changed', () => {
  /** What IndexedDB throws when the origin's storage quota is exhausted, raw or as src/storage maps it. */
  const errors = [
    {
      kind: 'the browser',
      make: () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }),
    },
    { kind: 'the storage adapter', make: () => new StorageQuotaError('QuotaExceededError') },
  ];

  const calls = [
    { name: 'PutClass', run: (t: TestRepo) => t.svc.putClass(c) },
    { name: 'DeleteClass', run: (t: TestRepo) => t.svc.deleteClass('A') },
    { name: 'PutInstance', run: (t: TestRepo) => t.svc.putInstance(inst('A', { Id: 'y' })) },
    { name: 'DeleteInstance', run: (t: TestRepo) => t.svc.deleteInstance('A.Id="x"') },
    {
      name: 'PutClassAsync',
      run: async (t: TestRepo) => {
        const sink = recordingSink();
        t.svc.putClassAsync(c, 0, null, sink);
        return sink.done;
      },
    },
  ];
  const rows = errors.flatMap((err) => calls.map((c) => ({ ...c, err })));
  it.each(rows)('$name, thrown by $err.kind', async (row) => {
    const t = await testRepo();
    await setupAll(t, [a, inst('A', { Id: 'x' })]);
    let fail = true;
    t.repo.onCommit(() => {
      if (fail) throw row.err.make();
    });
    const seen = await observe(t, () => row.run(t));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.E_OUT_OF_DISK_SPACE));
    expect(seen.result.errorObject).toMatchObject({ StatusCode: HR.E_OUT_OF_DISK_SPACE });
    expect(seen.after).toBe(seen.before);
    expect(seen.events).toEqual([]);
    // The repository keeps working once storage is available again.
    fail = false;
    expect(hrName((await t.svc.putClass(named('Later'))).hr)).toBe(hrName(HR.S_NO_ERROR));
  });
});

describe('any other storage failure → WBEM_E_FAILED, nothing changed (decisions §10: atomic)', () => {
  it('a commit hook that throws rolls the operation back', async () => {
    const t = await testRepo();
    await setupAll(t, [a]);
    t.repo.onCommit(() => {
      throw new Error('disk on fire');
    });
    const seen = await observe(t, () => t.svc.putClass(named('A', null, 2)));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.E_FAILED));
    expect(seen.result.errorObject).toMatchObject({ StatusCode: HR.E_FAILED, Operation: 'PutClass' });
    expect(seen.after).toBe(seen.before);
    expect(seen.events).toEqual([]);
  });
});
