/** /scan's text filters: range syntax, units, and errors that name the filter and its allowed range. */
import { describe, expect, it } from 'vitest';
import { filtersFromArgs } from '../../src/core/scanner/filter-args.js';

const ok = (args: Parameters<typeof filtersFromArgs>[0]) => {
  const r = filtersFromArgs(args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const err = (args: Parameters<typeof filtersFromArgs>[0]) => {
  const r = filtersFromArgs(args);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('filtersFromArgs', () => {
  it('reads min..max, min.., ..max, min-max and a bare minimum', () => {
    expect(ok({ price: '2..20' }).price).toEqual([2, 20]);
    expect(ok({ price: '$5..' }).price).toEqual([5, Infinity]);
    expect(ok({ price: '..20' }).price).toEqual([-Infinity, 20]);
    expect(ok({ price: '2-20' }).price).toEqual([2, 20]);
    expect(ok({ price: '5' }).price).toEqual([5, Infinity]);
  });

  it('converts percents to fractions, keeps signs, and takes a % suffix', () => {
    expect(ok({ change: '3..15' }).change).toEqual([0.03, 0.15]);
    expect(ok({ change: '..-5%' }).change).toEqual([-Infinity, -0.05]);
    expect(ok({ gap: '-10..-2' }).gap).toEqual([-0.1, -0.02]);
    expect(ok({ short: '15..' }).shortFloat).toEqual([0.15, Infinity]);
    expect(ok({ atr: '2..8' }).atrPct).toEqual([0.02, 0.08]);
    expect(ok({ institutional: '20..80' }).institutional).toEqual([0.2, 0.8]);
    expect(ok({ revenueGrowth: 10, epsGrowth: -5, fromHigh: 10 })).toMatchObject({ revenueGrowthMin: 0.1, epsGrowthMin: -0.05, maxFromHigh: 0.1 });
  });

  it('reads share counts with K/M/B; float is in millions unless suffixed', () => {
    expect(ok({ volume: '500K' }).minAvgVolume).toBe(500_000);
    expect(ok({ volume: '1.5M' }).minAvgVolume).toBe(1_500_000);
    expect(ok({ float: '..20' }).float).toEqual([-Infinity, 20e6]);
    expect(ok({ float: '..500K' }).float).toEqual([-Infinity, 500_000]);
  });

  it('reads SMA sides, patterns, sectors, earnings and the booleans', () => {
    expect(ok({ sma: '20,50,-200' })).toMatchObject({ smaAbove: [20, 50], smaBelow: [200] });
    expect(ok({ pattern: 'breakout, bull-flag,GOLDENCROSS' }).patterns).toEqual(['breakout', 'bullFlag', 'goldenCross']);
    expect(ok({ sector: 'technology, health' }).sectors).toEqual(['technology', 'health']);
    expect(ok({ earnings: 14 }).earnings).toEqual({ days: 14, mode: 'within' });
    expect(ok({ earnings: -7 }).earnings).toEqual({ days: 7, mode: 'notWithin' });
    expect(ok({ macd: true, bollinger: 'squeeze', relVolume: 2, rs: 80 })).toEqual({
      macdCross: true,
      bollinger: 'squeeze',
      relVolume: 2,
      minRelativeStrength: 80,
    });
    expect(ok({})).toEqual({});
  });

  it('names the filter and its allowed range when a value is out of range', () => {
    const e = err({ rsi: '20..150' });
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', option: 'rsi' });
    expect(e.message).toBe('rsi must be within 0..100, got 20..150; e.g. rsi=30..70.');
    expect(err({ short: '..120' }).message).toContain('short must be within 0..100 (%)');
    expect(err({ price: '-1..5' }).message).toContain('price must be within 0..');
  });

  it('rejects unreadable ranges, inverted ranges and wrong suffixes with an example', () => {
    expect(err({ price: 'cheap' }).message).toBe('price "cheap" is not a range: write min..max, min.. or ..max within 0..100000 ($), e.g. price=2..20.');
    expect(err({ price: '20..2' }).message).toContain('minimum above its maximum');
    expect(err({ rsi: '30%..70' }).option).toBe('rsi');
    expect(err({ price: '..' }).option).toBe('price');
    expect(err({ volume: '100K..1M' }).option).toBe('volume');
  });

  it('rejects unknown SMA periods, contradictions and unknown patterns', () => {
    expect(err({ sma: '30' }).message).toContain('20, 50 and 200');
    expect(err({ sma: '50,-50' }).message).toContain('both above and below');
    expect(err({ pattern: 'cup' }).message).toContain('"cup" is not one of breakout, goldenCross');
  });
});
