/**
 * The dashboard's alerts: every alert the scan finds as at the server's today, grouped by kind with
 * counts, the most urgent kinds first. Each alert names the client (a link), says what is wrong,
 * shows the figures it used and, behind a disclosure, the rule in words.
 */
import { useMemo, useState } from 'react';
import { ALERT_LABEL, type AlertKind } from '../../../shared/domain';
import type { Alert as AlertRow } from '../../../shared/contract-money';
import { useQuery } from '../api';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/Alert';
import { Money } from '../ui/Money';
import { formatDay } from './labels';

/** Kinds in the order a broker should deal with them. */
const KIND_ORDER: readonly AlertKind[] = [
  'negative-balance',
  'receipt-missing',
  'low-balance',
  'receipt-short',
  'receipt-duplicate',
  'contribution-arrears',
  'surplus',
  'receipt-late',
];

/** Alerts shown per group before "Show all". */
const FIRST_SHOWN = 10;

export function AlertsPanel() {
  const scan = useQuery('alerts.scan', {});
  const groups = useMemo(() => {
    const by = new Map<AlertKind, AlertRow[]>();
    for (const a of scan.data?.alerts ?? []) {
      const list = by.get(a.kind);
      if (list) list.push(a);
      else by.set(a.kind, [a]);
    }
    return KIND_ORDER.filter((k) => by.has(k)).map((k) => ({ kind: k, alerts: by.get(k)! }));
  }, [scan.data]);

  if (scan.status === 'loading') {
    return (
      <Card title="Alerts">
        <p role="status" className="muted">
          Checking every client for alerts…
        </p>
      </Card>
    );
  }
  if (scan.status === 'error') {
    return (
      <Card title="Alerts">
        <ErrorAlert error={scan.error}>
          <Button onClick={scan.reload}>Try again</Button>
        </ErrorAlert>
      </Card>
    );
  }
  const asOf = formatDay(scan.data.asOf);
  const total = scan.data.alerts.length;
  if (total === 0) {
    return (
      <Card title="Alerts">
        <EmptyState title="No alerts">
          <p>Nothing needs attention as at {asOf}: expected receipts have arrived and no balance is below zero, too low or above its funder’s limit.</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card
      title="Alerts"
      className="alerts-card"
      description={
        <p>
          {total} {total === 1 ? 'alert' : 'alerts'} as at {asOf}, most urgent first. Open a client to deal with theirs.
        </p>
      }
    >
      <ul className="alert-summary" aria-label="Alerts by kind">
        {groups.map((g) => (
          <li key={g.kind}>
            <span className={`badge badge-${g.alerts[0]!.severity}`}>
              {ALERT_LABEL[g.kind]}: {g.alerts.length}
            </span>
          </li>
        ))}
      </ul>
      {groups.map((g) => (
        <AlertGroup key={g.kind} kind={g.kind} alerts={g.alerts} />
      ))}
    </Card>
  );
}

function AlertGroup({ kind, alerts }: { kind: AlertKind; alerts: AlertRow[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? alerts : alerts.slice(0, FIRST_SHOWN);
  const headingId = `alerts-${kind}-title`;
  return (
    <section className="alert-group" aria-labelledby={headingId}>
      <h3 id={headingId} className="alert-group-title">
        {ALERT_LABEL[kind]}{' '}
        <span className="count-pill">{alerts.length}</span>
      </h3>
      <ul className="alert-items">
        {shown.map((a, i) => (
          <li key={`${a.clientId}-${i}`} className={`alert-item alert-item-${a.severity}`}>
            <p className="alert-item-head">
              <a href={`#/clients/${a.clientId}`}>{a.clientName}</a>
              <span className="alert-item-message">{a.message}</span>
            </p>
            {a.figures.length > 0 ? (
              <dl className="figures">
                {a.figures.map((f, j) => (
                  <div key={`${f.label}-${j}`} className="figure">
                    <dt>{f.label}</dt>
                    <dd>{f.pence !== null ? <Money pence={f.pence} /> : (f.text ?? '')}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <details className="alert-rule">
              <summary>How this was worked out</summary>
              <p>{a.rule}</p>
            </details>
          </li>
        ))}
      </ul>
      {alerts.length > FIRST_SHOWN ? (
        <Button variant="quiet" onClick={() => setAll((x) => !x)} aria-expanded={all}>
          {all ? `Show the first ${FIRST_SHOWN} only` : `Show all ${alerts.length} ${ALERT_LABEL[kind].toLowerCase()} alerts`}
        </Button>
      ) : null}
    </section>
  );
}
