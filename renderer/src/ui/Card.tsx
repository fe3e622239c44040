import { useId, type ReactNode } from 'react';

interface CardProps {
  title: string;
  /** Heading level inside the page; screens use h1 for the page and h2 for cards. */
  level?: 2 | 3;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
}

export function Card({ title, level = 2, description, children, className }: CardProps) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <Heading id={id} className="card-title">
        {title}
      </Heading>
      {description ? <div className="card-description">{description}</div> : null}
      {children}
    </section>
  );
}
