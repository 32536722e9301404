import type { ClassIndex } from '../data/classIndex';
import { useUi } from '../state/ui';

/** The graph's own controls: focus, collapse, what nodes show, layout. */
export function GraphToolbar({
  index,
  shown,
  layoutMs,
}: {
  index: ClassIndex;
  shown: number;
  layoutMs: number | null;
}) {
  const focus = useUi((s) => s.focus);
  const selected = useUi((s) => s.selected);
  const showProperties = useUi((s) => s.showProperties);
  const showSystem = useUi((s) => s.showSystem);
  const showReferences = useUi((s) => s.showReferences);
  const layout = useUi((s) => s.layout);
  const readAmended = useUi((s) => s.readAmended);
  const set = useUi((s) => s.set);
  const setFocus = useUi((s) => s.setFocus);
  const expandAll = useUi((s) => s.expandAll);
  const collapseAll = useUi((s) => s.collapseAll);
  const fit = useUi((s) => s.fit);
  const focusName = focus ? (index.byKey.get(focus.id.slice(2))?.name ?? focus.id) : null;
  const canFocus = !!selected?.startsWith('c:');

  return (
    <div className="cw-graph-tools" role="toolbar" aria-label="Graph">
      {focus ? (
        <span className="cw-focus-chip">
          Focus: <strong>{focusName}</strong>
          <label>
            <span className="cw-sr">Levels of subclasses</span>
            <select
              aria-label="Levels of subclasses shown in the focus view"
              value={focus.depth}
              onChange={(e) => setFocus({ ...focus, depth: Number(e.target.value) })}
            >
              {[0, 1, 2, 3, 4, 6, 10].map((d) => (
                <option key={d} value={d}>
                  {d} level{d === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="cw-link-btn" onClick={() => setFocus(null)}>
            Leave focus
          </button>
        </span>
      ) : (
        <button
          type="button"
          disabled={!canFocus}
          onClick={() => selected && setFocus({ id: selected, depth: 2 })}
          title="Show the selected class, its ancestors and 2 levels of subclasses (F)"
        >
          Focus
        </button>
      )}
      <button type="button" onClick={expandAll} title="Expand every subtree (Shift+E)">
        Expand
      </button>
      <button type="button" onClick={collapseAll} title="Collapse every subtree (Shift+C)">
        Collapse
      </button>
      <button type="button" onClick={fit} title="Fit to window (0)">
        Fit
      </button>
      <label className="cw-inline-check">
        <input
          type="checkbox"
          checked={showProperties}
          onChange={(e) => set({ showProperties: e.target.checked, propsOpen: {} })}
        />{' '}
        Properties
      </label>
      <label className="cw-inline-check">
        <input type="checkbox" checked={showReferences} onChange={(e) => set({ showReferences: e.target.checked })} />{' '}
        References
      </label>
      <label className="cw-inline-check">
        <input type="checkbox" checked={showSystem} onChange={(e) => set({ showSystem: e.target.checked })} /> System
        classes
      </label>
      <label
        className="cw-inline-check"
        title="Read classes with WBEM_FLAG_USE_AMENDED_QUALIFIERS: the locale's amended qualifiers merged in"
      >
        <input type="checkbox" checked={readAmended} onChange={(e) => set({ readAmended: e.target.checked })} /> Amended
      </label>
      <label>
        <span className="cw-sr">Layout</span>
        <select aria-label="Layout" value={layout} onChange={(e) => set({ layout: e.target.value as 'tree' | 'elk' })}>
          <option value="tree">Tidy tree</option>
          <option value="elk">ELK layered</option>
        </select>
      </label>
      <span className="cw-muted cw-graph-count" aria-live="off">
        {shown} of {showSystem ? index.classes.length : index.userCount} classes shown
        {layoutMs !== null ? ` · layout ${Math.round(layoutMs)} ms` : ''}
      </span>
    </div>
  );
}
