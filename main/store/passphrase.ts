import { StewardError } from '../../shared/errors';
import { assessPassphrase, PASSPHRASE_RULE } from '../../shared/passphrase';

export { PASSPHRASE_RULE };

/** Throws WEAK_PASSPHRASE, naming what is wrong and the rule, when `p` does not meet the rule. */
export function checkPassphraseStrength(p: string): void {
  const v = assessPassphrase(p);
  if (!v.ok) throw new StewardError('WEAK_PASSPHRASE', `${v.text} ${PASSPHRASE_RULE}`, { where: 'passphrase' });
}
