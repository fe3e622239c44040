import { useEffect, useRef, useState } from 'react';
import { CADENCE_LABEL } from '../../../shared/domain';
import type { Funder } from '../../../shared/contract-money';
import { useQuery } from '../api';
import { Alert, Button, Card, EmptyState, ErrorAlert } from '../ui';
import { FunderForm } from '../clients-list/FunderForm';
import { FUNDER_KIND_LABEL } from '../clients-list/labels';
import { ScreenHeading } from './ScreenHeading';
import '../styles-clients.css';

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; funder: Funder };

const weeks = (n: number) => `${n} ${n === 1 ? 'week' : 'weeks'}`;

/** What the balance has taken off it before surplus is worked out, in a few words. */
function deductions(f: Funder): string {
  const r = f.rules;
  const parts = [r.deductUnpaidLiabilities ? 'unpaid bills' : null, r.deductAccruedHolidayPay ? 'holiday pay' : null, r.deductRedundancyReserve ? 'redundancy reserve' : null].filter(
    (x): x is string => x !== null,
  );
  return parts.length ? parts.join(', ') : 'nothing';
}

export function FundersScreen() {
  const funders = useQuery('funder.list', {});
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  // Opening the form moves focus to its first field; closing it returns focus to the list.
  useEffect(() => {
    if (editing.mode !== 'closed') formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [editing]);

  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };

  const list = funders.data ?? [];
  return (
    <>
      <div className="heading-row">
        <ScreenHeading title="Funders">
          <p>The councils and NHS bodies that pay your clients’ budgets, and the rules each one sets for them.</p>
        </ScreenHeading>
        {editing.mode === 'closed' && list.length > 0 ? (
          <Button variant="primary" onClick={() => open({ mode: 'add' })}>
            Add funder
          </Button>
        ) : null}
      </div>
      <div className="stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {editing.mode !== 'closed' ? (
          <div ref={formRef}>
            <Card
              title={editing.mode === 'add' ? 'Add a funder' : `Edit ${editing.funder.name}`}
              description={<p>The rules start at common council practice. Change any that this funder’s policy sets differently.</p>}
            >
              <FunderForm
                key={editing.mode === 'edit' ? editing.funder.id : 'new'}
                funder={editing.mode === 'edit' ? editing.funder : null}
                onCancel={() => setEditing({ mode: 'closed' })}
                onSaved={(f, created) => {
                  setEditing({ mode: 'closed' });
                  setNotice(created ? `Added ${f.name}.` : `Saved ${f.name}.`);
                  funders.reload();
                }}
              />
            </Card>
          </div>
        ) : null}
        {funders.status === 'loading' ? (
          <p role="status" className="muted">
            Loading funders…
          </p>
        ) : null}
        {funders.status === 'error' ? (
          <ErrorAlert error={funders.error}>
            <Button onClick={funders.reload}>Try again</Button>
          </ErrorAlert>
        ) : null}
        {funders.status === 'ok' && list.length === 0 && editing.mode === 'closed' ? (
          <EmptyState title="No funders yet">
            <p>
              Add each council or NHS body that pays a client’s budget. Its rules (how often it pays, how many weeks of money a client may hold) decide the alerts Steward
              raises. Every client needs a funder, so add funders before clients.
            </p>
            <Button variant="primary" onClick={() => open({ mode: 'add' })}>
              Add funder
            </Button>
          </EmptyState>
        ) : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table funder-table">
              <caption className="sr-only">Funders and their rules</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Pays</th>
                  <th scope="col" className="num">
                    Surplus above
                  </th>
                  <th scope="col" className="num">
                    Contingency
                  </th>
                  <th scope="col">Deducts first</th>
                  <th scope="col" className="num">
                    Records kept
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">{f.name}</th>
                    <td>{FUNDER_KIND_LABEL[f.kind]}</td>
                    <td>
                      {CADENCE_LABEL[f.rules.cadence]}, {f.rules.inAdvance ? 'in advance' : 'in arrears'}
                      {f.rules.paidNetOfContribution ? <span className="cell-note">net of contribution</span> : <span className="cell-note">gross</span>}
                    </td>
                    <td className="num">{weeks(f.rules.surplusThresholdWeeks)}</td>
                    <td className="num">{weeks(f.rules.contingencyWeeks)}</td>
                    <td>{deductions(f)}</td>
                    <td className="num">{`${f.rules.retentionYears} years`}</td>
                    <td className="actions">
                      <Button variant="quiet" onClick={() => open({ mode: 'edit', funder: f })}>
                        Edit<span className="sr-only"> {f.name}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </>
  );
}
