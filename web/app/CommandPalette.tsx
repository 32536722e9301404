import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { isSystemName, type ClassIndex } from '../data/classIndex';
import { useNamespaces } from '../data/hooks';
import { useUi } from '../state/ui';
import { COMMANDS } from './commandList';
import { jumpToClass } from './commands';

interface Item {
  readonly id: string;
  readonly kind: 'class' | 'command' | 'namespace';
  readonly label: string;
  readonly detail?: string;
  readonly keys?: string;
  readonly run: () => void;
}

/** Lower is better: exact, prefix, word start, substring, then letters in order. */
export function score(text: string, q: string): number {
  const t = text.toLowerCase();
  if (!q) return 5;
  if (t === q) return 0;
  if (t.startsWith(q)) return 1;
  const i = t.indexOf(q);
  if (i > 0 && /[_\s\\.]/.test(t[i - 1]!)) return 2;
  if (i >= 0) return 3;
  let k = 0;
  for (const ch of t) if (ch === q[k]) k++;
  return k === q.length ? 4 : -1;
}

const LIMIT = 60;

/** Ctrl+K: jump to any class of the namespace, run any command, switch namespace. */
export function CommandPalette({ index, onClose }: { index: ClassIndex; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const namespaces = useNamespaces().data ?? [];
  const ns = useUi((s) => s.namespace);
  const before = useRef<HTMLElement | null>(null);

  useEffect(() => {
    before.current = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
  }, []);

  const items = useMemo(() => {
    const query = q.trim().toLowerCase();
    const commandsOnly = query.startsWith('>');
    const cq = commandsOnly ? query.slice(1).trim() : query;
    const out: { item: Item; s: number }[] = [];
    for (const c of COMMANDS) {
      if (c.enabled && !c.enabled()) continue;
      const s = score(c.label, cq);
      if (s >= 0 && (cq || commandsOnly || out.length < 8))
        out.push({
          item: { id: `cmd:${c.id}`, kind: 'command', label: c.label, keys: c.keys, run: c.run },
          s: s + 1.1,
        });
    }
    if (!commandsOnly) {
      for (const n of namespaces) {
        if (n.path.toLowerCase() === ns.toLowerCase()) continue;
        const s = score(n.path, cq);
        if (s >= 0 && cq)
          out.push({
            item: {
              id: `ns:${n.path}`,
              kind: 'namespace',
              label: `Switch to ${n.path}`,
              detail: `${n.classes} classes`,
              run: () => useUi.getState().setNamespace(n.path),
            },
            s: s + 0.4,
          });
      }
      if (cq) {
        for (const c of index.classes) {
          const s = score(c.name, cq);
          if (s < 0) continue;
          out.push({
            item: {
              id: `c:${c.name}`,
              kind: 'class',
              label: c.name,
              detail: c.superclass ? `: ${c.superclass}` : 'root class',
              run: () => jumpToClass(index, c.name),
            },
            s: s + (isSystemName(c.name) ? 0.6 : 0),
          });
        }
      }
    }
    out.sort(
      (a, b) => a.s - b.s || a.item.label.length - b.item.label.length || a.item.label.localeCompare(b.item.label),
    );
    return out.slice(0, LIMIT).map((x) => x.item);
  }, [q, index, namespaces, ns]);

  useEffect(() => setActive(0), [q]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };

  return (
    <div className="cw-backdrop cw-palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="cw-palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? `${listId}-${active}` : undefined}
          aria-label="Go to class or command"
          placeholder={`Go to a class in ${ns}, or type > for commands`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              choose(items[active]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onClose();
              before.current?.focus?.();
            } else if (e.key === 'Tab') e.preventDefault();
          }}
        />
        <ul id={listId} role="listbox" aria-label="Results" className="cw-palette-list">
          {items.length === 0 && (
            <li className="cw-muted" role="option" aria-selected="false" aria-disabled="true">
              Nothing matches.
            </li>
          )}
          {items.map((it, i) => (
            <li
              key={it.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cw-palette-item cw-pi-${it.kind}${i === active ? ' cw-active' : ''}`}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(it)}
            >
              <span className="cw-pi-kind" aria-hidden="true">
                {it.kind === 'class' ? 'C' : it.kind === 'namespace' ? 'NS' : '›'}
              </span>
              <span className="cw-pi-label">{it.label}</span>
              {it.detail && <span className="cw-muted cw-pi-detail">{it.detail}</span>}
              {it.keys && <kbd>{it.keys}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
