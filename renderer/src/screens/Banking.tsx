/**
 * #/banking: bank accounts with their statement imports, matching, reconciliation and bulk
 * payments. Sub-routes: #/banking/ACCOUNT_ID, then /import, /match, /reconcile or /payments.
 */
import { useHashRoute } from '../routes';
import { BankHome } from '../banking/BankHome';
import { AccountOverview } from '../banking/AccountOverview';
import { ImportWizard } from '../banking/ImportWizard';
import { MatchScreen } from '../banking/MatchScreen';
import { ReconcileScreen } from '../banking/ReconcileScreen';
import { PaymentsScreen } from '../banking/PaymentsScreen';
import '../styles-client-page.css';
import '../styles-banking.css';

export function BankingScreen() {
  const route = useHashRoute();
  const [first, second] = route.parts;
  const id = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
  if (id === null) return <BankHome />;
  switch (second) {
    case 'import':
      return <ImportWizard key={`i${id}`} accountId={id} />;
    case 'match':
      return <MatchScreen key={`m${id}`} accountId={id} />;
    case 'reconcile':
      return <ReconcileScreen key={`r${id}`} accountId={id} />;
    case 'payments':
      return <PaymentsScreen key={`p${id}`} accountId={id} />;
    default:
      return <AccountOverview key={`o${id}`} accountId={id} />;
  }
}
