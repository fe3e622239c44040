/** An employer's payroll details as a short definition list. */
import type { Employer } from '../../../shared/contract-payroll';
import { Card } from '../ui';
import { FREQUENCY_LABEL, PENSION_BASIS_LABEL, payDayLabel, percentText } from './labels';

const notSet = <span className="muted">Not set</span>;

export function EmployerSummary({ employer: e }: { employer: Employer }) {
  return (
    <Card title="Employer details">
      <dl className="pr-details">
        <div>
          <dt>PAYE reference</dt>
          <dd className="pr-mono">{e.payeReference ?? notSet}</dd>
        </div>
        <div>
          <dt>Accounts Office reference</dt>
          <dd className="pr-mono">{e.accountsOfficeReference ?? notSet}</dd>
        </div>
        <div>
          <dt>Employment Allowance</dt>
          <dd>{e.employmentAllowance ? 'Claimed' : 'Not claimed'}</dd>
        </div>
        <div>
          <dt>Pay</dt>
          <dd>
            {FREQUENCY_LABEL[e.payFrequency]}, {payDayLabel(e.payDay)}
          </dd>
        </div>
        <div>
          <dt>Pension</dt>
          <dd>
            {e.pensionSchemeName ? [e.pensionSchemeName, e.pensionProvider, e.pensionBasis ? PENSION_BASIS_LABEL[e.pensionBasis] : null].filter(Boolean).join(', ') : notSet}
          </dd>
        </div>
        <div>
          <dt>Pension contributions</dt>
          <dd>
            Employer {percentText(e.pensionEmployerRate)}%, total {percentText(e.pensionTotalRate)}%
          </dd>
        </div>
        <div>
          <dt>Employer’s liability insurance</dt>
          <dd>{e.employersLiabilityInsurer ? `${e.employersLiabilityInsurer}${e.employersLiabilityRenewalDate ? `, renews ${e.employersLiabilityRenewalDate}` : ''}` : notSet}</dd>
        </div>
      </dl>
    </Card>
  );
}
