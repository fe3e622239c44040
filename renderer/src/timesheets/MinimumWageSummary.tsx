/** A timesheet's minimum-wage result with the figures the server used, and any authorised note. */
import type { Timesheet } from '../../../shared/contract-timesheets';
import { Money } from '../ui';
import { hoursText } from './hours';

export function MinimumWageSummary({ sheet }: { sheet: Timesheet }) {
  const m = sheet.minimumWage;
  const note = sheet.minimumWageNote;
  const tone = m.ok ? 'ts-nmw-ok' : note ? 'ts-nmw-noted' : 'ts-nmw-short';
  return (
    <section className={`ts-nmw ${tone}`} aria-labelledby={`ts-nmw-${sheet.id}`}>
      <h3 id={`ts-nmw-${sheet.id}`} className="ts-nmw-title">
        {m.ok ? 'Minimum wage: met' : note ? 'Minimum wage: short, accepted by an authorised note' : 'Minimum wage: short, timesheet blocked'}
      </h3>
      <dl className="figures">
        <div className="figure">
          <dt>Pay counted</dt>
          <dd>
            <Money pence={m.payCounted} />
          </dd>
        </div>
        <div className="figure">
          <dt>Required</dt>
          <dd>
            <Money pence={m.required} />
          </dd>
        </div>
        {m.shortfall > 0 ? (
          <div className="figure">
            <dt>Shortfall</dt>
            <dd>
              <Money pence={m.shortfall} />
            </dd>
          </div>
        ) : null}
        <div className="figure">
          <dt>Hours counted</dt>
          <dd>
            {hoursText(m.hoursCounted)} ({m.minutesWorked} minutes)
          </dd>
        </div>
        <div className="figure">
          <dt>Minimum hourly rate</dt>
          <dd>
            <Money pence={m.hourlyRate} /> at age {m.ageOnPeriodEnd}, rates from {m.ratesFrom}
          </dd>
        </div>
      </dl>
      {note ? (
        <p className="ts-nmw-note">
          Note by {note.by} on {note.at.slice(0, 10)}: {note.reason}
        </p>
      ) : !m.ok ? (
        <p className="ts-nmw-note">Correct the hours or rates, or record an authorised note (on the employer page, Timesheets), before the timesheet can be approved.</p>
      ) : null}
    </section>
  );
}
