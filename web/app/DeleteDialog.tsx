import { useState } from 'react';
import { descendantsOf, type ClassIndex } from '../data/classIndex';
import { useInstances } from '../data/hooks';
import { ConfirmFooter } from '../components/ConfirmFooter';
import { Modal } from '../components/Modal';
import { deleteSelected } from './commands';

/** DeleteClass removes the class, its instances and every subclass (decisions §11): say so first. */
export function DeleteDialog({
  ns,
  name,
  index,
  onClose,
}: {
  ns: string;
  name: string;
  index: ClassIndex;
  onClose: () => void;
}) {
  const desc = descendantsOf(index, name.toLowerCase());
  const inst = useInstances(ns, name).data ?? [];
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title={`Delete class ${name}`}
      onClose={onClose}
      initialFocus=".cw-cancel"
      footer={
        <ConfirmFooter
          onCancel={onClose}
          onConfirm={async () => {
            if (await deleteSelected()) onClose();
            else setError('The delete failed: see the sink log.');
          }}
        >
          Delete {desc.length ? `${desc.length + 1} classes` : 'class'}
        </ConfirmFooter>
      }
    >
      <p>
        DeleteClass removes <strong>{name}</strong>
        {desc.length > 0 && (
          <>
            {' '}
            and its {desc.length} subclass{desc.length === 1 ? '' : 'es'}
          </>
        )}
        , with {inst.length ? `its ${inst.length} instance${inst.length === 1 ? '' : 's'} and` : ''} every instance of
        the subtree, from {ns}.
      </p>
      {desc.length > 0 && (
        <ul className="cw-delete-list">
          {desc.slice(0, 30).map((k) => (
            <li key={k}>{index.byKey.get(k)?.name ?? k}</li>
          ))}
          {desc.length > 30 && <li>… {desc.length - 30} more</li>}
        </ul>
      )}
      {error && (
        <p className="cw-bad" role="alert">
          {error}
        </p>
      )}
      <p className="cw-muted">
        Undo the last repository operation (Ctrl+Alt+Z) restores it while the history holds it.
      </p>
    </Modal>
  );
}
