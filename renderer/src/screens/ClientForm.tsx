import { ScreenHeading } from './ScreenHeading';

/** Stub: replaced by the real screen. */
export function ClientFormScreen({ clientId }: { clientId: number | null }) {
  return <ScreenHeading title={clientId === null ? 'New client' : 'Edit client'} />;
}
