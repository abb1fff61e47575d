/**
 * Takes secrets out of text bound for a user, a terminal or a log: the password (or token) part of
 * a URL's user info, and the values of query parameters whose names say they are secret.
 * `postgres://user:PASSWORD@host/db` → `postgres://user:***@host/db`.
 */
const USER_AND_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/)([^\s:/@"'`]*):([^\s/"'`]*)@/gi;
const TOKEN_AS_USER = /([a-z][a-z0-9+.-]*:\/\/)([^\s:/@"'`]+)@/gi;
const SECRET_PARAM = /([?&;][\w.-]*(?:key|token|secret|password|passwd|pwd|auth|signature|sig|credential)[\w.-]*=)[^&\s"'`]*/gi;

export function redact(text: string): string {
  return text
    .replace(USER_AND_PASSWORD, (_m, scheme: string, user: string) => `${scheme}${user}:***@`)
    .replace(TOKEN_AS_USER, (m, scheme: string, user: string) => (user.includes('***') ? m : `${scheme}***@`))
    .replace(SECRET_PARAM, '$1***');
}

/** Config keys whose values are never shown, not even redacted. */
export const SECRET_KEY = /token|secret|apikey|api_key|password|passwd|credential|private/i;
