/** Starts the Slack adapter from the loaded config (composition root entry point). */
import type { Services } from '../../services.js';
import type { Router } from '../router.js';
import { SlackAdapter } from './adapter.js';

export { SlackAdapter, type SlackOptions } from './adapter.js';
export { buildManifest } from './manifest.js';
export { renderBlocks } from './blocks.js';

/** Socket Mode when `chat.slack.appToken` is set, else HTTP on `chat.slack.port`. Needs `chat.slack.botToken`. */
export async function startSlack(services: Services, router: Router): Promise<SlackAdapter> {
  const { botToken, signingSecret, appToken, port, apiUrl, maxBodyBytes, startTimeoutMs } = services.config.chat.slack;
  if (!botToken) throw new Error('SLACK_BOT_TOKEN is not set; the Slack adapter cannot start.');
  const adapter = new SlackAdapter(services, router, {
    botToken,
    port,
    maxBodyBytes,
    startTimeoutMs,
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    ...(signingSecret ? { signingSecret } : {}),
    ...(appToken ? { appToken } : {}),
  });
  await adapter.start();
  return adapter;
}
