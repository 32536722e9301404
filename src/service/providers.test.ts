import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { observe, setupAll } from '../testing/cases';
import { scriptedProvider, type ProviderCall } from '../testing/sinks';
import { testRepo } from '../testing/testRepo';
import type { CimClass } from './cimObjects';

/** Class providers, decisions §9 (and §2 step 3 for their rights). */

const KEY = [qual('Key')];
const F = WBEM_FLAG;
const dyn = cls('Dyn_Item', null, {
  qualifiers: [qual('Dynamic'), qual('Provider', 'P2')],
  properties: [prop('Id', 'string', KEY)],
});

/** Register providers named P1, P2, … in order, each claiming Dyn_Item and answering as listed. */
async function withProviders(answers: readonly number[]) {
  const t = await testRepo();
  const log: { name: string; call: ProviderCall }[] = [];
  const providers = answers.map((a, i) => scriptedProvider(`P${i + 1}`, a, log));
  for (const [i, p] of providers.entries())
    expect(await t.svc.registerClassProvider(`P${i + 1}`, ['Dyn_Item'], p)).toBe(HR.S_NO_ERROR);
  t.clearEvents();
  return { t, log, providers };
}

const NC = HR.E_PROVIDER_NOT_CAPABLE;
const OK = HR.S_NO_ERROR;

describe('PutClass of a claimed class asks the providers in registration order', () => {
  const rows = [
    { name: 'the first accepts', answers: [OK, OK], asked: ['P1'], hr: OK, owner: 'P1' },
    { name: 'NOT_CAPABLE passes on to the next', answers: [NC, OK, OK], asked: ['P1', 'P2'], hr: OK, owner: 'P2' },
    {
      name: 'a success code other than S_OK is final too',
      answers: [NC, HR.S_FALSE, OK],
      asked: ['P1', 'P2'],
      hr: OK,
      owner: 'P2',
    },
    { name: 'a failure is final', answers: [HR.E_FAILED, OK], asked: ['P1'], hr: HR.E_FAILED, provider: 'P1' },
    {
      name: 'a failure after NOT_CAPABLE is final',
      answers: [NC, HR.E_ACCESS_DENIED, OK],
      asked: ['P1', 'P2'],
      hr: HR.E_ACCESS_DENIED,
      provider: 'P2',
    },
    {
      name: 'every provider NOT_CAPABLE',
      answers: [NC, NC, NC],
      asked: ['P1', 'P2', 'P3'],
      hr: HR.E_PROVIDER_NOT_CAPABLE,
      provider: 'Windows Management',
    },
  ];
  it.each(rows)('$name', async (row) => {
    const { t, log } = await withProviders(row.answers);
    const seen = await observe(t, () => t.svc.putClass(dyn, F.UPDATE_SAFE_MODE));
    expect(hrName(seen.result.hr)).toBe(hrName(row.hr));
    expect(log.map((l) => `${l.name}:${l.call.op}:${l.call.className}`)).toEqual(
      row.asked.map((n) => `${n}:putClass:Dyn_Item`),
    );
    expect(log.every((l) => l.call.flags === F.UPDATE_SAFE_MODE)).toBe(true);
    if (row.hr === OK) {
      expect(seen.result.errorObject).toBeNull();
      expect(seen.events).toEqual(['__ClassCreationEvent:Dyn_Item']);
      const c = t.svc.getObject('Dyn_Item').object as CimClass;
      expect(c.provider).toBe(row.owner);
    } else {
      expect(seen.events).toEqual([]);
      expect(seen.after).toBe(seen.before);
      expect(seen.result.errorObject).toMatchObject({
        StatusCode: row.hr,
        Operation: 'PutClass',
        ParameterInfo: 'Dyn_Item',
        ProviderName: row.provider,
      });
    }
  });

  it('providers that claim other classes are not asked', async () => {
    const t = await testRepo();
    const log: { name: string; call: ProviderCall }[] = [];
    await t.svc.registerClassProvider('Other', ['Something_Else'], scriptedProvider('Other', OK, log));
    await t.svc.registerClassProvider('Mine', ['dyn_item'], scriptedProvider('Mine', OK, log));
    expect((await t.svc.putClass(dyn)).hr).toBe(OK);
    expect(log.map((l) => l.name)).toEqual(['Mine']);
  });

  it('the §2 checks run first: a refused put never reaches a provider', async () => {
    const { t, log } = await withProviders([OK]);
    await t.svc.putClass(dyn);
    log.splice(0);
    const rows = [
      { flags: F.CREATE_ONLY, def: dyn, hr: HR.E_ALREADY_EXISTS },
      { flags: 0, def: { ...dyn, superclass: 'Missing' }, hr: HR.E_INVALID_SUPERCLASS },
      {
        flags: 0,
        def: { ...dyn, properties: [prop('Id', 'string', KEY), prop('x_', 'string')] },
        hr: HR.E_INVALID_PARAMETER,
      },
    ];
    for (const r of rows) expect(hrName((await t.svc.putClass(r.def, r.flags)).hr)).toBe(hrName(r.hr));
    expect(log).toEqual([]);
  });

  it('re-registering a name keeps its place and takes the new claims and implementation', async () => {
    const t = await testRepo();
    const log: { name: string; call: ProviderCall }[] = [];
    await t.svc.registerClassProvider('P1', ['Nothing'], scriptedProvider('old P1', OK, log));
    await t.svc.registerClassProvider('P2', ['Dyn_Item'], scriptedProvider('P2', OK, log));
    await t.svc.registerClassProvider('P1', ['Dyn_Item'], scriptedProvider('new P1', NC, log));
    expect((await t.svc.putClass(dyn)).hr).toBe(OK);
    expect(log.map((l) => l.name)).toEqual(['new P1', 'P2']);
    expect((t.svc.getObject('Dyn_Item').object as CimClass).provider).toBe('P2');
    expect(t.svc.createInstanceEnum('__Win32Provider').objects.map((o) => o.system.__RELPATH)).toEqual([
      '__Win32Provider.Name="P1"',
      '__Win32Provider.Name="P2"',
    ]);
  });

  it('reads come from the repository and never call a provider', async () => {
    const { t, log } = await withProviders([OK]);
    await t.svc.putClass(dyn);
    log.splice(0);
    expect(t.svc.getObject('Dyn_Item').hr).toBe(OK);
    expect(t.svc.createClassEnum(null).hr).toBe(OK);
    expect(t.svc.createInstanceEnum('Dyn_Item').hr).toBe(OK);
    t.svc.analyzeClassUpdate(dyn);
    expect(log).toEqual([]);
  });
});

