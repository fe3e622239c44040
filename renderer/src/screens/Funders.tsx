import { ScreenHeading } from './ScreenHeading';

/** Stub: replaced by the real screen. */
export function FundersScreen() {
  return <ScreenHeading title="Funders" />;
}
