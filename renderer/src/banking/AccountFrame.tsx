/** The heading and sub-navigation every per-account banking screen shares; loads the account. */
import type { ReactNode } from 'react';
import type { BankAccount } from '../../../shared/contract-money';
import { ScreenHeading } from '../screens/ScreenHeading';
import { Alert, ErrorAlert } from '../ui';
import { AccountTabs, kindLabel, sortCodeText, type BankTab } from './common';
import { useBankAccount } from './common';

const TITLES: Record<BankTab, string> = {
  overview: '',
  import: 'Import a statement',
  match: 'Match',
  reconcile: 'Reconcile',
  payments: 'Bulk payments',
};

export function AccountFrame({ accountId, tab, lead, children }: { accountId: number; tab: BankTab; lead?: ReactNode; children: (account: BankAccount, reloadAccount: () => void) => ReactNode }) {
  const { account, loading, error, reload } = useBankAccount(accountId);
  if (error) return <ErrorAlert error={error} />;
  if (loading) return <p className="muted">Loading the bank account…</p>;
  if (!account) {
    return (
      <>
        <ScreenHeading title="Banking" />
        <Alert tone="error" title="No such bank account">
          <p>
            There is no bank account {accountId}. <a href="#/banking">See all bank accounts</a>.
          </p>
        </Alert>
      </>
    );
  }
  const title = TITLES[tab] ? `${TITLES[tab]}: ${account.name}` : `Banking: ${account.name}`;
  return (
    <div className={`bk-screen bk-screen-${tab}`}>
      <ScreenHeading title={title}>
        <span className={`bk-kind bk-kind-${account.kind}`}>{kindLabel(account.kind)}</span>{' '}
        {account.sortCode ? `${sortCodeText(account.sortCode)} ${account.accountNumber}` : null}
        {lead ? <div className="bk-lead">{lead}</div> : null}
      </ScreenHeading>
      <AccountTabs accountId={account.id} current={tab} />
      {children(account, reload)}
    </div>
  );
}
