/** The recorded Yahoo responses live outside the repo; tests read them in place. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES_URL = new URL('../../../../shared/fixtures/yahoo/', import.meta.url);
export const FIXTURES_DIR = fileURLToPath(FIXTURES_URL);

export function fixtureBody<T = unknown>(file: string): T {
  const rec = JSON.parse(readFileSync(new URL(file, FIXTURES_URL), 'utf8')) as { response: { bodyJson: T } };
  return rec.response.bodyJson;
}
