import { useStatus } from '../state/status';
import { useUi } from '../state/ui';
import {
  focusSelected,
  getCurrentIndex,
  jumpToClass,
  loadCimSchema,
  newClass,
  newSubclass,
  redoDraft,
  selectedClassName,
  toggleSelectedProps,
  toggleTheme,
  undoDraft,
  undoRepository,
} from './commands';
import { exportGraph, exportNamespaceMof } from './exports';

/** A command of the palette; `keys` is its shortcut as the cheat sheet shows it. */
export interface Command {
  readonly id: string;
  readonly label: string;
  readonly group: 'Classes' | 'Graph' | 'Repository' | 'View' | 'Help';
  readonly keys?: string;
  readonly run: () => void;
  readonly enabled?: () => boolean;
}

const ui = () => useUi.getState();
const hasClass = () => selectedClassName() !== null;

export const COMMANDS: readonly Command[] = [
  {
    id: 'palette',
    label: 'Go to class or command…',
    group: 'Help',
    keys: 'Ctrl+K',
    run: () => ui().openDialog('palette'),
  },
  { id: 'cheatsheet', label: 'Keyboard shortcuts', group: 'Help', keys: '?', run: () => ui().openDialog('cheatsheet') },
  { id: 'new-class', label: 'New class', group: 'Classes', keys: 'N', run: () => newClass(null) },
  {
    id: 'new-subclass',
    label: 'New subclass of the selected class',
    group: 'Classes',
    keys: 'Shift+N',
    run: () => newSubclass(),
    enabled: hasClass,
  },
  {
    id: 'put',
    label: 'Put the selected class…',
    group: 'Classes',
    keys: 'Ctrl+S',
    run: () => ui().selected && ui().openDialog('put'),
    enabled: () => !!ui().selected,
  },
  {
    id: 'delete',
    label: 'Delete the selected class…',
    group: 'Classes',
    keys: 'Delete',
    run: () => ui().openDialog('delete'),
    enabled: hasClass,
  },
  { id: 'undo-draft', label: 'Undo draft edit', group: 'Classes', keys: 'Ctrl+Z', run: () => void undoDraft() },
  { id: 'redo-draft', label: 'Redo draft edit', group: 'Classes', keys: 'Ctrl+Shift+Z', run: () => void redoDraft() },
  { id: 'superclass', label: 'Go to the superclass', group: 'Classes', keys: 'Alt+↑', run: () => goParent() },
  { id: 'subclass', label: 'Go to the first subclass', group: 'Classes', keys: 'Alt+↓', run: () => goChild() },
  { id: 'import', label: 'Import MOF…', group: 'Repository', keys: 'Ctrl+O', run: () => ui().openDialog('import') },
  {
    id: 'cim',
    label: 'Load the DMTF CIM schema 2.49 into root\\cimv2',
    group: 'Repository',
    run: () => void loadCimSchema(),
  },
  {
    id: 'export-mof',
    label: 'Export the namespace as MOF',
    group: 'Repository',
    run: () => void exportNamespaceMof(ui().namespace),
  },
  { id: 'new-namespace', label: 'New namespace…', group: 'Repository', run: () => ui().openDialog('namespace') },
  {
    id: 'undo-op',
    label: 'Undo the last repository operation',
    group: 'Repository',
    keys: 'Ctrl+Alt+Z',
    run: () => void undoRepository('undo'),
  },
  {
    id: 'redo-op',
    label: 'Redo the last undone repository operation',
    group: 'Repository',
    keys: 'Ctrl+Alt+Y',
    run: () => void undoRepository('redo'),
  },
  {
    id: 'focus',
    label: 'Focus on the selected class',
    group: 'Graph',
    keys: 'F',
    run: () => focusSelected(),
    enabled: hasClass,
  },
  { id: 'unfocus', label: 'Leave the focus view', group: 'Graph', keys: 'Shift+F', run: () => ui().setFocus(null) },
  {
    id: 'collapse-toggle',
    label: 'Collapse or expand the selected subtree',
    group: 'Graph',
    keys: 'C',
    run: () => toggleSubtree(),
    enabled: hasClass,
  },
  { id: 'expand-all', label: 'Expand every subtree', group: 'Graph', keys: 'Shift+E', run: () => ui().expandAll() },
  {
    id: 'collapse-all',
    label: 'Collapse every subtree',
    group: 'Graph',
    keys: 'Shift+C',
    run: () => ui().collapseAll(),
  },
  { id: 'fit', label: 'Fit the graph to the window', group: 'Graph', keys: '0', run: () => ui().fit() },
  {
    id: 'props',
    label: 'Show or hide the selected class’s properties on the graph',
    group: 'Graph',
    keys: 'P',
    run: () => toggleSelectedProps(),
    enabled: hasClass,
  },
  {
    id: 'props-all',
    label: 'Show or hide properties on all nodes',
    group: 'Graph',
    keys: 'Shift+P',
    run: () => ui().set({ showProperties: !ui().showProperties, propsOpen: {} }),
  },
  {
    id: 'refs',
    label: 'Show or hide reference edges',
    group: 'Graph',
    keys: 'R',
    run: () => ui().set({ showReferences: !ui().showReferences }),
  },
  {
    id: 'system',
    label: 'Show or hide system classes',
    group: 'Graph',
    run: () => ui().set({ showSystem: !ui().showSystem }),
  },
  {
    id: 'layout',
    label: 'Switch layout (tidy tree / ELK layered)',
    group: 'Graph',
    keys: 'L',
    run: () => ui().set({ layout: ui().layout === 'tree' ? 'elk' : 'tree' }),
  },
  { id: 'svg', label: 'Export the whole graph as SVG', group: 'Graph', run: () => exportGraph('svg') },
  { id: 'png', label: 'Export the whole graph as PNG', group: 'Graph', run: () => void exportGraph('png') },
  { id: 'theme', label: 'Switch dark / light theme', group: 'View', keys: 'T', run: () => toggleTheme() },
  {
    id: 'log',
    label: 'Show or hide the sink log',
    group: 'View',
    keys: 'Ctrl+J',
    run: () => ui().set({ logOpen: !ui().logOpen }),
  },
  {
    id: 'amended',
    label: 'Read with amended qualifiers (on / off)',
    group: 'View',
    run: () => ui().set({ readAmended: !ui().readAmended }),
  },
  { id: 'dismiss', label: 'Dismiss every failure badge', group: 'View', run: () => useStatus.getState().dismissAll() },
  { id: 'clear-marks', label: 'Clear conflict marks', group: 'View', run: () => useStatus.getState().setMarks(null) },
];

function goParent() {
  const name = selectedClassName();
  const c = name ? getCurrentIndex()?.byKey.get(name.toLowerCase()) : null;
  if (c?.superclass) jumpToClass(null, c.superclass);
}

function goChild() {
  const name = selectedClassName();
  const first = name ? getCurrentIndex()?.children.get(name.toLowerCase())?.[0] : undefined;
  const c = first ? getCurrentIndex()?.byKey.get(first) : undefined;
  if (c) jumpToClass(null, c.name);
}

function toggleSubtree() {
  const name = selectedClassName();
  if (!name) return;
  const key = name.toLowerCase();
  const el = document.querySelector<HTMLButtonElement>(`.react-flow__node[data-id="c:${CSS.escape(key)}"] .cw-twisty`);
  if (el) el.click();
  else ui().toggleCollapsed(key, false);
}

export const commandById = (id: string) => COMMANDS.find((c) => c.id === id);
