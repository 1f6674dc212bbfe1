import { verify } from '@node-rs/argon2';
import { badRequest, type ProblemItem } from '../../platform/errors.ts';

/** The shortest password an operator may choose. */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * Passwords of 12 characters or more that come first in leaked-password lists, or that anyone would try first
 * on an Italian public body's site. Compared without regard to case.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123123123123', '123412341234', '123456123456', '111111111111',
  '000000000000', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwertyqwerty',
  'asdfghjkl123', 'abcdefghijkl', 'abc123456789', 'abcd12345678', 'password1234', 'password12345', 'password123!',
  'passwordpassword', 'passw0rd1234', 'p@ssw0rd1234', 'iloveyou1234', 'letmein12345', 'welcome12345', 'changeme1234',
  'administrator', 'admin1234567', 'password2024', 'password2025', 'password2026', 'benvenuto123', 'benvenuto1234',
  'cambiami1234', 'cambiapassword', 'passwordnuova', 'nuovapassword', 'sportello123', 'sportello1234', 'sportello2025',
  'sportello2026', 'comune123456', 'comune12345678', 'amministratore', 'forzainter123', 'forzamilan123', 'forzajuve123',
  'juventus1897', 'ciaociao1234', 'ciaociaociao', 'tiamopersempre', 'tiamotantissimo',
]);

export interface PasswordAccount {
  /** the account's e-mail: its local part (before the @) may not appear in the password */
  email: string;
  /** the argon2 hash of the current password: the new one must differ from it */
  passwordHash: string;
}

/**
 * The one rule for a new password, used both when a temporary password is replaced at sign-in and when an
 * operator changes their own: at least 12 characters, not the current one, not containing the e-mail's local
 * part, not one of the very common ones. Throws a problem+json 400 listing every reason, each on `newPassword`.
 */
export async function checkNewPassword(newPassword: string, account: PasswordAccount): Promise<void> {
  const errors: ProblemItem[] = [];
  const add = (message: string) => errors.push({ path: 'newPassword', message });
  const length = [...newPassword].length;
  const lower = newPassword.toLowerCase();
  const localPart = account.email.trim().toLowerCase().split('@')[0] ?? '';

  if (length < PASSWORD_MIN_LENGTH) {
    add(`usa almeno ${PASSWORD_MIN_LENGTH} caratteri: ne hai scritti ${length} (use at least ${PASSWORD_MIN_LENGTH} characters)`);
  }
  // a local part of one or two letters would forbid half the dictionary and protect nothing
  if (localPart.length >= 3 && lower.includes(localPart)) {
    add(`non deve contenere il tuo nome utente «${localPart}» (must not contain the name in your e-mail address)`);
  }
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/\s+/g, '')) || new Set(lower).size < 4) {
    add('è una password troppo comune o prevedibile: scegline una meno ovvia, ad esempio tre o quattro parole a caso (too common or predictable)');
  }
  if (newPassword && (await verify(account.passwordHash, newPassword).catch(() => false))) {
    add('deve essere diversa dalla password attuale (must differ from the current password)');
  }
  if (errors.length) {
    throw badRequest(`La nuova password non è stata accettata: ${errors.map((e) => e.message).join('; ')}. (The new password was not accepted.)`, errors);
  }
}
