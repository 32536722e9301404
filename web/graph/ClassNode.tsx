import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { hrName } from '../../src/errors/wbem';
import { draftKey, isDirty, useDrafts } from '../state/drafts';
import { usePreviewMark, useTraceMark } from '../state/preview';
import { failureKey, useStatus } from '../state/status';
import { useUi } from '../state/ui';
import type { GNode } from './model';

export type ClassNodeData = { g: GNode; ns: string };
export type ClassFlowNode = Node<ClassNodeData, 'cls'>;

/** One class on the graph: name, markers, local properties; status read by narrow selectors. */
function ClassNodeView({ id, data }: NodeProps<ClassFlowNode>) {
  const { g, ns } = data;
  const key = g.kind === 'class' ? g.id.slice(2) : g.id;
  const selected = useUi((s) => s.selected === id);
  const focused = useUi((s) => s.focus?.id === id);
  const toggleCollapsed = useUi((s) => s.toggleCollapsed);
  const dirty = useDrafts((s) => (g.kind === 'draft' ? true : isDirty(s.drafts[draftKey(ns, id)])));
  const failure = useStatus((s) => (g.name ? s.failures[failureKey(ns, g.name)] : undefined));
  const dismiss = useStatus((s) => s.dismiss);
  const conflicts = useStatus((s) =>
    s.marks && s.marks.ns.toLowerCase() === ns.toLowerCase() ? s.marks.conflicts[key] : undefined,
  );
  const rewritten = useStatus(
    (s) => !!(s.marks && s.marks.ns.toLowerCase() === ns.toLowerCase() && s.marks.rewritten[key]),
  );

  const preview = usePreviewMark(ns, key);
  const trace = useTraceMark(ns, key);

  if (g.kind === 'namespace') {
    return (
      <div className="cw-node cw-node-ns" style={{ width: g.w, height: g.h }}>
        <div className="cw-node-head">
          <span className="cw-ns-icon" aria-hidden="true">
            ◈
          </span>
          <span className="cw-node-name">{g.name}</span>
          <span className="cw-chip" title="Root classes">
            {g.childCount}
          </span>
        </div>
      </div>
    );
  }

  const cls = [
    'cw-node',
    g.flags.abstract && 'cw-abstract',
    g.flags.association && 'cw-assoc',
    g.flags.system && 'cw-system',
    dirty && 'cw-dirty',
    g.kind === 'draft' && 'cw-new',
    selected && 'cw-selected',
    focused && 'cw-focused',
    conflicts && (conflicts.some((c) => c.resolved) ? 'cw-resolved' : 'cw-conflict'),
    rewritten && 'cw-rewritten',
    failure && 'cw-failed',
    preview && 'cw-preview',
    trace && (trace.blocked ? 'cw-trace cw-trace-blocked' : 'cw-trace'),
  ]
    .filter(Boolean)
    .join(' ');
  const name = g.name || 'New class';
  return (
    <div className={cls} style={{ width: g.w, height: g.h }}>
      <div className="cw-node-head">
        {g.childCount > 0 && (
          <button
            type="button"
            className="cw-twisty nodrag"
            aria-expanded={!g.collapsed}
            aria-label={`${g.collapsed ? 'Expand' : 'Collapse'} subclasses of ${name}`}
            onClick={(e) => {
              e.stopPropagation();
              toggleCollapsed(key, g.collapsed);
            }}
          >
            {g.collapsed ? '▸' : '▾'}
          </button>
        )}
        <span className="cw-node-name" title={name}>
          {name}
        </span>
        <span className="cw-badges">
          {g.flags.abstract && (
            <span className="cw-badge cw-b-abstract" title="Abstract">
              abs
            </span>
          )}
          {g.flags.association && (
            <span className="cw-badge cw-b-assoc" title="Association">
              assoc
            </span>
          )}
          {g.flags.provider && (
            <span className="cw-badge cw-b-provider" title={`Provider-owned: ${g.flags.provider}`}>
              prov
            </span>
          )}
          {g.flags.amended && (
            <span className="cw-badge cw-b-amended" title="Has amended (localized) qualifiers">
              amd
            </span>
          )}
          {g.collapsed && g.hidden > 0 && (
            <span className="cw-badge cw-b-hidden" title={`${g.hidden} subclasses hidden`}>
              +{g.hidden}
            </span>
          )}
        </span>
      </div>
      <span className="cw-status-badges">
        {dirty && (
          <span
            className="cw-badge cw-b-draft"
            title={g.kind === 'draft' ? 'New class, not yet put' : 'Edited, not yet put'}
          >
            {g.kind === 'draft' ? 'new' : 'draft'}
          </span>
        )}
        {conflicts && (
          <span
            className="cw-badge cw-b-conflict"
            title={conflicts
              .map(
                (c) =>
                  `${c.resolved ? 'Removed by force: ' : ''}${c.kind} conflict on ${c.element} ${c.name} (${hrName(c.hr)})`,
              )
              .join('\n')}
          >
            {conflicts.some((c) => c.resolved) ? '✂' : '⚠'} {conflicts.length}
          </span>
        )}
        {preview && (
          <span
            className="cw-badge cw-b-preview"
            role="img"
            aria-label={`Affected by the draft: ${preview.conflicts} safe-mode conflict${preview.conflicts === 1 ? '' : 's'}${preview.rewritten ? ', rewritten by force' : ''}`}
            title="Previewed: the draft's put would affect this class"
          >
            ◌ {preview.conflicts}
          </span>
        )}
        {trace && (
          <span
            className="cw-badge cw-b-trace"
            role="img"
            aria-label={
              trace.via === 'declared'
                ? 'Traced qualifier: this class'
                : `Receives the traced qualifier (${trace.via})${trace.blocked ? ', override blocked' : ''}`
            }
            title="Qualifier propagation overlay"
          >
            {trace.via === 'declared' ? '◆' : trace.blocked ? '⊘' : '↓'}
          </span>
        )}
        {rewritten && !conflicts && (
          <span className="cw-badge cw-b-rewritten" title="Rewritten by a force-mode put">
            ✂
          </span>
        )}
        {failure && (
          <button
            type="button"
            className="cw-badge cw-b-failed nodrag"
            title={`${failure.operation} failed: ${hrName(failure.hr)} — ${failure.text}. Click to dismiss.`}
            aria-label={`Dismiss failure on ${name}: ${hrName(failure.hr)}`}
            onClick={(e) => {
              e.stopPropagation();
              dismiss(ns, g.name);
            }}
          >
            ✕ failed
          </button>
        )}
      </span>
      {g.props.length > 0 && (
        <ul className="cw-node-props">
          {g.props.map((p) => (
            <li key={p.name} className={p.key ? 'cw-key' : undefined}>
              <span className="cw-prop-name">{p.name}</span>
              <span className="cw-prop-type">{p.type}</span>
            </li>
          ))}
          {g.moreProps > 0 && <li className="cw-more">… {g.moreProps} more</li>}
        </ul>
      )}
    </div>
  );
}

export const ClassNode = memo(ClassNodeView);
