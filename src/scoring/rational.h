// Exact arithmetic for the scoring engine: a signed integer of any size and a rational number
// over it. Scores are sums of weighted ratios whose denominators multiply; a fixed-width integer
// could overflow, so the engine never rounds until a number is printed or paid.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "core/money.h"
#include "metrics/value.h"

namespace csperf::scoring {

using metrics::Wide;

// A signed integer of any size (sign and magnitude, 32-bit limbs, least significant first).
class BigInt {
 public:
  BigInt() = default;
  BigInt(Wide v);  // NOLINT(google-explicit-constructor): integers convert implicitly

  bool IsZero() const { return mag_.empty(); }
  bool IsNegative() const { return neg_; }
  BigInt Abs() const;

  friend BigInt operator-(const BigInt& a);
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  friend BigInt operator/(const BigInt& a, const BigInt& b);  // truncates toward zero
  friend BigInt operator%(const BigInt& a, const BigInt& b);  // sign of the dividend
  friend bool operator==(const BigInt& a, const BigInt& b) = default;
  friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b);

  static BigInt Gcd(BigInt a, BigInt b);  // ≥ 0; Gcd(0, 0) is 0
  // Quotient and remainder of a / b truncated toward zero (b ≠ 0).
  static void DivMod(const BigInt& a, const BigInt& b, BigInt* quotient, BigInt* remainder);

  bool FitsInt64() const;
  int64_t ToInt64() const;  // requires FitsInt64()
  std::string ToString() const;
  double ToDouble() const;

 private:
  using Mag = std::vector<uint32_t>;
  static int CompareMag(const Mag& a, const Mag& b);
  static Mag AddMag(const Mag& a, const Mag& b);
  static Mag SubMag(const Mag& a, const Mag& b);  // a ≥ b
  static Mag MulMag(const Mag& a, const Mag& b);
  static void DivModMag(const Mag& a, const Mag& b, Mag* q, Mag* r);
  static void Trim(Mag* m);
  static BigInt Make(bool neg, Mag mag);

  bool neg_ = false;  // never true for zero
  Mag mag_;
};

// An exact rational number, always reduced, with a positive denominator.
class Rational {
 public:
  Rational() : num_(0), den_(1) {}
  explicit Rational(Wide v) : num_(v), den_(1) {}
  Rational(BigInt num, BigInt den);  // den ≠ 0

  static Rational Of(Wide num, Wide den) { return Rational(BigInt(num), BigInt(den)); }
  static Rational FromMicros(Micros m) { return Of(m, kMicrosPerUnit); }
  // The exact value of a metric (0 when empty: callers test `empty` first).
  static Rational FromValue(const metrics::MetricValue& v);

  const BigInt& num() const { return num_; }
  const BigInt& den() const { return den_; }
  bool IsZero() const { return num_.IsZero(); }
  bool IsNegative() const { return num_.IsNegative(); }

  friend Rational operator-(const Rational& a);
  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  friend Rational operator/(const Rational& a, const Rational& b);  // b ≠ 0
  Rational& operator+=(const Rational& b) { return *this = *this + b; }
  Rational& operator-=(const Rational& b) { return *this = *this - b; }
  friend bool operator==(const Rational& a, const Rational& b) = default;  // reduced: exact
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

  // The value × scale rounded to an integer, half away from zero (the engine's one rounding).
  BigInt RoundScaled(int64_t scale) const;
  // Rounded to millionths, half away from zero (values the engine prints are small).
  Micros ToMicros() const { return RoundScaled(kMicrosPerUnit).ToInt64(); }
  // Rounded to `decimals` places, half away from zero: "87.50".
  std::string ToString(int decimals) const;
  std::string ToFraction() const;  // "175/2", or "87" when whole
  double ToDouble() const;         // for charts only; never for decisions

 private:
  BigInt num_;
  BigInt den_;
};

inline Rational Clamp(const Rational& v, const Rational& lo, const Rational& hi) {
  return v < lo ? lo : (hi < v ? hi : v);
}

}  // namespace csperf::scoring
