// What a new password must be, after NIST SP 800-63B §3.1.1.2: at least 8 characters, not one of the passwords
// attackers try first, and no composition rules (no "one digit, one symbol"), which only push people towards
// `Password1!`. The blocklist is the ranked common-password list that zxcvbn-ts ships (49,000 entries gathered
// from breach corpora); comparing in lower case also catches `PASSWORD` and `Password`.
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Why a password may not be chosen, as a sentence for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  // Counted in code points, as people count: "пароль12" has 8 characters, not 16 bytes.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Passwords have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Passwords have at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size === 1)
    return 'A password cannot be one character repeated; choose something less guessable.';
  if (commonPasswords().has(password.toLowerCase()))
    return 'That password is on the list of the most common passwords, which attackers try first; choose another (a few unrelated words make a good one).';
  return null;
}
