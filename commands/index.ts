/** Every command the bot has. Adapters, /help, Discord registration and the Slack manifest read this list. */
import type { Command } from '../src/chat/command.js';
import greeks from './greeks.js';
import { helpCommand } from './help.js';
import quote from './quote.js';
import scan from './scan.js';
import schedule from './schedule.js';
import settings from './settings.js';
import status from './status.js';

export const commands: readonly Command[] = [scan, greeks, quote, status, schedule, settings, helpCommand(() => commands)];
