import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { ALL_RIGHTS } from '../repository/defaultSecurity';
import { observe, setupAll } from '../testing/cases';
import { scriptedProvider } from '../testing/sinks';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';
import { connectServer } from './connectServer';

/** Namespace security, decisions §2 step 3, §8 and §11. */

const R = WBEM_RIGHT;
const KEY = [qual('Key')];
const item = cls('Item', null, { properties: [prop('Id', 'string', KEY)] });
/** Descriptor entries in principal order (the order of a descriptor carries no meaning). */
const sorted = (entries: readonly { principal: string; rights: number }[]) =>
  [...entries].sort((a, b) => (a.principal.toLowerCase() < b.principal.toLowerCase() ? -1 : 1));
const DEFAULT = [
  { principal: 'Administrators', rights: ALL_RIGHTS },
  { principal: 'Authenticated Users', rights: R.ENABLE | R.METHOD_EXECUTE | R.WRITE_PROVIDER },
];

describe('the default descriptor', () => {
  it.each(['root', 'root\\default', 'root\\cimv2', 'root\\test'])('%s', async (ns) => {
    const t = await testRepo();
    const s = connectServer(t.repo, ns).services!.getSecurity();
    expect(hrName(s.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(sorted(s.entries)).toEqual(DEFAULT);
  });

  it('Administrators hold every right, WRITE_DAC and READ_CONTROL included', () => {
    for (const bit of Object.values(R)) expect(ALL_RIGHTS & bit).toBe(bit);
  });

  it('the default caller is an administrator; anyone else an authenticated user', async () => {
    const t = await testRepo();
    expect(hrName((await t.svc.putClass(item)).hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName((await t.as('alice').putClass(cls('Other', null))).hr)).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(hrName(t.as('alice').getObject('Item').hr)).toBe(hrName(HR.S_NO_ERROR));
  });
});

describe("a caller's rights are the union of its own entry and its groups'", () => {
  const groupsOf = (p: string) =>
    p === 'Administrator'
      ? ['Administrators', 'Authenticated Users']
      : p === 'bob'
        ? ['Writers', 'Authenticated Users']
        : ['Authenticated Users'];
  const rows = [
    {
      name: "the group's FULL_WRITE_REP with the own entry's nothing",
      entries: [{ p: 'Writers', r: R.FULL_WRITE_REP }],
      hr: HR.S_NO_ERROR,
    },
    {
      name: "the own FULL_WRITE_REP with Authenticated Users' ENABLE",
      entries: [{ p: 'bob', r: R.FULL_WRITE_REP }],
      hr: HR.S_NO_ERROR,
    },
    {
      name: 'FULL_WRITE_REP with no ENABLE anywhere',
      entries: [
        { p: 'Authenticated Users', r: 0 },
        { p: 'Writers', r: R.FULL_WRITE_REP },
      ],
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'ENABLE from one group, FULL_WRITE_REP from another',
      entries: [
        { p: 'Authenticated Users', r: R.ENABLE },
        { p: 'Writers', r: R.FULL_WRITE_REP },
      ],
      hr: HR.S_NO_ERROR,
    },
    {
      name: "another principal's FULL_WRITE_REP does not count",
      entries: [{ p: 'carol', r: R.ENABLE | R.FULL_WRITE_REP }],
      hr: HR.E_ACCESS_DENIED,
    },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo({ groupsOf });
    for (const e of row.entries) expect(await t.svc.setSecurity(e.p, e.r)).toBe(HR.S_NO_ERROR);
    const seen = await observe(t, () => t.as('bob').putClass(item));
    expect(hrName(seen.result.hr)).toBe(hrName(row.hr));
    if (row.hr !== HR.S_NO_ERROR) expect(seen.after).toBe(seen.before);
  });
});

describe('SetSecurity needs WRITE_DAC; GetSecurity needs READ_CONTROL or ENABLE', () => {
  it('an authenticated user cannot change the descriptor', async () => {
    const t = await testRepo();
    const before = t.snapshotAll();
    expect(hrName(await t.as('alice').setSecurity('alice', ALL_RIGHTS))).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(t.snapshotAll()).toBe(before);
    expect(sorted(t.svc.getSecurity().entries)).toEqual(DEFAULT);
  });

  it('WRITE_DAC alone is enough to change it (and then grant oneself more)', async () => {
    const t = await testRepo();
    expect(await t.svc.setSecurity('alice', R.WRITE_DAC)).toBe(HR.S_NO_ERROR);
    const alice = t.as('alice');
    expect(hrName(await alice.setSecurity('alice', R.WRITE_DAC | R.FULL_WRITE_REP))).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName((await alice.putClass(item)).hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(sorted(t.svc.getSecurity().entries)).toEqual([
      DEFAULT[0],
      { principal: 'alice', rights: R.WRITE_DAC | R.FULL_WRITE_REP },
      DEFAULT[1],
    ]);
  });

  it('READ_CONTROL reads the descriptor; without it or ENABLE → WBEM_E_ACCESS_DENIED', async () => {
    const t = await testRepo();
    await t.svc.setSecurity('Authenticated Users', 0);
    expect(hrName(t.as('alice').getSecurity().hr)).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(t.as('alice').getSecurity().entries).toEqual([]);
    await t.svc.setSecurity('alice', R.READ_CONTROL);
    expect(hrName(t.as('alice').getSecurity().hr)).toBe(hrName(HR.S_NO_ERROR));
  });

  it('a descriptor belongs to one namespace', async () => {
    const t = await testRepo();
    await t.svc.setSecurity('alice', R.ENABLE | R.FULL_WRITE_REP);
    expect(hrName((await t.as('alice').putClass(item)).hr)).toBe(hrName(HR.S_NO_ERROR));
    const cimv2 = connectServer(t.repo, 'root\\cimv2', { user: 'alice' }).services!;
    expect(hrName((await cimv2.putClass(item)).hr)).toBe(hrName(HR.E_ACCESS_DENIED));
  });
});

describe('a child namespace inherits the descriptor of its parent when it is created', () => {
  it('copies the entries at creation, later parent changes stay in the parent', async () => {
    const t = await testRepo();
    await t.svc.setSecurity('alice', R.ENABLE | R.FULL_WRITE_REP);
    await t.svc.setSecurity('Authenticated Users', R.ENABLE);
    await setupAll(t, [inst('__NAMESPACE', { Name: 'child' })]);
    const child = connectServer(t.repo, 'root\\test\\child').services!;
    const expected = [
      { principal: 'Administrators', rights: ALL_RIGHTS },
      { principal: 'alice', rights: R.ENABLE | R.FULL_WRITE_REP },
      { principal: 'Authenticated Users', rights: R.ENABLE },
    ];
    expect(sorted(child.getSecurity().entries)).toEqual(expected);
    expect(
      hrName((await connectServer(t.repo, 'root\\test\\child', { user: 'alice' }).services!.putClass(item)).hr),
    ).toBe(hrName(HR.S_NO_ERROR));
    await t.svc.setSecurity('alice', 0);
    expect(sorted(child.getSecurity().entries)).toEqual(expected);
    // root\test itself inherited root's default.
    expect(sorted(connectServer(t.repo, 'root').services!.getSecurity().entries)).toEqual(DEFAULT);
  });

  it('a locale namespace made on demand inherits too', async () => {
    const t = await testRepo();
    await t.svc.setSecurity('alice', R.ENABLE | R.FULL_WRITE_REP);
    const amendedItem = cls('Item', null, {
      qualifiers: [qual('Description', 'an item', 0x80)],
      properties: [prop('Id', 'string', KEY)],
    });
    expect((await t.svc.putClass(amendedItem, WBEM_FLAG.USE_AMENDED_QUALIFIERS)).hr).toBe(HR.S_NO_ERROR);
    const locale = connectServer(t.repo, 'root\\test\\ms_409').services!;
    expect(sorted(locale.getSecurity().entries)).toEqual(sorted(t.svc.getSecurity().entries));
  });
});

describe('class writes: PARTIAL_WRITE_REP never suffices; provider-owned classes need WBEM_WRITE_PROVIDER', () => {
  /** alice's own rights; Authenticated Users is cut down to nothing so that only alice's entry counts. */
  const rows = [
    {
      name: 'PutClass, static, PARTIAL_WRITE_REP',
      op: 'put',
      claimed: false,
      rights: R.ENABLE | R.PARTIAL_WRITE_REP,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'PutClass, static, FULL_WRITE_REP',
      op: 'put',
      claimed: false,
      rights: R.ENABLE | R.FULL_WRITE_REP,
      hr: HR.S_NO_ERROR,
    },
    {
      name: 'PutClass, static, WRITE_PROVIDER',
      op: 'put',
      claimed: false,
      rights: R.ENABLE | R.WRITE_PROVIDER,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'DeleteClass, static, PARTIAL_WRITE_REP',
      op: 'delete',
      claimed: false,
      rights: R.ENABLE | R.PARTIAL_WRITE_REP,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'DeleteClass, static, FULL_WRITE_REP',
      op: 'delete',
      claimed: false,
      rights: R.ENABLE | R.FULL_WRITE_REP,
      hr: HR.S_NO_ERROR,
    },
    {
      name: 'PutClass, claimed, FULL_WRITE_REP only',
      op: 'put',
      claimed: true,
      rights: R.ENABLE | R.FULL_WRITE_REP,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'PutClass, claimed, PARTIAL_WRITE_REP',
      op: 'put',
      claimed: true,
      rights: R.ENABLE | R.PARTIAL_WRITE_REP,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'PutClass, claimed, WRITE_PROVIDER',
      op: 'put',
      claimed: true,
      rights: R.ENABLE | R.WRITE_PROVIDER,
      hr: HR.S_NO_ERROR,
    },
    {
      name: 'DeleteClass, claimed, FULL_WRITE_REP only',
      op: 'delete',
      claimed: true,
      rights: R.ENABLE | R.FULL_WRITE_REP,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'DeleteClass, claimed, WRITE_PROVIDER',
      op: 'delete',
      claimed: true,
      rights: R.ENABLE | R.WRITE_PROVIDER,
      hr: HR.S_NO_ERROR,
    },
    {
      name: 'PutClass OWNER_UPDATE, claimed, FULL_WRITE_REP only',
      op: 'put',
      claimed: true,
      flags: WBEM_FLAG.OWNER_UPDATE,
      rights: R.ENABLE | R.FULL_WRITE_REP,
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'PutClass OWNER_UPDATE, claimed, WRITE_PROVIDER',
      op: 'put',
      claimed: true,
      flags: WBEM_FLAG.OWNER_UPDATE,
      rights: R.ENABLE | R.WRITE_PROVIDER,
      hr: HR.S_NO_ERROR,
    },
  ];
  async function prepare(claimed: boolean, rights: number): Promise<TestRepo> {
    const t = await testRepo();
    if (claimed) await t.svc.registerClassProvider('Prov', ['Item'], scriptedProvider('Prov', HR.S_NO_ERROR));
    await setupAll(t, [item]);
    await t.svc.setSecurity('Authenticated Users', 0);
    await t.svc.setSecurity('alice', rights);
    return t;
  }
  it.each(rows)('$name', async (row) => {
    const t = await prepare(row.claimed, row.rights);
    const alice = t.as('alice');
    const update = cls('Item', null, { properties: [prop('Id', 'string', KEY), prop('More', 'string')] });
    const seen = await observe(t, () =>
      row.op === 'put' ? alice.putClass(update, row.flags ?? 0) : alice.deleteClass('Item'),
    );
    expect(hrName(seen.result.hr)).toBe(hrName(row.hr));
    if (row.hr === HR.S_NO_ERROR) {
      expect(seen.events).toEqual([row.op === 'put' ? '__ClassModificationEvent:Item' : '__ClassDeletionEvent:Item']);
    } else {
      expect(seen.after).toBe(seen.before);
      expect(seen.events).toEqual([]);
      expect(seen.result.errorObject).toMatchObject({ StatusCode: HR.E_ACCESS_DENIED, ParameterInfo: 'Item' });
    }
  });

  it('a class not yet stored and claimed by no provider is static: FULL_WRITE_REP', async () => {
    const t = await testRepo();
    await t.svc.setSecurity('alice', R.WRITE_PROVIDER);
    expect(hrName((await t.as('alice').putClass(cls('Fresh', null))).hr)).toBe(hrName(HR.E_ACCESS_DENIED));
  });

  it('a class not yet stored but claimed by a provider: WRITE_PROVIDER', async () => {
    const t = await testRepo();
    await t.svc.registerClassProvider('Prov', ['Fresh'], scriptedProvider('Prov', HR.S_NO_ERROR));
    await t.svc.setSecurity('Authenticated Users', R.ENABLE);
    await t.svc.setSecurity('alice', R.WRITE_PROVIDER);
    expect(hrName((await t.as('alice').putClass(cls('Fresh', null))).hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName((await t.as('bob').putClass(cls('Fresh', null))).hr)).toBe(hrName(HR.E_ACCESS_DENIED));
  });
});
