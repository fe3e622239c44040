import type { TaxYearTable } from '../types';
import { PayrollInputError, taxYearLabel } from '../calendar';
import { TAX_YEAR_2025_26 } from './2025-26';
import { TAX_YEAR_2026_27 } from './2026-27';

export { TAX_YEAR_2025_26, TAX_YEAR_2026_27 };

/** Every tax year the engine has figures for, oldest first. */
export const TAX_YEARS: readonly TaxYearTable[] = [TAX_YEAR_2025_26, TAX_YEAR_2026_27];

/**
 * The figures for the tax year containing `payDate` ('YYYY-MM-DD'); tax years start on 6 April.
 * Throws PayrollInputError for a date outside the years held.
 */
export function taxYearFor(payDate: string): TaxYearTable {
  const label = taxYearLabel(payDate);
  const table = TAX_YEARS.find((t) => t.id === label);
  if (!table) {
    throw new PayrollInputError(
      `No payroll figures for tax year ${label} (pay date ${payDate}); held: ${TAX_YEARS.map((t) => t.id).join(', ')}`,
    );
  }
  return table;
}
