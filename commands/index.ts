/** Every command the bot has. Adapters, /help, Discord registration and the Slack manifest read this list. */
import type { Command } from '../src/chat/command.js';
import greeks from './greeks.js';
import { helpCommand } from './help.js';
import alerts from './alerts.js';
import pnl from './pnl.js';
import portfolio from './portfolio.js';
import risk from './risk.js';
import size from './size.js';
import quote from './quote.js';
import scan from './scan.js';
import schedule from './schedule.js';
import settings from './settings.js';
import status from './status.js';
import track from './track.js';
import watch from './watch.js';

export const commands: readonly Command[] = [
  scan,
  watch,
  greeks,
  quote,
  status,
  schedule,
  settings,
  portfolio,
  pnl,
  size,
  risk,
  alerts,
  track,
  helpCommand(() => commands),
];
