/** The live hint for a new passphrase: the same rule the server applies (shared/passphrase.ts). */
import { assessPassphrase, type PassphraseVerdict } from '../../shared/passphrase';

export { PASSPHRASE_RULE } from '../../shared/passphrase';
export type PassphraseHint = PassphraseVerdict;

export function passphraseHint(p: string): PassphraseHint | null {
  return p.length === 0 ? null : assessPassphrase(p);
}
