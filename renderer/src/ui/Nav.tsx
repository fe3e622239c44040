export interface NavItem<K extends string> {
  key: K;
  label: string;
  href: string;
}

interface NavProps<K extends string> {
  label: string;
  items: readonly NavItem<K>[];
  current: K;
}

/** Real links (hash routes), so they work with Tab, Enter, middle-click and screen readers. */
export function Nav<K extends string>({ label, items, current }: NavProps<K>) {
  return (
    <nav className="nav" aria-label={label}>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.key}>
            <a className="nav-link" href={item.href} aria-current={item.key === current ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
