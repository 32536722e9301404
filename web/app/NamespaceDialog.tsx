import { useState } from 'react';
import { hrName } from '../../src/errors/wbem';
import { Modal } from '../components/Modal';
import { useNamespaces } from '../data/hooks';
import { createNamespace, failed } from '../data/operations';
import { useUi } from '../state/ui';

/** A namespace is created by putting an __NAMESPACE instance in its parent. */
export function NamespaceDialog({ onClose }: { onClose: () => void }) {
  const current = useUi((s) => s.namespace);
  const namespaces = useNamespaces().data ?? [];
  const [parent, setParent] = useState(current);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title="New namespace" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await createNamespace(parent, name.trim());
          if (failed(r.hr)) setError(`${hrName(r.hr)}: ${r.errorObject?.Description ?? ''}`);
          else {
            onClose();
            useUi.getState().setNamespace(`${parent}\\${name.trim()}`);
          }
        }}
      >
        <p className="cw-muted">Puts an instance of __NAMESPACE with this Name in the parent namespace.</p>
        <label>
          Parent{' '}
          <select aria-label="Parent namespace" value={parent} onChange={(e) => setParent(e.target.value)}>
            {namespaces.map((n) => (
              <option key={n.path} value={n.path}>
                {n.path}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Name{' '}
          <input
            aria-label="Namespace name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            pattern="[A-Za-z_][A-Za-z0-9_]*"
          />
        </label>
        {error && (
          <p className="cw-bad" role="alert">
            {error}
          </p>
        )}
        <footer className="cw-modal-foot">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="cw-primary" disabled={!name.trim()}>
            Create
          </button>
        </footer>
      </form>
    </Modal>
  );
}
