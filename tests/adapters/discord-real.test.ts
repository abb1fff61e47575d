import { adapterContract } from './contract.js';
import { discordHarness } from './platforms.js';
import { realScenarios } from './real-bot.js';

adapterContract('Discord (real commands, simulated market)', { ...(await realScenarios()), startHarness: discordHarness });
