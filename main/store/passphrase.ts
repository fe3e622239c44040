import { StewardError } from '../../shared/errors';

const COMMON = new Set([
  'password1234', 'passwordpassword', '123456789012', 'qwertyuiopas', 'letmeinletmein', 'stewardsteward', 'iloveyouiloveyou',
]);

/**
 * Minimum strength for a ledger passphrase. The rule (shown to the user as written here):
 * at least 12 characters; and either 3 of the 4 kinds of character (lower case, upper case,
 * digits, symbols or spaces), or at least 20 characters (a passphrase of several words).
 */
export const PASSPHRASE_RULE =
  'Use at least 12 characters with a mix of at least three of: lower case, upper case, digits, symbols or spaces, or a phrase of 20 characters or more.';

export function checkPassphraseStrength(p: string): void {
  const fail = (why: string): never => {
    throw new StewardError('WEAK_PASSPHRASE', `${why} ${PASSPHRASE_RULE}`, { where: 'passphrase' });
  };
  if ([...p].length < 12) fail('That passphrase is too short.');
  if (COMMON.has(p.toLowerCase())) fail('That passphrase is too common.');
  if (/^(.)\1+$/u.test(p)) fail('That passphrase repeats one character.');
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(p)).length;
  if (kinds < 3 && [...p].length < 20) fail('That passphrase is too simple.');
}
