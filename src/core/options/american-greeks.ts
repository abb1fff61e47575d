/**
 * American price and Greeks from the Andersen-Lake-Offengelder boundary solution ({@link americanPriceRaw}).
 * Delta and gamma differentiate Kim's premium integral in the spot (the boundary does not depend on
 * it, alo-premium.ts); theta follows from the Black-Scholes equation, which the price satisfies
 * wherever holding beats exercising: Θ = rV − (r−q)SΔ − ½σ²S²Γ. Vega and rho come from the same
 * solve by implicit differentiation of the boundary system (alo-greeks.ts), with no second boundary
 * solve. A call is priced as the put with spot and strike, rate and
 * yield swapped (McDonald-Schroder); its delta and gamma come from the put's homogeneity in (S, K).
 * Units as for European Greeks: vega per 1.00 vol, theta per year of calendar time, rho per 1.00 rate.
 */

import { ALO_FAST, boundaryNodes, solvePutBoundary, solveWorkspace } from './alo.js';
import { putSensitivities } from './alo-greeks.js';
import { putFromBoundary } from './alo-premium.js';
import { americanPriceRaw, earlyExerciseWorthless } from './american.js';
import { blackScholes } from './black-scholes.js';
import { NAN_GREEKS, validContract, type Greeks, type PricingInput } from './types.js';

/** American price; see {@link americanPriceRaw}. Invalid inputs give NaN. */
export function americanPrice(input: PricingInput): number {
  const { type, spot, strike, years, rate, dividendYield, vol } = input;
  if (type !== 'call' && type !== 'put') return NaN;
  return americanPriceRaw(type === 'call', spot, strike, years, rate, dividendYield, vol);
}

const pdg = new Float64Array(3);
const vr = new Float64Array(2);

/**
 * Price and Greeks of the American option. Early exercise that never pays gives the European
 * Greeks exactly; expired or zero-vol contracts their intrinsic sensitivities; a negative put rate
 * (after the call's symmetry) the bump-and-reprice Greeks of the tree fallback.
 */
export function americanGreeks(input: PricingInput): Greeks {
  const { type, spot, strike, years, rate, dividendYield: q, vol } = input;
  if (type !== 'call' && type !== 'put') return { ...NAN_GREEKS };
  const c = type === 'call';
  if (!validContract(spot, strike, years, rate, q) || !(vol >= 0)) return { ...NAN_GREEKS };
  if (!(years > 0) || !(vol > 0) || vol === Infinity) {
    const price = americanPriceRaw(c, spot, strike, years, rate, q, vol);
    const m = c ? spot - strike : strike - spot;
    return { price, delta: m > 0 ? (c ? 1 : -1) : 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  }
  if (earlyExerciseWorthless(c, rate, q)) return blackScholes(input);
  // The put after the symmetry: P(S', K', r', q') with S' = K, K' = S, r' = q, q' = r for a call.
  const S = c ? strike : spot,
    K = c ? spot : strike,
    r = c ? q : rate,
    y = c ? rate : q;
  if (!(r > 0)) return bumpedGreeks(input);
  const scheme = ALO_FAST;
  const P = solvePutBoundary(K, years, r, y, vol, scheme, false);
  putFromBoundary(pdg, S, K, years, r, y, vol, P, boundaryNodes());
  const price = pdg[0]!,
    delta = pdg[1]!,
    gamma = pdg[2]!;
  if (price <= K - S) {
    // Exercise now: worth K − S, no time, vol or rate sensitivity.
    return { price, delta: c ? 1 : -1, gamma: 0, vega: 0, theta: 0, rho: 0 };
  }
  // Vega and rho by implicit differentiation of the boundary system (alo-greeks.ts). The original rate
  // is the put's r (put) or its yield q' (call).
  putSensitivities(vr, price, S, K, years, r, y, vol, P, solveWorkspace(), !c);
  const vega = vr[0]!,
    rho = vr[1]!;
  const theta = r * price - (r - y) * S * delta - 0.5 * vol * vol * S * S * gamma;
  if (!c) return { price, delta, gamma, vega, theta, rho };
  // C(S, K) = P(K, S): ∂C/∂S = ∂P/∂K' = (P − S'Δ')/K', ∂²C/∂S² = S'²Γ'/K'² (degree-1 homogeneity).
  return { price, delta: (price - S * delta) / K, gamma: (S * S * gamma) / (K * K), vega, theta, rho };
}

/** Central differences of full reprices: the tree fallback (negative rates) has no boundary to reuse. */
function bumpedGreeks(input: PricingInput): Greeks {
  const { type, spot, strike, years, rate, dividendYield: q, vol } = input;
  const c = type === 'call';
  const P = (s: number, t: number, r: number, v: number) => americanPriceRaw(c, s, strike, t, r, q, v);
  const price = P(spot, years, rate, vol);
  const hs = spot * 0.005,
    hv = Math.min(0.005, vol * 0.01),
    hr = 0.001;
  const up = P(spot + hs, years, rate, vol),
    dn = P(spot - hs, years, rate, vol);
  const h = Math.min(1 / 365, years / 2);
  return {
    price,
    delta: (up - dn) / (2 * hs),
    gamma: (up - 2 * price + dn) / (hs * hs),
    vega: (P(spot, years, rate, vol + hv) - P(spot, years, rate, vol - hv)) / (2 * hv),
    theta: (P(spot, years - h, rate, vol) - price) / h,
    rho: (P(spot, years, rate + hr, vol) - P(spot, years, rate - hr, vol)) / (2 * hr),
  };
}
