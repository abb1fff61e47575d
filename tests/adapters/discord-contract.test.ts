import { adapterContract } from './contract.js';
import { discordHarness, fakeScenarios } from './platforms.js';

adapterContract('Discord (fake commands)', { ...fakeScenarios, startHarness: discordHarness });
