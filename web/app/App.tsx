import { useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { HR } from '../../src/errors/wbem';
import { classNodeId } from '../state/ui';
import { failed, type PutResult } from '../data/operations';
import { getClient } from '../data/engine';
import { useClassIndex } from '../data/hooks';
import { connectInvalidation } from '../data/invalidation';
import { keys } from '../data/keys';
import { ClassEditor } from '../editor/ClassEditor';
import { ChangeSetPanel } from '../preview/ChangeSetPanel';
import { TimelinePanel } from '../preview/TimelinePanel';
import { GraphToolbar } from '../graph/GraphToolbar';
import { GraphView } from '../graph/GraphView';
import type { GraphModel } from '../graph/model';
import type { Positions } from '../graph/useLayout';
import { ImportDialog } from '../mof/ImportDialog';
import { PutDialog } from '../put/PutDialog';
import { useDrafts } from '../state/drafts';
import { useUi } from '../state/ui';
import { SinkLog } from '../status/SinkLog';
import { CheatSheet } from './CheatSheet';
import { CommandPalette } from './CommandPalette';
import { jumpToClass, seedDemoIfEmpty, selectedClassName, setCurrentIndex } from './commands';
import { DeleteDialog } from './DeleteDialog';
import { recordGraph } from './exports';
import { NamespaceDialog } from './NamespaceDialog';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';

type EngineState = 'Starting engine…' | 'Engine ready' | 'Engine failed';

export function App() {
  const qc = useQueryClient();
  const [engine, setEngine] = useState<EngineState>('Starting engine…');
  const ns = useUi((s) => s.namespace);
  const theme = useUi((s) => s.theme);
  const readAmended = useUi((s) => s.readAmended);
  const dialog = useUi((s) => s.dialog);
  const closeDialog = useUi((s) => s.closeDialog);
  const logOpen = useUi((s) => s.logOpen);
  const [editorWidth, setEditorWidth] = useState(600);
  const [graphInfo, setGraphInfo] = useState<{ shown: number; ms: number | null }>({ shown: 0, ms: null });
  useShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const client = getClient();
    const off = connectInvalidation(client, qc);
    let live = true;
    Promise.resolve(client.ready)
      .then(() => seedDemoIfEmpty())
      .then(async (seeded) => {
        if (seeded) await qc.invalidateQueries({ queryKey: keys.all });
        if (live) setEngine('Engine ready');
      })
      .catch(() => live && setEngine('Engine failed'));
    return () => {
      live = false;
      off();
    };
  }, [qc]);

  const { index, isLoading, error } = useClassIndex(ns, readAmended);
  useEffect(() => setCurrentIndex(index), [index]);
  // A namespace remembered from another session may be gone (storage cleared): go back to the default.
  useEffect(() => {
    if ((error as { hr?: number } | null)?.hr === HR.E_INVALID_NAMESPACE && ns.toLowerCase() !== 'root\\default')
      useUi.getState().setNamespace('root\\default');
  }, [error, ns]);
  const onModel = useCallback((model: GraphModel, positions: Positions | null) => {
    recordGraph(model, positions);
    setGraphInfo({ shown: model.nodes.length - 1, ms: positions?.ms ?? null });
  }, []);

  return (
    <div className="cw-app">
      <a className="cw-skip" href="#cw-editor">
        Skip to the class editor
      </a>
      <Toolbar engineState={engine} />
      <main className="cw-main" style={{ gridTemplateColumns: `minmax(320px, 1fr) 6px ${editorWidth}px` }}>
        <section className="cw-graph-panel" aria-label="Hierarchy graph">
          <GraphToolbar index={index} shown={graphInfo.shown} layoutMs={graphInfo.ms} />
          <div className="cw-graph">
            {error ? (
              <p className="cw-bad cw-pad" role="alert">
                Could not read {ns}: {String((error as Error).message ?? error)}
              </p>
            ) : isLoading || engine === 'Starting engine…' ? (
              <p className="cw-muted cw-pad">Loading {ns}…</p>
            ) : (
              <ReactFlowProvider>
                <GraphView index={index} onModel={onModel} />
              </ReactFlowProvider>
            )}
          </div>
        </section>
        <div
          className="cw-splitter"
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize the class editor"
          aria-valuenow={editorWidth}
          aria-valuemin={360}
          aria-valuemax={1200}
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === 'ArrowLeft') setEditorWidth((w) => Math.min(1200, w + 40));
            if (e.key === 'ArrowRight') setEditorWidth((w) => Math.max(360, w - 40));
          }}
          onPointerDown={(e) => {
            const startX = e.clientX;
            const startW = editorWidth;
            const move = (ev: PointerEvent) =>
              setEditorWidth(Math.max(360, Math.min(1200, startW + startX - ev.clientX)));
            const up = () => {
              window.removeEventListener('pointermove', move);
              window.removeEventListener('pointerup', up);
            };
            window.addEventListener('pointermove', move);
            window.addEventListener('pointerup', up);
          }}
        />
        <div id="cw-editor" className="cw-editor-panel" tabIndex={-1}>
          <TimelinePanel />
          <ChangeSetPanel ns={ns} />
          <ClassEditor index={index} />
        </div>
      </main>
      {logOpen && (
        <SinkLog
          onJump={(rowNs, className) => {
            if (rowNs && rowNs.toLowerCase() !== ns.toLowerCase()) useUi.getState().setNamespace(rowNs);
            jumpToClass(rowNs.toLowerCase() === ns.toLowerCase() ? index : null, className);
          }}
        />
      )}
      {dialog === 'palette' && <CommandPalette index={index} onClose={closeDialog} />}
      {dialog === 'cheatsheet' && <CheatSheet onClose={closeDialog} />}
      {dialog === 'import' && (
        <ImportDialog
          ns={ns}
          onClose={closeDialog}
          onImported={(target) => target.toLowerCase() !== ns.toLowerCase() && useUi.getState().setNamespace(target)}
        />
      )}
      {dialog === 'namespace' && <NamespaceDialog onClose={closeDialog} />}
      {dialog === 'delete' && selectedClassName() && (
        <DeleteDialog ns={ns} name={selectedClassName()!} index={index} onClose={closeDialog} />
      )}
      {dialog === 'put' && <PutFromSelection />}
    </div>
  );
}

/** The put dialog for the selected class or draft. */
function PutFromSelection() {
  const ns = useUi((s) => s.namespace);
  const selected = useUi((s) => s.selected);
  const readAmended = useUi((s) => s.readAmended);
  const closeDialog = useUi((s) => s.closeDialog);
  const draft = useDrafts((s) => (selected ? s.drafts[`${ns.toLowerCase()}|${selected}`] : undefined));
  const { index } = useClassIndex(ns, readAmended);
  const cim = selected?.startsWith('c:') ? index.byKey.get(selected.slice(2)) : undefined;
  const def = draft?.def ?? cim?.definition;
  if (!selected || !def) return null;
  const onDone = (r: PutResult) => {
    if (failed(r.hr)) return;
    useDrafts.getState().discard(ns, selected);
    closeDialog();
    if (selected !== classNodeId(def.name)) useUi.getState().select(classNodeId(def.name), true);
  };
  return (
    <PutDialog
      ns={ns}
      def={def}
      isNew={!cim && !!draft && draft.base === null}
      amendedRead={draft?.amended ?? (cim ? readAmended : false)}
      onClose={closeDialog}
      onDone={onDone}
      onJump={(n) => jumpToClass(index, n)}
    />
  );
}
