/** Starts the Slack adapter from the loaded config (composition root entry point). */
import type { Services } from '../../services.js';
import type { Router } from '../router.js';
import { SlackAdapter } from './adapter.js';

export { SlackAdapter, type SlackOptions } from './adapter.js';
export { buildManifest } from './manifest.js';
export { renderBlocks } from './blocks.js';

/**
 * Socket Mode when `chat.slack.appToken` is set, else HTTP on `chat.slack.port`. One workspace with
 * `chat.slack.botToken`, or many with `chat.slack.clientId` (+ client secret, state secret: the config
 * schema makes sure they come together).
 */
export async function startSlack(services: Services, router: Router): Promise<SlackAdapter> {
  const { botToken, signingSecret, appToken, port, apiUrl, maxBodyBytes, startTimeoutMs, clientId, clientSecret, stateSecret, redirectUri } =
    services.config.chat.slack;
  const oauth = clientId && clientSecret && stateSecret ? { clientId, clientSecret, stateSecret, ...(redirectUri ? { redirectUri } : {}) } : undefined;
  if (!botToken && !oauth) throw new Error('SLACK_BOT_TOKEN (or SLACK_CLIENT_ID for many workspaces) is not set; the Slack adapter cannot start.');
  const adapter = new SlackAdapter(services, router, {
    port,
    maxBodyBytes,
    startTimeoutMs,
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    ...(oauth ? { oauth } : { botToken }),
    ...(signingSecret ? { signingSecret } : {}),
    ...(appToken ? { appToken } : {}),
  });
  await adapter.start();
  return adapter;
}
