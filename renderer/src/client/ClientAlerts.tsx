import type { ClientDetail } from '../../../shared/contract-money';
import { ALERT_LABEL, CADENCES, CADENCE_LABEL, type Cadence } from '../../../shared/domain';
import { Card } from '../ui/Card';
import { Money } from '../ui/Money';

/** Figures come as plain text; a cadence slug ("four-weekly") reads better as its label. */
function figureText(text: string | null): string {
  if (text === null) return '';
  return (CADENCES as readonly string[]).includes(text) ? CADENCE_LABEL[text as Cadence] : text;
}

const SEVERITY_LABEL = { danger: 'Act now', warning: 'Check', info: 'For information' } as const;

/** This client's alerts, each with the figures it used and the rule, on the page's as-at date. */
export function ClientAlerts({ detail }: { detail: ClientDetail }) {
  const { alerts } = detail;
  if (alerts.length === 0) {
    return (
      <Card title="Alerts">
        <p className="muted">
          Nothing needs attention on {detail.asOf}. Steward checks the balance, receipts and contributions against the funder&rsquo;s rules each time this
          page opens.
        </p>
      </Card>
    );
  }
  return (
    <Card title={`Alerts (${alerts.length})`} description={<p>Worked out on {detail.asOf} from the ledger and the funder&rsquo;s rules.</p>}>
      <ul className="cp-client-alerts">
        {alerts.map((a, i) => (
          <li key={`${a.kind}-${i}`} className={`cp-client-alert cp-client-alert-${a.severity}`}>
            <p className="cp-client-alert-head">
              <span className={`cp-severity-badge cp-severity-${a.severity}`}>{SEVERITY_LABEL[a.severity]}</span>
              <strong>{ALERT_LABEL[a.kind]}</strong>
            </p>
            <p>{a.message}</p>
            {a.figures.length ? (
              <dl className="cp-alert-figures">
                {a.figures.map((f) => (
                  <div key={f.label}>
                    <dt>{f.label}</dt>
                    <dd>{f.pence !== null ? <Money pence={f.pence} /> : figureText(f.text)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <details className="cp-alert-rule">
              <summary>How this was worked out</summary>
              <p>{a.rule}</p>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}
