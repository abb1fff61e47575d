import { adapterContract } from './contract.js';
import { slackHarness } from './platforms.js';
import { realScenarios } from './real-bot.js';

const scenarios = await realScenarios();
adapterContract('Slack HTTP (real commands, simulated market)', { ...scenarios, startHarness: slackHarness('http') });
adapterContract('Slack Socket Mode (real commands, simulated market)', { ...scenarios, startHarness: slackHarness('socket') });
