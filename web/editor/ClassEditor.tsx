import { useCallback, useId, useMemo, useState } from 'react';
import { hrName } from '../../src/errors/wbem';
import type { ClassDefinition, QualifierDeclaration } from '../../src/model';
import type { ClassIndex } from '../data/classIndex';
import { isSystemName } from '../data/classIndex';
import { useInstances, useQualifierDecls } from '../data/hooks';
import { download } from '../graph/exportGraph';
import { printClass } from '../mof/printMof';
import { isDirty, useDraft, useDrafts } from '../state/drafts';
import { failureKey, useStatus } from '../state/status';
import { useUi, type EditorTab } from '../state/ui';
import { jumpToClass, newSubclass } from '../app/commands';
import { EditorContext, type EditorCtx } from './context';
import { ConflictBanner } from './ConflictBanner';
import { MethodsTab } from './MethodsTab';
import { PropertiesTab } from './PropertiesTab';
import { QualifierTable } from './QualifierTable';
import { PreviewPanel } from '../preview/PreviewPanel';
import { TracePanel } from '../preview/TracePanel';
import { useChangeSet } from '../state/changeSet';

const TABS: { id: EditorTab; label: string }[] = [
  { id: 'properties', label: 'Properties' },
  { id: 'qualifiers', label: 'Qualifiers' },
  { id: 'methods', label: 'Methods' },
  { id: 'instances', label: 'Instances' },
  { id: 'mof', label: 'MOF' },
];

/** The class editor: the selected class (or new-class draft) with its drafts, undo and put. */
export function ClassEditor({ index }: { index: ClassIndex }) {
  const ns = useUi((s) => s.namespace);
  const selected = useUi((s) => s.selected);
  const readAmended = useUi((s) => s.readAmended);
  const draft = useDraft(ns, selected);
  const key = selected?.startsWith('c:') ? selected.slice(2) : null;
  const cim = key ? (index.byKey.get(key) ?? null) : null;

  if (!selected || (!cim && !draft)) return <EmptyEditor missing={!!selected} />;
  return (
    <EditorBody
      key={`${ns}|${selected}`}
      index={index}
      ns={ns}
      id={selected}
      readAmended={readAmended}
      cimBase={cim?.definition ?? null}
      hasDraft={!!draft}
    />
  );
}

function EmptyEditor({ missing }: { missing: boolean }) {
  return (
    <div className="cw-editor cw-editor-empty">
      <h2>{missing ? 'This class no longer exists' : 'No class selected'}</h2>
      <p>Select a class on the graph, or:</p>
      <ul className="cw-tips">
        <li>
          <kbd>Ctrl</kbd>+<kbd>K</kbd> jump to any class or command
        </li>
        <li>
          <kbd>N</kbd> new class, <kbd>Shift</kbd>+<kbd>N</kbd> new subclass
        </li>
        <li>
          <kbd>?</kbd> every shortcut
        </li>
      </ul>
    </div>
  );
}

