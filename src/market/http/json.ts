/** GET a JSON document through a provider's edge fetch; 4xx bodies are returned for the caller to map. */
import { readJson, type FetchFn } from './request.js';

export interface JsonReply {
  status: number;
  body: unknown;
}

export async function getJson(fetchFn: FetchFn, url: URL, who: { id: string; label: string }, headers?: Record<string, string>): Promise<JsonReply> {
  const res = await fetchFn(url, { headers: { accept: 'application/json', ...headers } });
  return { status: res.status, body: await readJson(res, who) };
}
