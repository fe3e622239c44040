import { useId, type ReactNode } from 'react';

/** A card (same look as ui/Card) with an action beside its heading, e.g. "Add schedule…". */
export function Section({ title, action, description, children }: { title: string; action?: ReactNode; description?: ReactNode; children?: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <div className="cp-card-head">
        <h2 id={id} className="card-title">
          {title}
        </h2>
        {action}
      </div>
      {description ? <div className="card-description">{description}</div> : null}
      {children}
    </section>
  );
}
