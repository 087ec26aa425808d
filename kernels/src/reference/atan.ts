// The arctangent correctly rounded, which is what the C library TA-Lib is linked with returns (glibc's
// atan); V8's Math.atan (fdlibm) is within one ulp of it and differs on about one argument in a few
// thousand, which LINEARREG_ANGLE's outputs would show. Math.atan's result is refined by one Newton
// step on sin(y) - m cos(y) = 0 with sin and cos in double-double (about 2^-104 relative), so the
// rounding of the refined value is decided by the true arctangent.

type DD = [hi: number, lo: number];

/** Dekker's split of a double into two halves whose products are exact. */
function split(a: number): DD {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** a * b exactly, as hi + lo. */
function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** a + b exactly, as hi + lo. */
function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function ddAdd(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return twoSum(s, e + a[1] + b[1]);
}

function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}

function ddDivNumber(a: DD, b: number): DD {
  const q = a[0] / b;
  const [p, e] = twoProd(q, b);
  return twoSum(q, (a[0] - p - e + a[1]) / b);
}

/** sum of t_k for t_start, t_{k+2} = -t_k * y^2 / ((k+1)(k+2)): sin (start 1, t = y) or cos (start 0, t = 1). */
function series(first: DD, start: number, y2: DD): DD {
  let term = first;
  let sum = first;
  const minus = ddMul(y2, [-1, 0]);
  for (let k = start; Math.abs(term[0]) > 1e-36 * Math.abs(sum[0]) && k < 80; k += 2) {
    term = ddDivNumber(ddMul(term, minus), (k + 1) * (k + 2));
    sum = ddAdd(sum, term);
  }
  return sum;
}

/** atan(m), correctly rounded (but for arguments within ~2^-100 of a rounding boundary). */
export function atanRounded(m: number): number {
  const y = Math.atan(m);
  if (!Number.isFinite(m) || y === 0) return y;
  const y2 = twoProd(y, y);
  const sin = series([y, 0], 1, y2);
  const cos = series([1, 0], 0, y2);
  // g = sin(y) - m cos(y) = (y - atan(m)) * (cos(y) + m sin(y)) to second order.
  const g = ddAdd(sin, ddMul(cos, [-m, 0]));
  const slope = cos[0] + m * sin[0];
  return y - (g[0] + g[1]) / slope;
}
