import { expect, test } from '@playwright/test';
import { expectConsistent, NS, openClean, ready, repositoryState, type Cw } from './worker-helpers';

test('classes put through the worker survive a reload, with their history', async ({ page }) => {
  const errors = await openClean(page);
  const result = await page.evaluate(async (ns) => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    const c = cw.connect(ns);
    const base = await c.putClass({
      genus: 'class',
      name: 'Shape',
      superclass: null,
      qualifiers: [],
      properties: [
        {
          name: 'Id',
          type: { base: 'string', array: false },
          qualifiers: [{ name: 'Key', type: { base: 'boolean', array: false }, value: true, flavor: 0 }],
        },
      ],
      methods: [],
    });
    const sink = cw.sink();
    const hr = await c.putClassAsync(
      { genus: 'class', name: 'Circle', superclass: 'Shape', qualifiers: [], properties: [], methods: [] },
      cw.WBEM_FLAG.SEND_STATUS,
      null,
      sink.id,
    );
    const done = await sink.done;
    return {
      base: base.hr,
      hr,
      final: done.hr,
      trace: sink.calls.map((x) => (x.kind === 'setStatus' ? x.flags : 'i')),
    };
  }, NS);
  expect(result).toEqual({ base: 0, hr: 0, final: 0, trace: [2, 2, 2, 0] });

  await page.reload();
  await ready(page);
  const state = await repositoryState(page);
  expect(state.names).toEqual(['Circle', 'Shape']);
  expect(state.ops).toBe(2);
  expectConsistent(state);
  const circle = await page.evaluate(async (ns) => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    const r = await cw.connect(ns).getObject('Circle');
    const history = await cw.api.history();
    return {
      hr: r.hr,
      derivation: (r.object as unknown as { system: { __DERIVATION: string[] } }).system.__DERIVATION,
      history: history.entries.filter((e) => e.label.namespace === ns).map((e) => e.label.text),
    };
  }, NS);
  expect(circle).toEqual({ hr: 0, derivation: ['Shape'], history: ['PutClass Shape', 'PutClass Circle'] });
  expect(errors).toEqual([]);
});
