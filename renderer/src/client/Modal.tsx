/**
 * The client page's dialogs: a native <dialog> opened modally while mounted (focus is trapped and
 * goes to the first field; Escape cancels; focus returns to what opened it). With `onSubmit` the
 * body and buttons sit inside one <form>, so Enter submits and the submit button is a real one.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  /** Escape, or the Cancel/Close button. */
  onClose: () => void;
  /** Buttons, safe choice first. */
  actions: ReactNode;
  children?: ReactNode;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  /** While saving, Escape does nothing so a half-sent form is not thrown away. */
  busy?: boolean;
  size?: 'medium' | 'wide';
}

export function Modal({ title, onClose, actions, children, onSubmit, busy = false, size = 'medium' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) el.showModal();
    return () => {
      if (el.open) el.close();
      if (previous && previous.isConnected) previous.focus();
    };
  }, []);

  const body = (
    <>
      <div className="cp-modal-body">{children}</div>
      <div className="dialog-actions cp-modal-actions">{actions}</div>
    </>
  );
  return (
    <dialog
      ref={ref}
      className={`dialog cp-modal cp-modal-${size}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busyRef.current) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {onSubmit ? (
        <form noValidate onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}
