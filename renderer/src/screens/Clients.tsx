import { ScreenHeading } from './ScreenHeading';

/** Stub: replaced by the real screen. */
export function ClientsScreen() {
  return <ScreenHeading title="Clients" />;
}
