/** Risk core: pure functions over simple periodic returns (0.01 = +1 %); losses positive. */
export { DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY } from './periods.js';
export { RiskInputError, type RiskErrorCode } from './errors.js';
export { historicalVaR, historicalCVaR, parametricVaR, cornishFisherVaR } from './var.js';
export { sharpeRatio, sortinoRatio, annualizedVolatility, maxDrawdown, beta, perPeriodRate } from './ratios.js';
export { correlationMatrix, covarianceMatrix } from './correlation.js';
export { portfolioPnlScenarios, lossQuantiles, type Reprice } from './scenarios.js';
export { simulateCorrelatedReturns, cholesky, mulberry32, normalSampler, type Rng } from './montecarlo.js';
export { normalQuantile } from '../normal-quantile.js';
