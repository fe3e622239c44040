import type { ReactNode } from 'react';

/** The page heading. Focusable (not tabbable) so route changes can move focus to it. */
export function ScreenHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="screen-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children ? <div className="screen-lead">{children}</div> : null}
    </div>
  );
}
