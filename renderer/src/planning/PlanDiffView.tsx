/** #/planning/CLIENT_ID/diff?from=A&to=B: what changed between two versions (plan.diff). */
import type { PlanLine } from '../../../shared/contract-planning';
import { formatPence } from '../../../shared/money';
import { signedMoney } from '../payruns/common';
import { useLoaded } from '../client/hooks';
import { ScreenHeading } from '../screens/ScreenHeading';
import { Card, ErrorAlert } from '../ui';
import { LINE_TYPE_LABEL, UNIT_LABEL, hundredthsText } from './format';

const FIELD_LABEL: Record<string, string> = {
  title: 'Title',
  startDate: 'Plan starts',
  endDate: 'Plan ends',
  whatMatters: 'What matters to the person',
  whatWorks: 'What works',
  whatDoesNotWork: 'What does not work',
  outcomes: 'Outcomes',
  arrangement: 'How support is arranged',
  moneyManagedBy: 'Who manages the money',
  spendingRecordedBy: 'How spending is recorded',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null && 'text' in x ? String((x as { text: unknown }).text) : JSON.stringify(x))).join('\n');
  return JSON.stringify(v);
}

function lineText(l: PlanLine): string {
  const who = l.paName ?? l.providerName;
  return `${LINE_TYPE_LABEL[l.type]}${l.description ? `: ${l.description}` : ''}${who ? ` (${who})` : ''}, ${hundredthsText(l.quantity)} ${UNIT_LABEL[l.unit]} at ${formatPence(l.rate)}`;
}

export function PlanDiffView({ clientId, fromId, toId }: { clientId: number; fromId: number | null; toId: number | null }) {
  const diff = useLoaded('plan.diff', { fromId: fromId ?? 0, toId: toId ?? 0 });
  const from = useLoaded('plan.get', { id: fromId ?? 0 });
  const to = useLoaded('plan.get', { id: toId ?? 0 });
  const title = from.data && to.data ? `Version ${from.data.version} against version ${to.data.version}` : 'Differences between versions';
  const d = diff.data;
  return (
    <>
      <ScreenHeading title={title}>
        <p>
          <a href={`#/planning/${clientId}`}>Back to the client’s planning</a>
        </p>
      </ScreenHeading>
      {fromId === null || toId === null ? <p>Choose two versions to compare from the client’s planning page.</p> : null}
      {diff.error ? <ErrorAlert error={diff.error} /> : null}
      {d ? (
        <div className="stack">
          <Card title="Totals">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col" className="num">
                    {from.data ? `Version ${from.data.version}` : 'From'}
                  </th>
                  <th scope="col" className="num">
                    {to.data ? `Version ${to.data.version}` : 'To'}
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Weekly</th>
                  <td className="num">{formatPence(d.totals.from.weekly)}</td>
                  <td className="num">{formatPence(d.totals.to.weekly)}</td>
                  <td className="num">{signedMoney(d.totals.weeklyChange)}</td>
                </tr>
                <tr>
                  <th scope="row">Annual</th>
                  <td className="num">{formatPence(d.totals.from.annual)}</td>
                  <td className="num">{formatPence(d.totals.to.annual)}</td>
                  <td className="num">{signedMoney(d.totals.annualChange)}</td>
                </tr>
              </tbody>
            </table>
          </Card>
          <Card title="Changed content">
            {d.fields.length === 0 ? <p className="muted">No content changed.</p> : null}
            {d.fields.map((f) => (
              <div key={f.field} className="pl-diff-field">
                <h3>{FIELD_LABEL[f.field] ?? f.field}</h3>
                <div className="pl-side-by-side">
                  <div className="pl-diff-from">
                    <span className="sr-only">Before: </span>
                    {show(f.from)}
                  </div>
                  <div className="pl-diff-to">
                    <span className="sr-only">After: </span>
                    {show(f.to)}
                  </div>
                </div>
              </div>
            ))}
          </Card>
          <Card title="Lines">
            {d.linesAdded.length + d.linesRemoved.length + d.linesChanged.length === 0 ? <p className="muted">No lines changed.</p> : null}
            <ul className="pl-diff-lines">
              {d.linesAdded.map((l) => (
                <li key={`a${l.id}`} className="pl-diff-added">
                  Added: {lineText(l)}; {formatPence(l.annualCost)} a year ({signedMoney(l.annualCost)})
                </li>
              ))}
              {d.linesRemoved.map((l) => (
                <li key={`r${l.id}`} className="pl-diff-removed">
                  Removed: {lineText(l)}; {formatPence(l.annualCost)} a year ({signedMoney(-l.annualCost)})
                </li>
              ))}
              {d.linesChanged.map((c) => (
                <li key={`c${c.to.id}`} className="pl-diff-changed">
                  Changed ({c.fields.join(', ')}): {lineText(c.from)} → {lineText(c.to)}; {formatPence(c.from.annualCost)} → {formatPence(c.to.annualCost)} a year ({signedMoney(c.to.annualCost - c.from.annualCost)})
                </li>
              ))}
            </ul>
          </Card>
        </div>
      ) : null}
    </>
  );
}
