/**
 * The one passphrase rule, used by the server (which refuses with WEAK_PASSPHRASE) and by the
 * renderer's live hint: at least 12 characters; and either 3 of the 4 kinds of character (lower
 * case, upper case, digits, symbols or spaces) or at least 20 characters; not a common one.
 */
export const PASSPHRASE_RULE =
  'Use at least 12 characters with a mix of at least three of: lower case, upper case, digits, symbols or spaces, or a phrase of 20 characters or more.';

const COMMON = new Set(['password1234', 'passwordpassword', '123456789012', 'qwertyuiopas', 'letmeinletmein', 'stewardsteward', 'iloveyouiloveyou']);

export interface PassphraseVerdict {
  ok: boolean;
  /** One sentence for the person typing. */
  text: string;
}

export function assessPassphrase(p: string): PassphraseVerdict {
  const length = [...p].length;
  if (length < 12) return { ok: false, text: `Too short: ${length} of at least 12 characters.` };
  if (COMMON.has(p.toLowerCase())) return { ok: false, text: 'Too common: choose something less guessable.' };
  if (/^(.)\1+$/u.test(p)) return { ok: false, text: 'Too simple: it repeats one character.' };
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(p)).length;
  if (kinds < 3 && length < 20) {
    return { ok: false, text: `Too simple: ${kinds} of 4 kinds of character. Add another kind, or make it 20 characters or more.` };
  }
  return { ok: true, text: 'Strong enough: meets the rule.' };
}
