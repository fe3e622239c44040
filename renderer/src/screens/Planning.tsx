/**
 * #/planning: support planning. Sub-routes (parsed here; routes.ts knows only the first part):
 *   #/planning                               clients with their plan status, reviews due, over-budget flags
 *   #/planning/providers                     the provider directory
 *   #/planning/CLIENT_ID                     assessment, personal budget, plan versions, risks, reviews, plan against actual
 *   #/planning/CLIENT_ID/plans/PLAN_ID       the plan editor (read-only unless a draft), approval and the other steps
 *   #/planning/CLIENT_ID/diff?from=A&to=B    the differences between two versions
 */
import { useHashRoute } from '../routes';
import { ClientPlanning } from '../planning/ClientPlanning';
import { PlanDiffView } from '../planning/PlanDiffView';
import { PlanEditor } from '../planning/PlanEditor';
import { PlanningHome } from '../planning/PlanningHome';
import { ProviderDirectory } from '../planning/Providers';
import { hashQuery } from '../planning/format';
import { ScreenHeading } from './ScreenHeading';
import '../styles-clients.css';
import '../styles-planning.css';

function asId(s: string | undefined): number | null {
  if (s === undefined || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

export function PlanningScreen() {
  const { parts } = useHashRoute();
  if (parts.length === 0) return <PlanningHome />;
  if (parts[0] === 'providers') return <ProviderDirectory />;
  const clientId = asId(parts[0]);
  if (clientId === null) return <NotFound />;
  if (parts.length === 1) return <ClientPlanning clientId={clientId} />;
  if (parts[1] === 'plans') {
    const planId = asId(parts[2]);
    return planId === null ? <NotFound /> : <PlanEditor key={planId} clientId={clientId} planId={planId} />;
  }
  if (parts[1] === 'diff') {
    const q = hashQuery();
    return <PlanDiffView clientId={clientId} fromId={asId(q.get('from') ?? undefined)} toId={asId(q.get('to') ?? undefined)} />;
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <>
      <ScreenHeading title="Planning" />
      <p>
        There is no planning page at this address. <a href="#/planning">Back to planning</a>
      </p>
    </>
  );
}
