#include "scoring/rational.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace csperf::scoring {

// ---- BigInt ----

BigInt::BigInt(Wide v) {
  neg_ = v < 0;
  unsigned __int128 u =
      neg_ ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  while (u != 0) {
    mag_.push_back(static_cast<uint32_t>(u & 0xffffffffu));
    u >>= 32;
  }
}

void BigInt::Trim(Mag* m) {
  while (!m->empty() && m->back() == 0) m->pop_back();
}

BigInt BigInt::Make(bool neg, Mag mag) {
  BigInt r;
  Trim(&mag);
  r.mag_ = std::move(mag);
  r.neg_ = neg && !r.mag_.empty();
  return r;
}

int BigInt::CompareMag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

BigInt::Mag BigInt::AddMag(const Mag& a, const Mag& b) {
  const Mag& longer = a.size() >= b.size() ? a : b;
  const Mag& shorter = a.size() >= b.size() ? b : a;
  Mag out(longer.size() + 1, 0);
  uint64_t carry = 0;
  for (size_t i = 0; i < longer.size(); ++i) {
    uint64_t s = carry + longer[i] + (i < shorter.size() ? shorter[i] : 0u);
    out[i] = static_cast<uint32_t>(s);
    carry = s >> 32;
  }
  out[longer.size()] = static_cast<uint32_t>(carry);
  Trim(&out);
  return out;
}

BigInt::Mag BigInt::SubMag(const Mag& a, const Mag& b) {
  Mag out(a.size(), 0);
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int64_t d = static_cast<int64_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0u);
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += int64_t{1} << 32;
    out[i] = static_cast<uint32_t>(d);
  }
  Trim(&out);
  return out;
}

BigInt::Mag BigInt::MulMag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag out(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      uint64_t cur = out[i + j] + static_cast<uint64_t>(a[i]) * b[j] + carry;
      out[i + j] = static_cast<uint32_t>(cur);
      carry = cur >> 32;
    }
    size_t k = i + b.size();
    while (carry != 0) {
      uint64_t cur = out[k] + carry;
      out[k] = static_cast<uint32_t>(cur);
      carry = cur >> 32;
      ++k;
    }
  }
  Trim(&out);
  return out;
}

void BigInt::DivModMag(const Mag& a, const Mag& b, Mag* q, Mag* r) {
  if (CompareMag(a, b) < 0) {
    *q = {};
    *r = a;
    return;
  }
  if (b.size() == 1) {  // short division
    Mag out(a.size(), 0);
    uint64_t rem = 0;
    for (size_t i = a.size(); i-- > 0;) {
      uint64_t cur = (rem << 32) | a[i];
      out[i] = static_cast<uint32_t>(cur / b[0]);
      rem = cur % b[0];
    }
    Trim(&out);
    *q = std::move(out);
    *r = rem == 0 ? Mag{} : Mag{static_cast<uint32_t>(rem)};
    return;
  }
  // Shift-and-subtract, one bit at a time: the numbers here are a few hundred bits at most.
  Mag quot(a.size(), 0);
  Mag rem;
  for (size_t bit = a.size() * 32; bit-- > 0;) {
    uint32_t carry = (a[bit / 32] >> (bit % 32)) & 1u;
    for (uint32_t& limb : rem) {
      uint32_t next = limb >> 31;
      limb = (limb << 1) | carry;
      carry = next;
    }
    if (carry != 0) rem.push_back(carry);
    if (CompareMag(rem, b) >= 0) {
      rem = SubMag(rem, b);
      quot[bit / 32] |= 1u << (bit % 32);
    }
  }
  Trim(&quot);
  *q = std::move(quot);
  *r = std::move(rem);
}

BigInt BigInt::Abs() const { return Make(false, mag_); }

BigInt operator-(const BigInt& a) { return BigInt::Make(!a.neg_, a.mag_); }

BigInt operator+(const BigInt& a, const BigInt& b) {
  if (a.neg_ == b.neg_) return BigInt::Make(a.neg_, BigInt::AddMag(a.mag_, b.mag_));
  const int c = BigInt::CompareMag(a.mag_, b.mag_);
  if (c == 0) return BigInt();
  if (c > 0) return BigInt::Make(a.neg_, BigInt::SubMag(a.mag_, b.mag_));
  return BigInt::Make(b.neg_, BigInt::SubMag(b.mag_, a.mag_));
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigInt::Make(a.neg_ != b.neg_, BigInt::MulMag(a.mag_, b.mag_));
}

void BigInt::DivMod(const BigInt& a, const BigInt& b, BigInt* quotient, BigInt* remainder) {
  Mag q;
  Mag r;
  DivModMag(a.mag_, b.mag_, &q, &r);
  if (quotient != nullptr) *quotient = Make(a.neg_ != b.neg_, std::move(q));
  if (remainder != nullptr) *remainder = Make(a.neg_, std::move(r));
}

BigInt operator/(const BigInt& a, const BigInt& b) {
  BigInt q;
  BigInt::DivMod(a, b, &q, nullptr);
  return q;
}

