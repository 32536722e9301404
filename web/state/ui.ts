import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type Theme = 'light' | 'dark';
export type LayoutAlgorithm = 'tree' | 'elk';
export type Dialog = 'palette' | 'cheatsheet' | 'put' | 'import' | 'delete' | 'namespace' | 'export' | null;
export type EditorTab = 'properties' | 'qualifiers' | 'methods' | 'instances' | 'mof';

/** A node of the graph: an existing class (`c:<key>`), a new class draft (`d:<n>`) or a namespace. */
export type NodeId = string;
export const classNodeId = (name: string): NodeId => `c:${name.toLowerCase()}`;
export const isDraftNodeId = (id: NodeId) => id.startsWith('d:');

export interface UiState {
  namespace: string;
  selected: NodeId | null;
  /** Focus view: the class, its ancestors and `depth` levels of descendants. */
  focus: { id: NodeId; depth: number } | null;
  /** Subtrees collapsed (true) or expanded (false) by hand; others follow `collapseDepth`. */
  collapsed: Record<string, boolean>;
  /** Classes at this depth or deeper start collapsed, in namespaces with more than `collapseAbove` classes. */
  collapseDepth: number;
  /** Property lists shown on nodes, by hand; others follow `showProperties`. */
  propsOpen: Record<string, boolean>;
  showProperties: boolean;
  showSystem: boolean;
  showReferences: boolean;
  layout: LayoutAlgorithm;
  theme: Theme;
  /** Read with WBEM_FLAG_USE_AMENDED_QUALIFIERS (the locale's amended qualifiers merged). */
  readAmended: boolean;
  dialog: Dialog;
  editorTab: EditorTab;
  logOpen: boolean;
  /** Bumped to ask the graph to centre the selection. */
  revealTick: number;
  /** Bumped to ask the graph to fit the whole view. */
  fitTick: number;

  setNamespace(ns: string): void;
  select(id: NodeId | null, reveal?: boolean): void;
  setFocus(focus: { id: NodeId; depth: number } | null): void;
  toggleCollapsed(key: string, collapsedNow: boolean): void;
  expandAll(): void;
  collapseAll(): void;
  togglePropsOpen(key: string, openNow: boolean): void;
  set(patch: Partial<Omit<UiState, 'set'>>): void;
  openDialog(d: Dialog): void;
  closeDialog(): void;
  fit(): void;
}

const THEME_KEY = 'classwright.theme';

function initialTheme(): Theme {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY);
    if (t === 'light' || t === 'dark') return t;
  } catch {
    // storage unavailable
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      namespace: 'root\\default',
      selected: null,
      focus: null,
      collapsed: {},
      collapseDepth: 1,
      propsOpen: {},
      showProperties: true,
      showSystem: false,
      showReferences: false,
      layout: 'tree',
      theme: initialTheme(),
      readAmended: true,
      dialog: null,
      editorTab: 'properties',
      logOpen: true,
      revealTick: 0,
      fitTick: 0,

      setNamespace: (ns) =>
        set({ namespace: ns, selected: null, focus: null, collapsed: {}, propsOpen: {}, fitTick: Date.now() }),
      select: (id, reveal = false) =>
        set((s) => ({ selected: id, ...(reveal ? { revealTick: s.revealTick + 1 } : {}) })),
      setFocus: (focus) => set((s) => ({ focus, fitTick: s.fitTick + 1 })),
      toggleCollapsed: (key, collapsedNow) => set((s) => ({ collapsed: { ...s.collapsed, [key]: !collapsedNow } })),
      expandAll: () => set((s) => ({ collapsed: {}, collapseDepth: Number.POSITIVE_INFINITY, fitTick: s.fitTick + 1 })),
      collapseAll: () => set((s) => ({ collapsed: {}, collapseDepth: 0, fitTick: s.fitTick + 1 })),
      togglePropsOpen: (key, openNow) => set((s) => ({ propsOpen: { ...s.propsOpen, [key]: !openNow } })),
      set: (patch) =>
        set(() => {
          if (patch.theme) {
            try {
              globalThis.localStorage?.setItem(THEME_KEY, patch.theme);
            } catch {
              // storage unavailable
            }
          }
          return patch;
        }),
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),
      fit: () => set((s) => ({ fitTick: s.fitTick + 1 })),
    }),
    {
      // View preferences survive a reload; selection, dialogs and collapse state do not.
      name: 'classwright.ui.v1',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        namespace: s.namespace,
        theme: s.theme,
        readAmended: s.readAmended,
        showProperties: s.showProperties,
        showReferences: s.showReferences,
        showSystem: s.showSystem,
        layout: s.layout,
        logOpen: s.logOpen,
        editorTab: s.editorTab,
      }),
    },
  ),
);