describe('DeleteClass of a claimed class asks the providers too', () => {
  const rows = [
    { name: 'the first accepts', answers: [OK, OK], asked: ['P1'], hr: OK },
    { name: 'NOT_CAPABLE passes on', answers: [NC, OK], asked: ['P1', 'P2'], hr: OK },
    { name: 'a failure is final', answers: [HR.E_FAILED, OK], asked: ['P1'], hr: HR.E_FAILED },
    { name: 'every provider NOT_CAPABLE', answers: [NC, NC], asked: ['P1', 'P2'], hr: HR.E_PROVIDER_NOT_CAPABLE },
  ];
  it.each(rows)('$name', async (row) => {
    const { t, log, providers } = await withProviders(row.answers.map(() => OK));
    expect((await t.svc.putClass(dyn)).hr).toBe(OK);
    providers.forEach((p, i) => (p.answer = row.answers[i]!));
    log.splice(0);
    const seen = await observe(t, () => t.svc.deleteClass('Dyn_Item'));
    expect(hrName(seen.result.hr)).toBe(hrName(row.hr));
    expect(log.map((l) => `${l.name}:${l.call.op}:${l.call.className}`)).toEqual(
      row.asked.map((n) => `${n}:deleteClass:Dyn_Item`),
    );
    if (row.hr === OK) expect(seen.events).toEqual(['__ClassDeletionEvent:Dyn_Item']);
    else {
      expect(seen.after).toBe(seen.before);
      expect(seen.result.errorObject).toMatchObject({ StatusCode: row.hr, ParameterInfo: 'Dyn_Item' });
    }
  });

  it('OWNER_UPDATE deletes without asking', async () => {
    const { t, log, providers } = await withProviders([OK]);
    await t.svc.putClass(dyn);
    providers[0]!.answer = HR.E_FAILED;
    log.splice(0);
    t.clearEvents();
    expect(hrName((await t.svc.deleteClass('Dyn_Item', F.OWNER_UPDATE)).hr)).toBe(hrName(OK));
    expect(log).toEqual([]);
    expect(t.eventNames()).toEqual(['__ClassDeletionEvent:Dyn_Item']);
  });
});