BigInt operator%(const BigInt& a, const BigInt& b) {
  BigInt r;
  BigInt::DivMod(a, b, nullptr, &r);
  return r;
}

std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? std::strong_ordering::less : std::strong_ordering::greater;
  int c = BigInt::CompareMag(a.mag_, b.mag_);
  if (a.neg_) c = -c;
  return c < 0 ? std::strong_ordering::less
               : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

BigInt BigInt::Gcd(BigInt a, BigInt b) {
  a = a.Abs();
  b = b.Abs();
  while (!b.IsZero()) {
    BigInt t = a % b;
    a = std::move(b);
    b = std::move(t);
  }
  return a;
}

bool BigInt::FitsInt64() const {
  if (mag_.size() > 2) return false;
  uint64_t u = 0;
  for (size_t i = mag_.size(); i-- > 0;) u = (u << 32) | mag_[i];
  return neg_ ? u <= (uint64_t{1} << 63) : u < (uint64_t{1} << 63);
}

int64_t BigInt::ToInt64() const {
  uint64_t u = 0;
  for (size_t i = std::min<size_t>(mag_.size(), 2); i-- > 0;) u = (u << 32) | mag_[i];
  return neg_ ? static_cast<int64_t>(~u + 1) : static_cast<int64_t>(u);
}

std::string BigInt::ToString() const {
  if (mag_.empty()) return "0";
  std::string digits;
  Mag cur = mag_;
  while (!cur.empty()) {  // divide by 10^9, nine digits at a time
    uint64_t rem = 0;
    for (size_t i = cur.size(); i-- > 0;) {
      uint64_t v = (rem << 32) | cur[i];
      cur[i] = static_cast<uint32_t>(v / 1000000000u);
      rem = v % 1000000000u;
    }
    Trim(&cur);
    std::string chunk = std::to_string(rem);
    if (!cur.empty()) chunk.insert(0, 9 - chunk.size(), '0');
    digits.insert(0, chunk);
  }
  return neg_ ? "-" + digits : digits;
}

double BigInt::ToDouble() const {
  double v = 0;
  for (size_t i = mag_.size(); i-- > 0;) v = v * 4294967296.0 + mag_[i];
  return neg_ ? -v : v;
}

// ---- Rational ----

Rational::Rational(BigInt num, BigInt den) {
  if (den.IsNegative()) {
    num = -num;
    den = -den;
  }
  BigInt g = BigInt::Gcd(num, den);
  if (!g.IsZero() && g != BigInt(1)) {
    num = num / g;
    den = den / g;
  }
  if (num.IsZero()) den = BigInt(1);
  num_ = std::move(num);
  den_ = std::move(den);
}

Rational Rational::FromValue(const metrics::MetricValue& v) {
  if (v.empty) return Rational();
  return Of(v.num, v.den);
}

Rational operator-(const Rational& a) {
  Rational r = a;
  r.num_ = -r.num_;
  return r;
}

Rational operator+(const Rational& a, const Rational& b) {
  if (a.den_ == b.den_) return Rational(a.num_ + b.num_, a.den_);
  return Rational(a.num_ * b.den_ + b.num_ * a.den_, a.den_ * b.den_);
}

Rational operator-(const Rational& a, const Rational& b) { return a + (-b); }

Rational operator*(const Rational& a, const Rational& b) {
  return Rational(a.num_ * b.num_, a.den_ * b.den_);
}

Rational operator/(const Rational& a, const Rational& b) {
  return Rational(a.num_ * b.den_, a.den_ * b.num_);
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  return a.num_ * b.den_ <=> b.num_ * a.den_;
}

BigInt Rational::RoundScaled(int64_t scale) const {
  BigInt q;
  BigInt r;
  BigInt::DivMod(num_.Abs() * BigInt(scale), den_, &q, &r);
  if (r * BigInt(2) >= den_) q = q + BigInt(1);  // half away from zero, on the magnitude
  return num_.IsNegative() ? -q : q;
}

std::string Rational::ToString(int decimals) const {
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const BigInt q = RoundScaled(scale);
  std::string digits = q.Abs().ToString();
  if (decimals > 0) {
    if (digits.size() <= static_cast<size_t>(decimals)) {
      digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
  }
  return q.IsNegative() ? "-" + digits : digits;
}

std::string Rational::ToFraction() const {
  if (den_ == BigInt(1)) return num_.ToString();
  return num_.ToString() + "/" + den_.ToString();
}

double Rational::ToDouble() const {
  // Scale down both parts alike when they are too large for a double.
  BigInt n = num_;
  BigInt d = den_;
  const BigInt limit = BigInt(Wide{1} << 100);
  while (d.Abs() > limit || n.Abs() > limit) {
    n = n / BigInt(Wide{1} << 32);
    d = d / BigInt(Wide{1} << 32);
    if (d.IsZero()) return n.IsNegative() ? -HUGE_VAL : HUGE_VAL;
  }
  return n.ToDouble() / d.ToDouble();
}

}  // namespace csperf::scoring
