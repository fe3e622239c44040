import type { RouteKey } from '../routes';
import { EmptyState } from '../ui';
import { ScreenHeading } from './ScreenHeading';

type PlaceholderKey = Exclude<RouteKey, 'dashboard' | 'settings' | 'clients' | 'funders' | 'payroll'>;

const COPY: Record<PlaceholderKey, { title: string; holds: string }> = {
  planning: {
    title: 'Planning',
    holds: 'Budget plans for each client: expected funding, planned spending and what is left over the year.',
  },
  banking: {
    title: 'Banking',
    holds: 'Bank accounts, imported statements and reconciliation of what the bank says against the ledger.',
  },
  reports: {
    title: 'Reports',
    holds: 'Statements for clients and funders, returns of unspent money and audit reports, for print or export.',
  },
};

/** An honest placeholder: what the screen will hold, and that it is not built yet. No sample data. */
export function Placeholder({ route }: { route: PlaceholderKey }) {
  const { title, holds } = COPY[route];
  return (
    <>
      <ScreenHeading title={title} />
      <EmptyState title="Arrives in a later release">
        <p>{holds}</p>
        <p className="muted">This screen is not built yet in this version of Steward. Nothing is recorded here for now.</p>
      </EmptyState>
    </>
  );
}

export type { PlaceholderKey };
