// The clock behind an interface, so reports that speak of "now" are repeatable in tests.
#pragma once

#include <ctime>

#include "core/time_zone.h"

namespace csperf {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock : public Clock {
 public:
  Instant Now() const override { return static_cast<Instant>(std::time(nullptr)); }
};

class FixedClock : public Clock {
 public:
  explicit FixedClock(Instant now) : now_(now) {}
  Instant Now() const override { return now_; }

 private:
  Instant now_;
};

}  // namespace csperf
