/** The URL with its password replaced, for logs, errors and /status. Kept apart from postgres.ts so that it does not load `pg`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
