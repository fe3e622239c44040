import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  /** The buttons. Put the safe choice first and give it autoFocus. */
  actions: ReactNode;
  /** Escape or the safe choice. */
  onCancel: () => void;
}

/** A modal dialog on the native <dialog> element: focus is trapped, Escape cancels, focus returns after. */
export function Dialog({ open, title, children, actions, onCancel }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      return () => {
        if (el.open) el.close();
        previous?.focus();
      };
    }
    return undefined;
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClose={() => {
        if (open) onCancel();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {children}
          <div className="dialog-actions">{actions}</div>
        </>
      ) : null}
    </dialog>
  );
}
