/**
 * Many workspaces: Slack says `app_uninstalled` when a workspace removes the app, and
 * `tokens_revoked` when the bot's token was revoked (both skip Bolt's authorisation: the
 * installation may already be useless). Either way the workspace's installation is deleted, so
 * no process on the store keeps posting with a dead token; a reinstall stores a fresh one.
 */
import type { App } from '@slack/bolt';
import type { SlackOAuth } from './oauth.js';

export function registerUninstall(app: App, oauth: SlackOAuth): void {
  app.event('app_uninstalled', async ({ context }) => {
    await oauth.forget(
      { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall },
      'the app was uninstalled',
    );
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    // Only user tokens (none of which the bot uses) leave the installation as it is.
    if (!event.tokens.bot?.length) return;
    await oauth.forget(
      { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall },
      "the bot's token was revoked",
    );
  });
}
