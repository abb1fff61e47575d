import { adapterContract } from './contract.js';
import { fakeScenarios, slackHarness } from './platforms.js';

adapterContract('Slack HTTP (fake commands)', { ...fakeScenarios, startHarness: slackHarness('http') });
adapterContract('Slack Socket Mode (fake commands)', { ...fakeScenarios, startHarness: slackHarness('socket') });
