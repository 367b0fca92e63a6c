// The clock behind an interface, so reports that speak of "now" are repeatable in tests.
#pragma once

#include <cstdint>

#include "core/time_zone.h"

namespace csperf {

class Clock {
 public:
  virtual ~Clock() = default;
  // The wall clock: UTC seconds, for what is recorded and shown.
  virtual Instant Now() const = 0;
  // A clock that never goes back, in nanoseconds from an arbitrary start: for durations
  // (progress, timeouts), never for what is recorded.
  virtual int64_t MonotonicNanos() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
  int64_t MonotonicNanos() const override;
};

// A clock that stands still until told otherwise.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant now) : now_(now) {}
  Instant Now() const override { return now_; }
  int64_t MonotonicNanos() const override { return monotonic_; }
  void Set(Instant now) { now_ = now; }
  void Advance(int64_t seconds) {
    now_ += seconds;
    monotonic_ += seconds * 1'000'000'000;
  }

 private:
  Instant now_;
  int64_t monotonic_ = 0;
};

}  // namespace csperf