function EditorBody({
  index,
  ns,
  id,
  readAmended,
  cimBase,
}: {
  index: ClassIndex;
  ns: string;
  id: string;
  readAmended: boolean;
  cimBase: ClassDefinition | null;
  hasDraft: boolean;
}) {
  const draft = useDraft(ns, id);
  const tab = useUi((s) => s.editorTab);
  const setUi = useUi((s) => s.set);
  const openDialog = useUi((s) => s.openDialog);
  const setFocus = useUi((s) => s.setFocus);
  const editDraft = useDrafts((s) => s.edit);
  const undo = useDrafts((s) => s.undo);
  const redo = useDrafts((s) => s.redo);
  const discard = useDrafts((s) => s.discard);
  const decls = useQualifierDecls(ns).data;
  const def = draft?.def ?? cimBase!;
  const base = draft ? draft.base : cimBase;
  const parent = def.superclass ? (index.byKey.get(def.superclass.toLowerCase()) ?? null) : null;
  const key = (def.name || '').toLowerCase();
  const conflicts = useStatus((s) =>
    s.marks && s.marks.ns.toLowerCase() === ns.toLowerCase()
      ? s.marks.conflicts[id.startsWith('c:') ? id.slice(2) : key]
      : undefined,
  );
  const failure = useStatus((s) => (def.name ? s.failures[failureKey(ns, def.name)] : undefined));
  const dismiss = useStatus((s) => s.dismiss);
  const system = isSystemName(def.name);
  const isNew = base === null;
  const dirty = isDirty(draft);
  const queued = useChangeSet((s) => (s.queued[ns.toLowerCase()] ?? []).includes(id));
  const queue = useChangeSet((s) => s.add);
  const classList = useId();
  const tabsId = useId();

  const edit = useCallback(
    (update: (d: ClassDefinition) => ClassDefinition, coalesce?: string) =>
      editDraft(ns, id, { base: cimBase, amended: readAmended }, update, coalesce),
    [editDraft, ns, id, cimBase, readAmended],
  );
  const ctx: EditorCtx = useMemo(
    () => ({
      ns,
      def,
      base,
      parent,
      edit,
      readOnly: system,
      conflicts,
      decls: decls ?? [],
      jump: (name: string) => jumpToClass(index, name),
    }),
    [ns, def, base, parent, edit, system, conflicts, decls, index],
  );
  const superOk = !def.superclass || !!parent;
  const names = useMemo(() => index.classes.filter((c) => !isSystemName(c.name)).map((c) => c.name), [index]);

  return (
    <EditorContext.Provider value={ctx}>
      <section className="cw-editor" aria-label={`Class editor: ${def.name || 'new class'}`}>
        <datalist id={classList}>
          {names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <header className="cw-editor-head">
          <div className="cw-title-row">
            {isNew ? (
              <input
                className="cw-title-input"
                aria-label="Class name"
                placeholder="Class name"
                value={def.name}
                onChange={(e) => edit((d) => ({ ...d, name: e.target.value.trim() }), 'name')}
              />
            ) : (
              <h2 className="cw-title" title={def.name}>
                {def.name}
              </h2>
            )}
            {dirty && <span className="cw-badge cw-b-draft">{isNew ? 'new, not put' : 'draft'}</span>}
            {draft?.amended && (
              <span
                className="cw-badge cw-b-amended"
                title="Read with amended qualifiers: put it with Use amended qualifiers"
              >
                amended read
              </span>
            )}
            {system && <span className="cw-badge">system class, read-only</span>}
          </div>
          <div className="cw-super-row">
            <label>
              Superclass{' '}
              <input
                aria-label="Superclass"
                list={classList}
                value={def.superclass ?? ''}
                placeholder="(none: a root class)"
                disabled={system}
                aria-invalid={!superOk || undefined}
                className={`${base && (base.superclass ?? '') !== (def.superclass ?? '') ? 'cw-changed' : ''}${superOk ? '' : ' cw-invalid'}`}
                onChange={(e) => edit((d) => ({ ...d, superclass: e.target.value.trim() || null }), 'superclass')}
              />
            </label>
            {parent && (
              <button
                type="button"
                className="cw-link-btn"
                onClick={() => jumpToClass(index, parent.name)}
                aria-label={`Go to superclass ${parent.name}`}
              >
                go to
              </button>
            )}
            {!superOk && (
              <span className="cw-field-error">
                No class {def.superclass} in {ns}
              </span>
            )}
          </div>
          <div className="cw-editor-tools" role="toolbar" aria-label="Class actions">
            <button
              type="button"
              className="cw-primary"
              onClick={() => openDialog('put')}
              disabled={system || !def.name}
              title="Put the class (Ctrl+S)"
            >
              Put…
            </button>
            <button
              type="button"
              onClick={() => queue(ns, id)}
              disabled={system || !def.name || !dirty || queued}
              title="Put this draft later, together with other queued drafts, as one operation"
            >
              {queued ? 'Queued' : 'Queue in change set'}
            </button>
            <button
              type="button"
              onClick={() => undo(ns, id)}
              disabled={!draft || draft.past.length === 0}
              title="Undo draft edit (Ctrl+Z)"
            >
              Undo
            </button>
            <button
              type="button"
              onClick={() => redo(ns, id)}
              disabled={!draft || draft.future.length === 0}
              title="Redo draft edit (Ctrl+Shift+Z)"
            >
              Redo
            </button>
            <button
              type="button"
              onClick={() => {
                discard(ns, id);
                if (isNew) useUi.getState().select(null);
              }}
              disabled={!draft}
              title="Throw the draft away"
            >
              Discard
            </button>
            <span className="cw-sep" />
            {!isNew && (
              <button
                type="button"
                onClick={() => newSubclass(def.name)}
                disabled={!def.name}
                title="New subclass (Shift+N)"
              >
                New subclass
              </button>
            )}
            {!isNew && (
              <button
                type="button"
                onClick={() => setFocus({ id, depth: 2 })}
                title="Focus the graph on this class (F)"
              >
                Focus
              </button>
            )}
            {!isNew && !system && (
              <button
                type="button"
                className="cw-danger"
                onClick={() => openDialog('delete')}
                title="Delete the class and its subclasses (Delete)"
              >
                Delete…
              </button>
            )}
          </div>
        </header>
        {failure && (
          <div className="cw-banner cw-banner-error" role="status">
            <strong>
              {failure.operation} failed: {hrName(failure.hr)}
            </strong>{' '}
            <span>{failure.text}</span>
            <button type="button" className="cw-link-btn" onClick={() => dismiss(ns, def.name)}>
              Dismiss
            </button>
          </div>
        )}
        <ConflictBanner ns={ns} className={def.name} index={index} />
        {dirty && !system && def.name && (
          <PreviewPanel
            ns={ns}
            def={def}
            isNew={isNew}
            amended={draft?.amended ?? false}
            onJump={(name) => jumpToClass(index, name)}
          />
        )}
        <TracePanel ns={ns} onJump={(name) => jumpToClass(index, name)} />
        <div role="tablist" aria-label="Class editor sections" className="cw-tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${tabsId}-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`${tabsId}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setUi({ editorTab: t.id })}
              onKeyDown={(e) => {
                const i = TABS.findIndex((x) => x.id === tab);
                const next =
                  e.key === 'ArrowRight'
                    ? TABS[(i + 1) % TABS.length]
                    : e.key === 'ArrowLeft'
                      ? TABS[(i + TABS.length - 1) % TABS.length]
                      : null;
                if (next) {
                  e.preventDefault();
                  setUi({ editorTab: next.id });
                  document.getElementById(`${tabsId}-${next.id}`)?.focus();
                }
              }}
            >
              {t.label}
              {t.id === 'properties' && <span className="cw-count">{def.properties.length}</span>}
              {t.id === 'qualifiers' && <span className="cw-count">{def.qualifiers.length}</span>}
              {t.id === 'methods' && <span className="cw-count">{def.methods.length}</span>}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="cw-tabpanel">
          {tab === 'properties' && <PropertiesTab classList={classList} />}
          {tab === 'qualifiers' && (
            <div className="cw-tab-body">
              <QualifierTable
                target={{ kind: 'class' }}
                inherited={parent?.qualifiers ?? []}
                caption={`Qualifiers of class ${def.name || '(new)'}`}
              />
            </div>
          )}
          {tab === 'methods' && <MethodsTab classList={classList} />}
          {tab === 'instances' && <InstancesTab ns={ns} className={isNew ? null : def.name} />}
          {tab === 'mof' && <MofTab def={def} decls={decls ?? []} />}
        </div>
      </section>
    </EditorContext.Provider>
  );
}

function InstancesTab({ ns, className }: { ns: string; className: string | null }) {
  const q = useInstances(ns, className);
  if (!className) return <p className="cw-tab-body cw-muted">A new class has no instances.</p>;
  if (q.isLoading) return <p className="cw-tab-body cw-muted">Loading…</p>;
  const list = q.data ?? [];
  return (
    <div className="cw-tab-body">
      <p className="cw-muted">
        {list.length} static instance{list.length === 1 ? '' : 's'} of {className} (subclasses' instances not listed).
      </p>
      {list.map((inst) => (
        <table key={inst.system.__RELPATH} className="cw-table cw-instance">
          <caption>{inst.system.__RELPATH}</caption>
          <tbody>
            {inst.properties.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td>
                  {p.value === null ? (
                    <span className="cw-muted">NULL</span>
                  ) : typeof p.value === 'object' ? (
                    JSON.stringify(p.value)
                  ) : (
                    String(p.value)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

function MofTab({ def, decls }: { def: ClassDefinition; decls: readonly QualifierDeclaration[] }) {
  const text = useMemo(() => printClass(def, decls), [def, decls]);
  const [copied, setCopied] = useState(false);
  return (
    <div className="cw-tab-body">
      <div className="cw-tab-tools">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            );
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          Copy MOF
        </button>
        <button type="button" onClick={() => download(`${def.name || 'class'}.mof`, text, 'text/plain')}>
          Download .mof
        </button>
        <span role="status" className="cw-muted">
          {copied ? 'Copied' : ''}
        </span>
      </div>
      <pre className="cw-mof" aria-label={`MOF of ${def.name}`} tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}
