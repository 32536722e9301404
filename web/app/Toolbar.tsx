import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNamespaces } from '../data/hooks';
import { keys } from '../data/keys';
import { useStatus } from '../state/status';
import { useUi } from '../state/ui';
import { CIM_NAMESPACE, loadCimSchema, newClass, newSubclass, toggleTheme, undoRepository } from './commands';
import { exportGraph, exportNamespaceMof } from './exports';

/** The top bar: namespace, go-to, class actions, MOF, exports, history, view. */
export function Toolbar({ engineState }: { engineState: string }) {
  const ns = useUi((s) => s.namespace);
  const theme = useUi((s) => s.theme);
  const selected = useUi((s) => s.selected);
  const openDialog = useUi((s) => s.openDialog);
  const setNamespace = useUi((s) => s.setNamespace);
  const namespaces = useNamespaces().data ?? [];
  const qc = useQueryClient();
  const [cimBusy, setCimBusy] = useState(false);
  const cimCall = useStatus((s) =>
    Object.values(s.calls).find(
      (c) => !c.finished && c.operation === 'MOF import' && c.ns.toLowerCase() === CIM_NAMESPACE.toLowerCase(),
    ),
  );
  const cimLoaded = namespaces.find((n) => n.path.toLowerCase() === CIM_NAMESPACE.toLowerCase())?.classes ?? 0;
  const hasClass = !!selected?.startsWith('c:');

  return (
    <header className="cw-toolbar">
      <h1 className="cw-brand">
        <img src="/favicon.svg" alt="" width="18" height="18" />
        Classwright
      </h1>
      <label className="cw-ns-select">
        <span className="cw-sr">Namespace</span>
        <select
          aria-label="Namespace"
          value={ns}
          onChange={(e) => setNamespace(e.target.value)}
          onFocus={() => void qc.invalidateQueries({ queryKey: keys.namespaces() })}
        >
          {[...new Set([ns, ...namespaces.map((n) => n.path)])].map((p) => (
            <option key={p} value={p}>
              {p}
              {namespaces.find((n) => n.path === p) ? ` (${namespaces.find((n) => n.path === p)!.classes})` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="cw-goto" onClick={() => openDialog('palette')} aria-keyshortcuts="Control+K">
        <span aria-hidden="true">⌕</span> Go to class… <kbd>Ctrl K</kbd>
      </button>
      <div className="cw-group" role="group" aria-label="Classes">
        <button type="button" onClick={() => newClass(null)} aria-keyshortcuts="N" title="New root class (N)">
          New class
        </button>
        <button
          type="button"
          onClick={() => newSubclass()}
          disabled={!hasClass}
          aria-keyshortcuts="Shift+N"
          title="New subclass of the selected class (Shift+N)"
        >
          New subclass
        </button>
        <button
          type="button"
          className="cw-primary"
          onClick={() => openDialog('put')}
          disabled={!selected}
          aria-keyshortcuts="Control+S"
          title="Put the selected class (Ctrl+S)"
        >
          Put…
        </button>
      </div>
      <div className="cw-group" role="group" aria-label="MOF and schema">
        <button
          type="button"
          onClick={() => openDialog('import')}
          aria-keyshortcuts="Control+O"
          title="Import MOF files, a folder or text (Ctrl+O)"
        >
          Import MOF…
        </button>
        <button
          type="button"
          disabled={cimBusy || !!cimCall}
          title={`Import the DMTF CIM schema 2.49 (1,633 files) into root\\cimv2${cimLoaded > 100 ? ` (loaded: ${cimLoaded} classes)` : ''}`}
          onClick={async () => {
            setCimBusy(true);
            await loadCimSchema();
            setCimBusy(false);
          }}
        >
          Load CIM schema
        </button>
        {cimCall && (
          <span className="cw-cim-progress">
            <progress
              aria-label="CIM schema import progress"
              max={cimCall.progress?.total || 1}
              value={cimCall.progress?.done ?? 0}
            />
            <span className="cw-muted">
              {cimCall.progress ? `${cimCall.progress.done} / ${cimCall.progress.total}` : 'reading files…'}
            </span>
          </span>
        )}
      </div>
      <div className="cw-group" role="group" aria-label="Export">
        <button type="button" onClick={() => exportGraph('svg')} title="The whole graph as SVG">
          SVG
        </button>
        <button type="button" onClick={() => void exportGraph('png')} title="The whole graph as PNG">
          PNG
        </button>
        <button type="button" onClick={() => void exportNamespaceMof(ns)} title={`Export ${ns} as a .mof file`}>
          .mof
        </button>
      </div>
      <div className="cw-group" role="group" aria-label="Repository history">
        <button
          type="button"
          onClick={() => void undoRepository('undo')}
          title="Undo the last repository operation (Ctrl+Alt+Z)"
          aria-label="Undo last operation"
        >
          ↶
        </button>
        <button
          type="button"
          onClick={() => void undoRepository('redo')}
          title="Redo (Ctrl+Alt+Y)"
          aria-label="Redo last operation"
        >
          ↷
        </button>
      </div>
      <span className="cw-spacer" />
      <span className="cw-engine" role="status" aria-label="Engine">
        {engineState}
      </span>
      <button
        type="button"
        className="cw-icon-btn"
        onClick={toggleTheme}
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        title="Theme (T)"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <button
        type="button"
        className="cw-icon-btn"
        onClick={() => openDialog('cheatsheet')}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
    </header>
  );
}
