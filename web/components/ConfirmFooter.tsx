import { useState, type ReactNode } from 'react';

/**
 * A modal's footer for a destructive action: Cancel, then the action's button, which stays
 * disabled while the action runs (`busyLabel`, when given, is shown meanwhile).
 */
export function ConfirmFooter({
  onCancel,
  onConfirm,
  busyLabel,
  children,
}: {
  onCancel: () => void;
  onConfirm: () => Promise<void>;
  busyLabel?: ReactNode;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" className="cw-cancel" onClick={onCancel}>
        Cancel
      </button>
      <button
        type="button"
        className="cw-danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await onConfirm();
          setBusy(false);
        }}
      >
        {busy && busyLabel !== undefined ? busyLabel : children}
      </button>
    </>
  );
}
