/**
 * The OAuth half of the fake Slack: what the consent page hands back (a one-time code for a
 * workspace), oauth.v2.access trading that code and the app's credentials for a bot token of that
 * workspace (the documented response shape), and revocation (Slack revokes a workspace's tokens
 * when it uninstalls the app).
 */

/** The OAuth app's credentials the fake accepts in oauth.v2.access. */
export const CLIENT_ID = '1111111111.2222222222222';
export const CLIENT_SECRET = 'fake-client-secret';

export class FakeOAuth {
  /** Grant codes not yet exchanged, and the workspace each one installs into. */
  private readonly codes = new Map<string, { id: string; name: string }>();
  /** Bot tokens issued, by token: the workspace and its bot user. */
  readonly issued = new Map<string, { team: string; botUser: string }>();
  readonly revoked = new Set<string>();
  private n = 0;

  /** What Slack's consent page does when a workspace admin approves the install: a one-time code. */
  grant(team: { id: string; name: string }): string {
    this.n += 1;
    const code = `code-${team.id}-${this.n}`;
    this.codes.set(code, team);
    return code;
  }

  revokeTeam(team: string): void {
    for (const [token, owner] of this.issued) if (owner.team === team) this.revoked.add(token);
  }

  /** oauth.v2.access: the app's credentials (form fields or HTTP Basic) and a one-time code → a bot token for the code's workspace. */
  exchange(body: Record<string, unknown>, authorization: string): Record<string, unknown> {
    const basic = /^Basic (.+)$/.exec(authorization)?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [body.client_id, body.client_secret];
    if (id !== CLIENT_ID) return { ok: false, error: 'invalid_client_id' };
    if (secret !== CLIENT_SECRET) return { ok: false, error: 'bad_client_secret' };
    const team = this.codes.get(String(body.code ?? ''));
    if (!team) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(body.code));
    this.n += 1;
    const token = `xoxb-${team.id}-${this.n}`;
    const botUser = `U0BOT${team.id}`;
    this.issued.set(token, { team: team.id, botUser });
    // The documented response shape (docs.slack.dev/reference/methods/oauth.v2.access), bot scopes only.
    return {
      ok: true,
      access_token: token,
      token_type: 'bot',
      scope: String(body.scope ?? 'commands,chat:write,users:read'),
      bot_user_id: botUser,
      app_id: 'A0APP',
      team: { id: team.id, name: team.name },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: 'U0INSTALLER' },
    };
  }
}

/** An Events API callback for `team`, as Slack posts it to /slack/events. */
export function eventBody(team: string, event: Record<string, unknown>, n: number): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: 'A0APP',
    event: { ...event, event_ts: `${n}.0` },
    type: 'event_callback',
    event_id: `Ev${n}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
