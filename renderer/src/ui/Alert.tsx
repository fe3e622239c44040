import type { ReactNode } from 'react';
import type { ApiError } from '../api';

export type AlertTone = 'error' | 'warning' | 'success' | 'info';

interface AlertProps {
  tone: AlertTone;
  title?: string;
  children?: ReactNode;
}

/** Errors and warnings use role="alert" (announced at once); success and info use role="status". */
export function Alert({ tone, title, children }: AlertProps) {
  const role = tone === 'error' || tone === 'warning' ? 'alert' : 'status';
  return (
    <div className={`alert alert-${tone}`} role={role}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** The one way to show an api error: always its stable code and its message for a person. */
export function ErrorAlert({ error, children }: { error: ApiError; children?: ReactNode }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <code className="error-code">{error.code}</code> {error.message}
      </p>
      {error.where ? <p className="alert-where">About: {error.where}</p> : null}
      {children}
    </div>
  );
}
