// Time zones for turning wall-clock readings into instants and back. Millions of timestamps
// pass through here, so a zone is loaded once (from ICU's data) into a table of offset
// changes and every later call is a lookup with no ICU call and no lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_time.h"
#include "core/problem.h"

namespace csperf {

class IcuZone;  // ICU's zone, kept for instants outside the table

class TimeZone {
 public:
  // An IANA name such as "Asia/Shanghai". Loaded zones are shared: loading a name again is cheap.
  static Result<std::shared_ptr<const TimeZone>> Load(std::string_view iana_name);
  // A zone that never changes its offset, e.g. the UTC+08:00 a profile says an export uses.
  static std::shared_ptr<const TimeZone> FixedOffset(int seconds_east);

  // A wall-clock reading that does not exist (the clock moved forward) moves forward by the
  // gap; one that exists twice takes the earlier instant (the offset before the change).
  Instant FromLocal(const CivilTime& local) const;
  Instant FromLocalSeconds(int64_t local_seconds) const;
  int OffsetAt(Instant instant) const;  // seconds east of UTC
  CivilTime ToLocal(Instant instant) const;
  const std::string& name() const { return name_; }

  // Only Load and FixedOffset can make the key, so zones are always shared and complete.
  class Key {
    friend class TimeZone;
    Key() = default;
  };
  TimeZone(Key, std::string name, int fixed_offset);
  ~TimeZone();

 private:
  int IcuOffsetAt(Instant instant) const;
  Instant IcuFromLocalSeconds(int64_t local_seconds) const;
  Instant FromLocalInTable(int64_t local_seconds) const;
  void FillTable();

  std::string name_;
  // Segment k holds the instants [changes_[k-1], changes_[k]) with offset offsets_[k]; the
  // first segment is open to the left, the last to the right. offsets_.size() == changes_.size()+1.
  std::vector<Instant> changes_;
  std::vector<int> offsets_;
  // From this instant on the offset never changes again: fixed zones and, for most zones of
  // the world (China since 1991), the whole era that matters.
  Instant stable_from_ = INT64_MIN;
  int64_t stable_local_from_ = INT64_MIN;
  int stable_offset_ = 0;
  std::unique_ptr<const IcuZone> icu_;  // null for fixed offsets
};

// "2024-01-25 09:35:30" in the zone's local time.
std::string FormatInstant(Instant instant, const TimeZone& zone);

}  // namespace csperf
