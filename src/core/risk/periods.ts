/**
 * Periods per year used to annualise periodic statistics (empyrical's convention): returns sampled
 * on trading days, weeks or months.
 */
export const DAILY = 252;
export const WEEKLY = 52;
export const MONTHLY = 12;
export const QUARTERLY = 4;
export const YEARLY = 1;