describe('WBEM_FLAG_OWNER_UPDATE', () => {
  it('stores a claimed class without calling any provider, as provider-owned', async () => {
    const { t, log } = await withProviders([HR.E_FAILED, HR.E_FAILED]);
    const seen = await observe(t, () => t.svc.putClass(dyn, F.OWNER_UPDATE));
    expect(hrName(seen.result.hr)).toBe(hrName(OK));
    expect(log).toEqual([]);
    expect(seen.events).toEqual(['__ClassCreationEvent:Dyn_Item']);
    expect((t.svc.getObject('Dyn_Item').object as CimClass).provider).toBe('P1');
  });

  it('needs WBEM_WRITE_PROVIDER on a claimed class; FULL_WRITE_REP alone is refused', async () => {
    const { t, log } = await withProviders([OK]);
    await t.svc.setSecurity('Authenticated Users', WBEM_RIGHT.ENABLE);
    await t.svc.setSecurity('writer', WBEM_RIGHT.FULL_WRITE_REP);
    await t.svc.setSecurity('pusher', WBEM_RIGHT.WRITE_PROVIDER);
    const denied = await observe(t, () => t.as('writer').putClass(dyn, F.OWNER_UPDATE));
    expect(hrName(denied.result.hr)).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(denied.after).toBe(denied.before);
    expect(hrName((await t.as('pusher').putClass(dyn, F.OWNER_UPDATE)).hr)).toBe(hrName(OK));
    expect(log).toEqual([]);
  });

  it('on a class no provider claims it is an ordinary static put (FULL_WRITE_REP, stored static)', async () => {
    const t = await testRepo();
    await t.svc.setSecurity('Authenticated Users', WBEM_RIGHT.ENABLE);
    await t.svc.setSecurity('pusher', WBEM_RIGHT.WRITE_PROVIDER);
    const plain = cls('Plain', null, { properties: [prop('Id', 'string', KEY)] });
    const denied = await observe(t, () => t.as('pusher').putClass(plain, F.OWNER_UPDATE));
    expect(hrName(denied.result.hr)).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(denied.after).toBe(denied.before);
    const ok = await observe(t, () => t.svc.putClass(plain, F.OWNER_UPDATE));
    expect(hrName(ok.result.hr)).toBe(hrName(OK));
    expect(ok.events).toEqual(['__ClassCreationEvent:Plain']);
    expect((t.svc.getObject('Plain').object as CimClass).provider).toBeUndefined();
    // And then it behaves like any static class: the update rules apply.
    await setupAll(t, [cls('Kid', 'Plain')]);
    const upd = { ...plain, properties: [...plain.properties, prop('More', 'string')] };
    expect(hrName((await t.svc.putClass(upd, F.OWNER_UPDATE)).hr)).toBe(hrName(HR.E_CLASS_HAS_CHILDREN));
  });
});

describe('the context object', () => {
  it('reaches the provider unchanged (PutClass and DeleteClass)', async () => {
    const { t, providers } = await withProviders([OK]);
    const ctx = Object.freeze({ __ProviderArchitecture: 64, Mode: 'x', List: ['a', 'b'] });
    await t.svc.putClass(dyn, 0, ctx);
    await t.svc.deleteClass('Dyn_Item', 0, ctx);
    expect(providers[0]!.calls.map((c) => c.context)).toEqual([ctx, ctx]);
    for (const c of providers[0]!.calls) expect(c.context).toBe(ctx);
  });

  it('is null when the caller gives none', async () => {
    const { t, providers } = await withProviders([OK]);
    await t.svc.putClass(dyn);
    expect(providers[0]!.calls[0]!.context).toBeNull();
  });
});

describe('registration instances', () => {
  it('an __Win32Provider and an __ClassProviderRegistration instance per provider', async () => {
    const t = await testRepo();
    expect(await t.svc.registerClassProvider('My"Prov', ['A_Class', 'B_Class'], scriptedProvider('p', OK))).toBe(OK);
    expect(t.eventNames()).toEqual([
      '__InstanceCreationEvent:__Win32Provider',
      '__InstanceCreationEvent:__ClassProviderRegistration',
    ]);
    const prov = t.svc.createInstanceEnum('__Win32Provider').objects;
    expect(prov.map((o) => o.system.__RELPATH)).toEqual(['__Win32Provider.Name="My\\"Prov"']);
    const reg = t.svc.createInstanceEnum('__ClassProviderRegistration').objects;
    expect(reg).toHaveLength(1);
    const values = Object.fromEntries(reg[0]!.properties.map((p) => [p.name, p.value]));
    expect(values['provider']).toBe('__Win32Provider.Name="My\\"Prov"');
    expect(values['SupportsPut']).toBe(true);
    expect(values['SupportsDelete']).toBe(true);
    expect(JSON.stringify(values['ResultSetQueries'])).toContain('A_Class');
    expect(JSON.stringify(values['ResultSetQueries'])).toContain('B_Class');
    // Both are found through the abstract bases too.
    expect(t.svc.createInstanceEnum('__Provider').objects).toHaveLength(1);
    expect(t.svc.createInstanceEnum('__ProviderRegistration').objects).toHaveLength(1);
  });

  it('registering needs FULL_WRITE_REP and then creates nothing', async () => {
    const t = await testRepo();
    const seen = await observe(t, () => t.as('alice').registerClassProvider('P', ['X'], scriptedProvider('P', OK)));
    expect(hrName(seen.result)).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(seen.after).toBe(seen.before);
    expect(t.repo.claimants('root\\test', 'X')).toEqual([]);
  });
});
