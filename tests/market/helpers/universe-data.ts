/** Listing rows the universe tests serve: NASDAQ screener rows (its documented download shape), Yahoo screener rows and trending symbols. */
import type { FakeYahooOptions } from './fakeYahoo.js';

export const rows = [
  {
    symbol: 'SMCP',
    name: 'Small Cap Corp Common Stock ',
    lastsale: '$2.52',
    netchange: '0.12',
    pctchange: '5.0%',
    volume: '1200000',
    marketCap: '312000000.00',
    country: 'United States',
    ipoyear: '2019',
    industry: 'Biotechnology',
    sector: 'Health Care',
    url: '/market-activity/stocks/smcp',
  },
  {
    symbol: 'BRK/A',
    name: 'Berkshire Hathaway Inc.',
    lastsale: '$712,000.00',
    netchange: '10',
    pctchange: '0.1%',
    volume: '120',
    marketCap: '1,030,000,000,000',
    country: 'United States',
    ipoyear: '',
    industry: 'Insurance',
    sector: 'Finance',
    url: '',
  },
  {
    symbol: 'ABC^A',
    name: 'ABC Preferred',
    lastsale: '$25.00',
    netchange: '0',
    pctchange: '0%',
    volume: '100',
    marketCap: '',
    country: '',
    ipoyear: '',
    industry: '',
    sector: '',
    url: '',
  },
  {
    symbol: 'NOCAP',
    name: 'No Cap Inc',
    lastsale: '$1.10',
    netchange: '0',
    pctchange: '0%',
    volume: '5000',
    marketCap: '0.00',
    country: '',
    ipoyear: '',
    industry: '',
    sector: '',
    url: '',
  },
];

/** Screener rows: the recorded ATUS row with these fields replaced. */
export const screeners: FakeYahooOptions['screeners'] = {
  small_cap_gainers: [
    {
      symbol: 'SMCP',
      longName: 'Small Cap Corp',
      marketCap: 300_000_000,
      regularMarketPrice: 2.6,
      regularMarketVolume: 1_500_000,
      averageDailyVolume3Month: 900_000,
      fullExchangeName: 'NasdaqCM',
    },
    {
      symbol: 'GAIN',
      longName: 'Gainer Inc.',
      marketCap: 450_000_000,
      regularMarketPrice: 7.5,
      regularMarketVolume: 3_000_000,
      averageDailyVolume3Month: 1_000_000,
    },
  ],
  aggressive_small_caps: [
    { symbol: 'GAIN', longName: 'Gainer Inc.', marketCap: 451_000_000 },
    { symbol: 'AGGR', longName: 'Aggressive Growth Co.', marketCap: 800_000_000, regularMarketPrice: 12, regularMarketVolume: 400_000 },
    { symbol: 'FUND', longName: 'Some Small Cap ETF', quoteType: 'ETF' },
  ],
  undervalued_growth_stocks: [{ symbol: 'UVGS', longName: 'Undervalued Growth', marketCap: 1_200_000_000 }],
};
export const trending = { US: ['BTC-USD', 'SMCP', 'TRND', 'ES=F', 'BRK-B'] };
