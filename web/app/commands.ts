import { HR } from '../../src/errors/wbem';
import { cls } from '../../src/model/build';
import { isSystemName, type ClassIndex } from '../data/classIndex';
import { getClient } from '../data/engine';
import { failed, runDelete, runImport, runUndo } from '../data/operations';
import { useDrafts } from '../state/drafts';
import { useUi, classNodeId } from '../state/ui';

/**
 * Commands shared by the toolbar, the command palette and the keyboard shortcuts. They act on the
 * current namespace's class index, which the app keeps up to date here.
 */
let currentIndex: ClassIndex | null = null;

export function setCurrentIndex(index: ClassIndex) {
  currentIndex = index;
}
export function getCurrentIndex(): ClassIndex | null {
  return currentIndex;
}

/** Make a class visible (expand its ancestors, leave a focus view that hides it), select and centre it. */
export function jumpToClass(index: ClassIndex | null, name: string) {
  const ix = index ?? currentIndex;
  const key = name.toLowerCase();
  const ui = useUi.getState();
  const c = ix?.byKey.get(key);
  if (c) {
    const collapsed = { ...ui.collapsed };
    for (const a of c.derivation) collapsed[a.toLowerCase()] = false;
    const patch: Parameters<typeof ui.set>[0] = { collapsed };
    if (isSystemName(c.name) && !ui.showSystem) patch.showSystem = true;
    if (ui.focus) {
      const fk = ui.focus.id.slice(2);
      const inside =
        key === fk ||
        c.derivation.some((d) => d.toLowerCase() === fk) ||
        ix!.byKey.get(fk)?.derivation.some((d) => d.toLowerCase() === key);
      if (!inside) patch.focus = null;
    }
    ui.set(patch);
  }
  ui.select(classNodeId(name), true);
}

function uniqueName(base: string): string {
  const ix = currentIndex;
  const ns = useUi.getState().namespace.toLowerCase();
  const drafts = Object.values(useDrafts.getState().drafts).filter((d) => d.ns.toLowerCase() === ns);
  for (let i = 1; ; i++) {
    const n = `${base}${i}`;
    if (!ix?.byKey.has(n.toLowerCase()) && !drafts.some((d) => d.def.name.toLowerCase() === n.toLowerCase())) return n;
  }
}

/** A new class draft (under `superclass`), selected with its name ready to type. */
export function newClass(superclass: string | null) {
  const ns = useUi.getState().namespace;
  const base = superclass ? `${superclass.replace(/_[^_]*$/, '')}_NewClass` : 'NewClass';
  const id = useDrafts.getState().create(ns, cls(uniqueName(base.startsWith('_') ? 'NewClass' : base), superclass));
  useUi.getState().set({ editorTab: 'properties' });
  useUi.getState().select(id, true);
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.cw-title-input')?.select());
}

export function newSubclass(name?: string) {
  const ui = useUi.getState();
  const sel =
    name ?? (ui.selected?.startsWith('c:') ? (currentIndex?.byKey.get(ui.selected.slice(2))?.name ?? null) : null);
  if (sel) newClass(sel);
}

/** The class object selected, if it is a stored class. */
export function selectedClassName(): string | null {
  const sel = useUi.getState().selected;
  if (!sel?.startsWith('c:')) return null;
  return currentIndex?.byKey.get(sel.slice(2))?.name ?? null;
}

export async function deleteSelected(): Promise<boolean> {
  const ns = useUi.getState().namespace;
  const name = selectedClassName();
  if (!name) return false;
  const r = await runDelete(ns, name);
  if (!failed(r.hr)) {
    useDrafts.getState().discard(ns, classNodeId(name));
    useUi.getState().select(null);
  }
  return !failed(r.hr);
}

export function undoDraft(): boolean {
  const { namespace, selected } = useUi.getState();
  return !!selected && useDrafts.getState().undo(namespace, selected);
}

export function redoDraft(): boolean {
  const { namespace, selected } = useUi.getState();
  return !!selected && useDrafts.getState().redo(namespace, selected);
}

export function undoRepository(kind: 'undo' | 'redo') {
  return runUndo(kind);
}

export function toggleTheme() {
  const ui = useUi.getState();
  ui.set({ theme: ui.theme === 'dark' ? 'light' : 'dark' });
}

export function focusSelected(depth = 2) {
  const ui = useUi.getState();
  if (ui.selected?.startsWith('c:')) ui.setFocus({ id: ui.selected, depth });
}

export function toggleSelectedProps() {
  const ui = useUi.getState();
  if (!ui.selected?.startsWith('c:')) return;
  const key = ui.selected.slice(2);
  const big = (currentIndex?.userCount ?? 0) > 150;
  ui.togglePropsOpen(key, ui.propsOpen[key] ?? (ui.showProperties && !big));
}

export const CIM_SCHEMA_URL = '/corpus/cim-schema/cim_schema_2.49.0.mof';
export const CIM_NAMESPACE = 'root\\cimv2';

/** Load the DMTF CIM schema 2.49 into root\cimv2, continue-on-error (7 classes fail, by design). */
export async function loadCimSchema() {
  const url = new URL(CIM_SCHEMA_URL, window.location.href).href;
  const r = await runImport(
    CIM_NAMESPACE,
    { url },
    { continueOnError: true },
    'DMTF CIM schema 2.49 (cim_schema_2.49.0.mof)',
  );
  if (r.result && r.result.classes > 0) {
    useUi.getState().setNamespace(CIM_NAMESPACE);
  }
  return r;
}

export const DEMO_URL = '/demo/demo.mof';
export const DEMO_NAMESPACE = 'root\\default';

/** First run: the demo repository (public/demo/demo.mof) in root\default. */
let seeding: Promise<boolean> | null = null;

export function seedDemoIfEmpty(): Promise<boolean> {
  seeding ??= seed().finally(() => {
    seeding = null;
  });
  return seeding;
}

async function seed(): Promise<boolean> {
  const client = getClient();
  const engineRun = client.ready;
  // First run means a repository that has never committed anything: a person who deleted the demo,
  // or a test that started from an empty database and made its own changes, gets no demo.
  const stats = await client.api.stats();
  if (stats.seq > 0) return false;
  const r = await client.api.createClassEnum({ namespace: DEMO_NAMESPACE }, null, 0);
  if (r.hr !== HR.S_NO_ERROR || r.objects.some((c) => !isSystemName(c.name))) return false;
  const res = await fetch(DEMO_URL);
  if (!res.ok) return false;
  const text = await res.text();
  // The engine restarted meanwhile (its storage was cleared): the check above no longer holds.
  if (client.ready !== engineRun) return false;
  const out = await runImport(
    DEMO_NAMESPACE,
    { files: { 'demo.mof': text }, entry: 'demo.mof' },
    {},
    'demo.mof (first run)',
  );
  return !failed(out.hr);
}
