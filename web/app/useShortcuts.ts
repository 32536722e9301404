import { useEffect } from 'react';
import { useUi } from '../state/ui';
import { commandById } from './commandList';
import { redoDraft, undoDraft } from './commands';

const typing = (el: EventTarget | null) => {
  const t = el as HTMLElement | null;
  if (!t) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
};

/** Keys with Ctrl (or ⌘) → command; they work while typing too. */
const CTRL: Record<string, string> = { k: 'palette', s: 'put', o: 'import', j: 'log' };
/** Plain keys → command; not while typing or in a dialog. */
const PLAIN: Record<string, string> = {
  '?': 'cheatsheet',
  n: 'new-class',
  N: 'new-subclass',
  Delete: 'delete',
  f: 'focus',
  F: 'unfocus',
  c: 'collapse-toggle',
  C: 'collapse-all',
  E: 'expand-all',
  '0': 'fit',
  p: 'props',
  P: 'props-all',
  r: 'refs',
  l: 'layout',
  t: 'theme',
};

/** The designer's keyboard shortcuts (the cheat sheet, `?`, lists them from the same commands). */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const dialog = useUi.getState().dialog;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.length === 1 ? (mod ? e.key.toLowerCase() : e.key) : e.key;
      if (mod && !e.altKey) {
        if (k === 'z' || k === 'y') {
          if (dialog) return;
          const done = k === 'y' || e.shiftKey ? redoDraft() : undoDraft();
          if (done) e.preventDefault();
          return;
        }
        const id = CTRL[k];
        if (id && (!dialog || id === 'palette')) {
          e.preventDefault();
          if (id === 'palette' && dialog === 'palette') useUi.getState().closeDialog();
          else commandById(id)?.run();
        }
        return;
      }
      if (mod && e.altKey && (k === 'z' || k === 'y')) {
        if (dialog) return;
        e.preventDefault();
        commandById(k === 'z' ? 'undo-op' : 'redo-op')?.run();
        return;
      }
      if (dialog || typing(e.target)) return;
      if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        commandById(e.key === 'ArrowUp' ? 'superclass' : 'subclass')?.run();
        return;
      }
      if (e.altKey) return;
      // Inside the graph, React Flow moves a focused node with the arrow keys; leave those alone.
      const id = PLAIN[k];
      if (!id) return;
      const cmd = commandById(id);
      if (!cmd || (cmd.enabled && !cmd.enabled())) return;
      e.preventDefault();
      cmd.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
