/**
 * Standard normal distribution in double precision.
 *
 * The error function pieces are W. J. Cody's rational Chebyshev approximations
 * ("Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969,
 * pp. 631-638; coefficients as in netlib specfun CALERF), which are good to about
 * 18 significant digits before rounding. `exp(-x²/2)` is evaluated with Cody's
 * split of x so that the far tails keep their relative accuracy.
 */

const SQRT_PI = 1.7724538509055160273;
const INV_SQRT_PI = 0.56418958354775628695;
const INV_SQRT_2 = 0.7071067811865475244;
const INV_SQRT_2PI = 0.39894228040143267794;

/** erf(y) for |y| <= 0.46875 (Cody's first interval). */
function erfSmall(y: number): number {
  const z = y * y;
  const num = (((0.185777706184603153 * z + 3.1611237438705656) * z + 113.864154151050156) * z + 377.485237685302021) * z + 3209.37758913846947;
  const den = (((z + 23.6012909523441209) * z + 244.024637934444173) * z + 1282.61652607737228) * z + 2844.23683343917062;
  return (y * num) / den;
}

/** erfcx(y) = exp(y²)·erfc(y) for 0.46875 <= y <= 4 (Cody's second interval). */
function erfcxMid(y: number): number {
  const num =
    (((((((2.15311535474403846e-8 * y + 0.564188496988670089) * y + 8.88314979438837594) * y + 66.1191906371416295) * y + 298.635138197400131) * y +
      881.95222124176909) *
      y +
      1712.04761263407058) *
      y +
      2051.07837782607147) *
      y +
    1230.33935479799725;
  const den =
    (((((((y + 15.7449261107098347) * y + 117.693950891312499) * y + 537.181101862009858) * y + 1621.38957456669019) * y + 3290.79923573345963) * y +
      4362.61909014324716) *
      y +
      3439.36767414372164) *
      y +
    1230.33935480374942;
  return num / den;
}

/**
 * Cody's third-interval correction r(y) for y > 4: erfcx(y) = (1/√π − r(y)) / y.
 * Kept separate because 1 + z·Φ(z)/φ(z) = √π·r(−z/√2) exactly, free of cancellation.
 */
export function erfcxTail(y: number): number {
  const z = 1 / (y * y);
  const num =
    ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z + 0.125781726111229246) * z + 0.0160837851487422766) * z +
    6.58749161529837803e-4;
  const den = ((((z + 2.56852019228982242) * z + 1.87295284992346047) * z + 0.527905102951428412) * z + 0.0605183413124413191) * z + 2.33520497626869185e-3;
  return (z * num) / den;
}

/** Scaled complementary error function exp(y²)·erfc(y), any real y (overflows to +Infinity below about −26.6). */
export function erfcx(y: number): number {
  if (y >= 0) {
    if (y <= 0.46875) return Math.exp(y * y) * (1 - erfSmall(y));
    if (y <= 4) return erfcxMid(y);
    return (INV_SQRT_PI - erfcxTail(y)) / y;
  }
  if (y >= -0.46875) return Math.exp(y * y) * (1 - erfSmall(y));
  return 2 * expHalfSquare(-Math.SQRT2 * y) - erfcx(-y);
}

/** exp(−x²/2) with Cody's split of x, so that rounding of x² does not cost relative accuracy in the tails. */
export function expMinusHalfSquare(x: number): number {
  const a = Math.abs(x);
  const hi = Math.trunc(a * 16) / 16; // hi² is exact
  return Math.exp(-0.5 * hi * hi) * Math.exp(-0.5 * (a - hi) * (a + hi));
}

function expHalfSquare(x: number): number {
  return 1 / expMinusHalfSquare(x);
}

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * expMinusHalfSquare(x);
}

/**
 * Standard normal cumulative distribution Φ(x) = P(Z <= x), relative accuracy near
 * 1e-15 in both tails (Φ(−37) ≈ 5.7e-300 is still exact to ~14 digits); 0 below −38.5.
 */
export function normCdf(x: number): number {
  const y = x * INV_SQRT_2;
  const a = Math.abs(y);
  if (a <= 0.46875) return 0.5 + 0.5 * erfSmall(y);
  if (x !== x) return NaN;
  if (a > 27.3) return x > 0 ? 1 : 0;
  const tail = 0.5 * expMinusHalfSquare(x) * (a <= 4 ? erfcxMid(a) : (INV_SQRT_PI - erfcxTail(a)) / a);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Φ(x) when the caller already holds e = exp(−x²/2) (Black-Scholes gets exp(−d2²/2) from exp(−d1²/2)
 * for free); saves the two exponentials of {@link normCdf}.
 */
export function normCdfGivenExp(x: number, e: number): number {
  const y = x * INV_SQRT_2;
  const a = Math.abs(y);
  if (a <= 0.46875) return 0.5 + 0.5 * erfSmall(y);
  if (a > 27.3) return x > 0 ? 1 : 0;
  const tail = 0.5 * e * (a <= 4 ? erfcxMid(a) : (INV_SQRT_PI - erfcxTail(a)) / a);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Φ(x) with a single unsplit exponential: relative error about x²·1e-16 in the tails (3e-14 at
 * x = −17), for iterative schemes whose own tolerance is far coarser than that.
 */
export function normCdfFast(x: number): number {
  return normCdfGivenExp(x, Math.exp(-0.5 * x * x));
}

/** Complement 1 − Φ(x) = Φ(−x), without cancellation. */
export function normSf(x: number): number {
  return normCdf(-x);
}

/** Inverse of Φ: x with Φ(x) = p (AS 241, the core's one inverse normal; ±Infinity at 0 and 1, NaN outside). */
export { normalQuantile as inverseNormCdf } from '../normal-quantile.js';

export { SQRT_PI, INV_SQRT_2PI, INV_SQRT_2 };
