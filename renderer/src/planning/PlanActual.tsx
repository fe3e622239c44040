/**
 * Plan against actual (plan.actuals): cumulative planned against actual spending over the plan year
 * as a simple SVG line chart, and a per-line table with money left in pounds and the spending rate
 * against the time elapsed.
 */
import type { Pace, PlanActuals } from '../../../shared/contract-planning-outputs';
import { CATEGORY_LABEL } from '../../../shared/domain';
import { formatPence } from '../../../shared/money';
import { useLoaded } from '../client/hooks';
import { Card, ErrorAlert } from '../ui';
import { LINE_TYPE_LABEL } from './format';

const PACE_LABEL: Record<Pace, string> = { ahead: 'Spending faster than planned', 'on-track': 'On track', behind: 'Spending slower than planned' };
const pct = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(0)}%`);

export function PlanActualCard({ clientId, today }: { clientId: number; today: string }) {
  const actuals = useLoaded('plan.actuals', { clientId, asOf: today });
  return (
    <Card title="Plan against actual" description={actuals.data ? `Plan year ${actuals.data.planYear.start} to ${actuals.data.planYear.end}, as at ${actuals.data.asOf}.` : undefined}>
      {actuals.error ? <ErrorAlert error={actuals.error} /> : null}
      {actuals.data === null && !actuals.loading && !actuals.error ? <p className="muted">No plan is active yet, so there is nothing to compare spending with.</p> : null}
      {actuals.data ? <ActualsBody a={actuals.data} /> : null}
    </Card>
  );
}

export function ActualsBody({ a }: { a: PlanActuals }) {
  const t = a.totals;
  return (
    <>
      <p className="pl-actual-summary">
        Spent {formatPence(t.actualToDate)} of {formatPence(t.plannedYear)} planned for the year ({pct(t.spentBps)}) with {pct(a.planYear.elapsedBps)} of the year gone. Money left:{' '}
        <strong className={t.moneyLeft < 0 ? 'money-negative' : undefined}>{formatPence(t.moneyLeft)}</strong>. Projected year end {formatPence(t.projectedYearEnd)}. {PACE_LABEL[t.pace]}.
      </p>
      <ActualsChart a={a} />
      <div className="table-wrap">
        <table className="data-table pl-actuals-table">
          <caption className="sr-only">Plan against actual by line</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="num">
                Planned (year)
              </th>
              <th scope="col" className="num">
                Planned to date
              </th>
              <th scope="col" className="num">
                Actual to date
              </th>
              <th scope="col" className="num">
                Money left
              </th>
              <th scope="col" className="num">
                Projected (year end)
              </th>
              <th scope="col">Spent vs time</th>
            </tr>
          </thead>
          <tbody>
            {a.lines.map((l) => (
              <tr key={l.lineId}>
                <th scope="row">{`${l.position + 1}. ${l.description || LINE_TYPE_LABEL[l.type]}`}</th>
                <td className="num">{formatPence(l.plannedYear)}</td>
                <td className="num">{formatPence(l.plannedToDate)}</td>
                <td className="num">{formatPence(l.actualToDate)}</td>
                <td className={l.moneyLeft < 0 ? 'num money-negative' : 'num'}>{formatPence(l.moneyLeft)}</td>
                <td className="num">{formatPence(l.projectedYearEnd)}</td>
                <td>
                  {`${pct(l.spentBps)} spent, ${pct(l.expectedBps)} expected`}
                  <span className={`pl-pace pl-pace-${l.pace}`}>{PACE_LABEL[l.pace]}</span>
                </td>
              </tr>
            ))}
            {a.unplanned.map((u) => (
              <tr key={u.category}>
                <th scope="row">Not in the plan: {CATEGORY_LABEL[u.category]}</th>
                <td className="num">—</td>
                <td className="num">—</td>
                <td className="num">{formatPence(u.actualToDate)}</td>
                <td className="num">—</td>
                <td className="num">{formatPence(u.projectedYearEnd)}</td>
                <td />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{formatPence(t.plannedYear)}</td>
              <td className="num">{formatPence(t.plannedToDate)}</td>
              <td className="num">{formatPence(t.actualToDate)}</td>
              <td className={t.moneyLeft < 0 ? 'num money-negative' : 'num'}>{formatPence(t.moneyLeft)}</td>
              <td className="num">{formatPence(t.projectedYearEnd)}</td>
              <td>{`${pct(t.spentBps)} spent, ${pct(t.expectedBps)} expected`}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

/** Cumulative planned (dashed) and actual (solid) over the plan year. */
export function ActualsChart({ a }: { a: PlanActuals }) {
  const W = 640;
  const H = 220;
  const pad = { l: 70, r: 12, t: 12, b: 28 };
  const pts = a.series;
  if (pts.length === 0) return null;
  const max = Math.max(1, ...pts.map((p) => Math.max(p.planned, p.actual ?? 0)));
  const x = (i: number) => pad.l + (pts.length === 1 ? 0 : (i / (pts.length - 1)) * (W - pad.l - pad.r));
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const planned = pts.map((p, i) => `${x(i).toFixed(1)},${y(p.planned).toFixed(1)}`).join(' ');
  const actual = pts.flatMap((p, i) => (p.actual === null ? [] : [`${x(i).toFixed(1)},${y(p.actual).toFixed(1)}`])).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const last = [...pts].reverse().find((p) => p.actual !== null);
  return (
    <figure className="pl-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Cumulative spending: ${last ? `${formatPence(last.actual ?? 0)} actual against ${formatPence(last.planned)} planned by ${last.date}` : 'no spending yet'}; ${formatPence(pts[pts.length - 1]!.planned)} planned for the year.`}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="pl-chart-grid" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="pl-chart-label">
              {formatPence(v).replace(/\.\d\d$/, '')}
            </text>
          </g>
        ))}
        <text x={pad.l} y={H - 8} className="pl-chart-label">
          {pts[0]!.date}
        </text>
        <text x={W - pad.r} y={H - 8} textAnchor="end" className="pl-chart-label">
          {pts[pts.length - 1]!.date}
        </text>
        <polyline points={planned} className="pl-chart-planned" />
        {actual ? <polyline points={actual} className="pl-chart-actual" /> : null}
      </svg>
      <figcaption className="pl-chart-key">
        <span className="pl-key-planned">Planned (cumulative)</span> <span className="pl-key-actual">Actual (cumulative)</span>
      </figcaption>
    </figure>
  );
}
