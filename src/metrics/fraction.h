// Exact fractions kept reduced, so that sums of many scores with different maximums stay
// small enough for 128-bit integers.
#pragma once

#include "metrics/value.h"

namespace csperf::metrics {

struct Fraction {
  Wide num = 0;
  Wide den = 1;  // > 0
};

inline Wide Gcd(Wide a, Wide b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

inline Fraction Reduce(Wide num, Wide den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Wide g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return {num, den};
}

inline Fraction Add(const Fraction& a, const Fraction& b) {
  const Wide g = Gcd(a.den, b.den);
  return Reduce(a.num * (b.den / g) + b.num * (a.den / g), (a.den / g) * b.den);
}

}  // namespace csperf::metrics
