import { expect, type Page } from '@playwright/test';
import type { ClasswrightGlobal } from '../web/engine/classwrightGlobal';

/** What the page exposes; page.evaluate callbacks read it from window. */
export type Cw = ClasswrightGlobal;

export const CIM_SCHEMA_URL = '/corpus/cim-schema/cim_schema_2.49.0.mof';

/**
 * The namespace these specs work in, so whatever the designer itself stores (a demo schema…)
 * never mixes with what they count.
 */
export const NS = 'root\\e2e';

/** Errors the page logs, for specs to assert there are none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Open the app, start from an empty IndexedDB, and create the specs' namespace. */
export async function openClean(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.goto('/');
  await resetRepository(page);
  return errors;
}

/** Delete the IndexedDB database, restart the engine, and create the specs' namespace. */
export async function resetRepository(page: Page): Promise<void> {
  await page.evaluate(async (ns) => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    await cw.engine.ready;
    await cw.clearStorage();
    const r = await cw.connect('root').putInstance({
      genus: 'instance',
      className: '__NAMESPACE',
      qualifiers: [],
      properties: [{ name: 'Name', value: ns.slice(ns.lastIndexOf('\\') + 1) }],
    });
    if (r.hr !== 0) throw new Error(`cannot create ${ns}: ${cw.hrName(r.hr)}`);
  }, NS);
}

/** Wait until the engine (after a load or reload) is ready. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { classwright?: Cw }).classwright !== undefined);
  await page.evaluate(() => (window as unknown as { classwright: Cw }).classwright.engine.ready);
}

/**
 * The user classes of the specs' namespace, how many committed operations (history entries)
 * were about it, and the consistency report of the whole repository.
 */
export async function repositoryState(page: Page, namespace = NS) {
  return page.evaluate(async (ns) => {
    const cw = (window as unknown as { classwright: Cw }).classwright;
    const history = await cw.api.history();
    const consistency = await cw.api.checkConsistency();
    const enumr = await cw.api.createClassEnum({ namespace: ns }, null, 0);
    const names = enumr.objects
      .map((o) => o.name)
      .filter((n) => !n.startsWith('__'))
      .sort();
    const ops = history.entries.filter((e) => e.label.namespace?.toLowerCase() === ns.toLowerCase()).length;
    return { ops, names, consistency };
  }, namespace);
}

export function expectConsistent(state: { consistency: { ok: boolean; problems: readonly string[] } }): void {
  expect(state.consistency.problems).toEqual([]);
  expect(state.consistency.ok).toBe(true);
}

/**
 * Fetch the CIM schema's files once into the page (window.__cimFiles), so imports can pass them
 * to the worker as `{ files, entry }` instead of 1,634 fetches each (the preview server is slow).
 */
export async function loadCimFiles(page: Page): Promise<number> {
  return page.evaluate(async (url) => {
    const w = window as unknown as { __cimFiles?: Record<string, string> };
    if (w.__cimFiles) return Object.keys(w.__cimFiles).length;
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    const entry = url.slice(base.length);
    const files: Record<string, string> = {};
    files[entry] = await (await fetch(url)).text();
    const includes = [...files[entry].matchAll(/#pragma include \("([^"]+)"\)/g)].map((m) => m[1]!);
    let i = 0;
    const worker = async () => {
      while (i < includes.length) {
        const f = includes[i++]!;
        files[f] = await (await fetch(base + f)).text();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    w.__cimFiles = files;
    return Object.keys(files).length;
  }, CIM_SCHEMA_URL);
}

/** `class <name> : <superclass> {};` as a ClassDefinition. */
export function classDef(name: string, superclass: string | null) {
  return { genus: 'class' as const, name, superclass, qualifiers: [], properties: [], methods: [] };
}
