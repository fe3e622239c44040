import { ScreenHeading } from './ScreenHeading';

/** Stub: replaced by the real screen. */
export function ClientPage({ clientId }: { clientId: number }) {
  return <ScreenHeading title={`Client ${clientId}`} />;
}
