#include "metrics/value.h"

#include <string>

namespace csperf::metrics {
namespace {

Wide Abs(Wide v) { return v < 0 ? -v : v; }

Wide Gcd(Wide a, Wide b) {
  a = Abs(a);
  b = Abs(b);
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::string WideToString(Wide v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  unsigned __int128 u =
      negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  std::string digits;
  while (u > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return negative ? "-" + digits : digits;
}

}  // namespace

MetricValue MetricValue::Ratio(Wide num, Wide den, int64_t sample) {
  const int64_t s = sample >= 0 ? sample : static_cast<int64_t>(den);
  if (den == 0) return Empty(s);
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Wide g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return {false, num, den, s};
}

double MetricValue::ToDouble() const {
  return empty ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

bool MetricValue::operator==(const MetricValue& o) const {
  if (empty || o.empty) return empty == o.empty;
  return num * o.den == o.num * den;
}

std::string FormatRounded(Wide num, Wide den, int decimals) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Wide scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const bool negative = num < 0;
  const Wide scaled = Abs(num) * scale;
  Wide q = scaled / den;
  const Wide r = scaled % den;
  if (r * 2 >= den) ++q;  // half away from zero (on the magnitude)
  std::string digits = WideToString(q);
  if (decimals > 0) {
    if (digits.size() <= static_cast<size_t>(decimals)) {
      digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
  }
  return (negative && q != 0) ? "-" + digits : digits;
}

std::string FormatValue(const MetricValue& v, Format format) {
  if (v.empty) return "";
  switch (format) {
    case Format::kCount:
    case Format::kSeconds:
      return FormatRounded(v.num, v.den, 0);
    case Format::kAverage:
    case Format::kDimension:
      return FormatRounded(v.num, v.den, 3);
    case Format::kRate:
      return FormatRounded(v.num, v.den, 6);
    case Format::kMoney:
      return FormatRounded(v.num, v.den * 100, 2);
    case Format::kHours:
      return FormatRounded(v.num, v.den * 3600, 3);
  }
  return "";
}

}  // namespace csperf::metrics
