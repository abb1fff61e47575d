/**
 * Slack for many workspaces: Bolt's InstallProvider runs the OAuth install flow
 * (`GET /slack/install` → Slack's consent page → `GET /slack/oauth_redirect`), its state signed
 * with the state secret and tied to the installer's browser by a cookie; the installations live
 * in our store (src/store/installations.ts), so every process on the store authorises every
 * workspace's requests with that workspace's own bot token and forgets a workspace the moment
 * one of them hears `app_uninstalled` / `tokens_revoked`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authorize, Installation, InstallationStore, Logger as BoltLogger } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/index.js';
import { deleteInstallation, findInstallation, saveInstallation, type InstallationKey, type StoredInstallation } from '../../store/installations.js';
import { BOT_SCOPES } from './manifest.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The public URL of /slack/oauth_redirect (needed when the app lists several redirect URLs). */
  redirectUri?: string;
  /** Web API root, ending in `/` (oauth.v2.access and auth.test go there). */
  apiUrl: string;
}

/** The installation store Bolt's InstallProvider reads and writes, on our store. */
export function storeInstallations(store: Store): InstallationStore {
  return {
    storeInstallation: (installation) => saveInstallation(store, installation as unknown as StoredInstallation),
    fetchInstallation: async (query) => {
      const found = await findInstallation(store, query);
      if (!found?.bot) throw new Error(`no Slack installation for ${describe(query)}`);
      return found as unknown as Installation<'v1' | 'v2', boolean>;
    },
    deleteInstallation: async (query) => {
      await deleteInstallation(store, query);
    },
  };
}

const describe = (q: InstallationKey): string => (q.isEnterpriseInstall ? `enterprise ${q.enterpriseId ?? '?'}` : `team ${q.teamId ?? '?'}`);

export class SlackOAuth {
  readonly installer: InstallProvider;
  readonly installations: InstallationStore;
  /** The public install page, known when SLACK_REDIRECT_URI names this bot's redirect URL. */
  readonly installUrl?: string;
  /** Request bodies `authorize` found no installation for (Bolt passes it the body object the receiver built). */
  private readonly refused = new WeakSet<object>();

  constructor(
    private readonly store: Store,
    opts: OAuthOptions,
    private readonly logger: Logger,
    boltLogger: BoltLogger,
  ) {
    this.installations = storeInstallations(store);
    this.installUrl = installUrlFrom(opts.redirectUri);
    this.installer = new InstallProvider({
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      stateSecret: opts.stateSecret,
      installationStore: this.installations,
      installUrlOptions: { scopes: BOT_SCOPES, ...(opts.redirectUri ? { redirectUri: opts.redirectUri } : {}) },
      // The Web API client's debug lines print request bodies, and oauth.v2.access carries the client secret.
      logger: { ...boltLogger, debug: () => undefined },
      clientOptions: { slackApiUrl: opts.apiUrl },
    });
  }

  /**
   * Bolt's `authorize`: the bot token of the workspace (or org) the request came from. When there is
   * none, Bolt acknowledges the request without calling a listener; the body is remembered so that
   * acknowledgement can carry the install hint (see `ackWithoutToken`), and a log line says why.
   */
  readonly authorize: Authorize<boolean> = async (source, body) => {
    try {
      return await this.installer.authorize(source);
    } catch (err) {
      if (body) this.refused.add(body);
      const who = source.isEnterpriseInstall ? `enterprise ${source.enterpriseId ?? '?'}` : `team ${source.teamId ?? '?'}`;
      const outcome = isCommand(body) ? 'its command was answered with the install hint' : 'its request was acknowledged and dropped';
      this.logger.warn(
        { team: source.teamId, enterprise: source.enterpriseId },
        `slack: no installation for ${who}; ${outcome} (install the app there through ${INSTALL_PATH})`,
      );
      throw err;
    }
  };

  /**
   * What Bolt's empty acknowledgement of a refused request carries instead: for a slash command,
   * one ephemeral sentence saying where to install the app (the HTTP answer needs no token, so no
   * Web API call is made); nothing for events and clicks, which have no one to tell.
   */
  ackWithoutToken(body: Record<string, unknown>): { response_type: 'ephemeral'; text: string } | undefined {
    if (!this.refused.has(body) || !isCommand(body)) return undefined;
    return { response_type: 'ephemeral', text: notInstalledSentence(this.installUrl) };
  }

  /** The bot token for a tenant (`slack:<team id>`), for scheduled posts and alerts; undefined when that workspace has no installation. */
  async tokenFor(tenant: string): Promise<string | undefined> {
    const team = tenant.startsWith('slack:') ? tenant.slice('slack:'.length) : '';
    if (!team) return undefined;
    return (await findInstallation(this.store, { teamId: team }))?.bot?.token;
  }

  /** Forgets a workspace (or an org-wide install) after Slack said it uninstalled the app or revoked the bot's token. */
  async forget(q: InstallationKey, why: string): Promise<void> {
    const gone = await deleteInstallation(this.store, q);
    this.logger.info(
      { team: q.teamId, enterprise: q.enterpriseId },
      `slack: ${why} for ${describe(q)}; ${gone ? 'its installation was deleted' : 'no installation was stored'}`,
    );
  }

  /**
   * Serves the install page and the OAuth redirect; false for any other request. Success and
   * failure pages are InstallProvider's (a failed or forged state is refused there, nothing stored).
   */
  async route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET') return false;
    const path = (req.url ?? '').split('?')[0];
    if (path === INSTALL_PATH) {
      await this.installer.handleInstallPath(req, res);
      return true;
    }
    if (path === REDIRECT_PATH) {
      await this.installer.handleCallback(req, res, {
        success: (installation, _opts, _req, response) => {
          const team = installation.isEnterpriseInstall ? `enterprise ${installation.enterprise?.id}` : `team ${installation.team?.id}`;
          this.logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id }, `slack: installed in ${team}`);
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.end(page('Installed', 'The Small-Cap Tracker is installed in your workspace. Type /help in any channel it is in.'));
        },
        failure: (error, _opts, _req, response) => {
          this.logger.warn({ code: (error as { code?: string }).code }, `slack: an install was refused (${error.message})`);
          response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          response.end(page('Not installed', `The install did not complete. Start again from ${INSTALL_PATH}.`));
        },
      });
      return true;
    }
    return false;
  }
}

/** The install page beside a redirect URL that ends in REDIRECT_PATH (a path prefix behind a proxy is kept); otherwise unknown. */
export function installUrlFrom(redirectUri: string | undefined): string | undefined {
  if (!redirectUri) return undefined;
  const url = new URL(redirectUri);
  if (!url.pathname.endsWith(REDIRECT_PATH)) return undefined;
  url.pathname = url.pathname.slice(0, -REDIRECT_PATH.length) + INSTALL_PATH;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The one sentence a user of a workspace without an installation reads. */
export function notInstalledSentence(installUrl: string | undefined): string {
  const where = installUrl ? `at ${installUrl}` : `from this bot's install page (its address ends in ${INSTALL_PATH}; ask whoever runs the bot)`;
  return `This Slack workspace has not installed the Small-Cap Tracker yet: a workspace admin can add it ${where}.`;
}

const isCommand = (body: unknown): boolean => typeof (body as { command?: unknown } | undefined)?.command === 'string';

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}
