#include "core/time_zone.h"

#include <fmt/format.h>
#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tzrule.h>
#include <unicode/tztrans.h>
#include <unicode/ucal.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace csperf {
namespace {

// The table covers 1900–2099 (UTC); instants outside it ask ICU, which is rare and slower.
constexpr Instant kTableBegin = -2208988800;  // 1900-01-01T00:00:00Z
constexpr Instant kTableEnd = 4102444800;     // 2100-01-01T00:00:00Z
// More than any offset (±15 h) and any offset change: a local time's candidate instants lie
// within this distance of the local seconds themselves.
constexpr int64_t kLocalMargin = 2 * kSecondsPerDay;

UDate ToUDate(int64_t seconds) { return static_cast<double>(seconds) * 1000.0; }

int RuleOffset(const icu::TimeZoneRule* rule) {
  return (rule->getRawOffset() + rule->getDSTSavings()) / 1000;
}

std::string FixedOffsetName(int seconds_east) {
  if (seconds_east == 0) return "UTC";
  const int magnitude = std::abs(seconds_east);
  std::string name = fmt::format("UTC{}{:02d}:{:02d}", seconds_east < 0 ? '-' : '+',
                                 magnitude / 3600, magnitude / 60 % 60);
  if (magnitude % 60 != 0) name += fmt::format(":{:02d}", magnitude % 60);
  return name;
}

}  // namespace

class IcuZone {
 public:
  explicit IcuZone(std::unique_ptr<icu::BasicTimeZone> zone) : zone_(std::move(zone)) {}
  const icu::BasicTimeZone& zone() const { return *zone_; }

 private:
  std::unique_ptr<icu::BasicTimeZone> zone_;
};

TimeZone::TimeZone(Key, std::string name, int fixed_offset)
    : name_(std::move(name)), offsets_{fixed_offset}, stable_offset_(fixed_offset) {}

TimeZone::~TimeZone() = default;

Result<std::shared_ptr<const TimeZone>> TimeZone::Load(std::string_view iana_name) {
  // ICU's zone creation is not thread-safe; the cache also spares rebuilding the table.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(iana_name); it != cache.end()) return it->second;

  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(iana_name.data(), iana_name.size()))));
  icu::UnicodeString id;
  // ICU answers an unknown name with "Etc/Unknown", which behaves as UTC: refuse it instead.
  if (!zone || iana_name.empty() ||
      zone->getID(id) == UNICODE_STRING_SIMPLE(UCAL_UNKNOWN_ZONE_ID)) {
    return MakeProblem(
        fmt::format("unknown time zone '{}'; use an IANA name such as Asia/Shanghai", iana_name),
        std::string(iana_name));
  }
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get());
  if (basic == nullptr) {
    return MakeProblem(fmt::format("time zone '{}' has no transition data", iana_name),
                       std::string(iana_name));
  }
  (void)zone.release();  // ownership moves to the IcuZone below, through `basic`
  auto loaded = std::make_shared<TimeZone>(Key(), std::string(iana_name), 0);
  loaded->icu_ = std::make_unique<const IcuZone>(std::unique_ptr<icu::BasicTimeZone>(basic));
  loaded->FillTable();
  cache.emplace(std::string(iana_name), loaded);
  return std::shared_ptr<const TimeZone>(std::move(loaded));
}

std::shared_ptr<const TimeZone> TimeZone::FixedOffset(int seconds_east) {
  return std::make_shared<const TimeZone>(Key(), FixedOffsetName(seconds_east), seconds_east);
}

void TimeZone::FillTable() {
  const icu::BasicTimeZone& zone = icu_->zone();
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  zone.getOffset(ToUDate(kTableBegin), false, raw, dst, status);
  offsets_.assign(1, U_SUCCESS(status) ? (raw + dst) / 1000 : 0);
  changes_.clear();

  bool changes_after_table = false;
  UDate at = ToUDate(kTableBegin);
  icu::TimeZoneTransition transition;
  while (zone.getNextTransition(at, false, transition)) {
    at = transition.getTime();
    if (at >= ToUDate(kTableEnd)) {
      changes_after_table = true;
      break;
    }
    const int offset = RuleOffset(transition.getTo());
    if (offset == offsets_.back()) continue;  // only the name or the DST flag changed
    changes_.push_back(static_cast<Instant>(std::floor(at / 1000.0)));
    offsets_.push_back(offset);
  }
  stable_offset_ = offsets_.back();
  if (changes_after_table) {
    stable_from_ = INT64_MAX;
    stable_local_from_ = INT64_MAX;
  } else {
    stable_from_ = changes_.empty() ? kTableBegin : changes_.back();
    stable_local_from_ = stable_from_ + kLocalMargin;
  }
}

int TimeZone::OffsetAt(Instant instant) const {
  if (instant >= stable_from_) return stable_offset_;
  if (instant < kTableBegin || instant >= kTableEnd) return IcuOffsetAt(instant);
  auto segment = std::upper_bound(changes_.begin(), changes_.end(), instant) - changes_.begin();
  return offsets_[segment];
}

CivilTime TimeZone::ToLocal(Instant instant) const {
  return CivilFromLocalSeconds(instant + OffsetAt(instant));
}

Instant TimeZone::FromLocal(const CivilTime& local) const {
  return FromLocalSeconds(LocalSeconds(local));
}

Instant TimeZone::FromLocalSeconds(int64_t local_seconds) const {
  if (local_seconds >= stable_local_from_) return local_seconds - stable_offset_;
  if (local_seconds < kTableBegin + kLocalMargin || local_seconds >= kTableEnd - kLocalMargin) {
    return IcuFromLocalSeconds(local_seconds);
  }
  return FromLocalInTable(local_seconds);
}

Instant TimeZone::FromLocalInTable(int64_t local) const {
  const auto n = static_cast<ptrdiff_t>(changes_.size());
  const ptrdiff_t first =
      std::upper_bound(changes_.begin(), changes_.end(), local - kLocalMargin) - changes_.begin();
  // The usual case: no change of offset anywhere near, so one offset answers.
  if (first == n || changes_[first] > local + kLocalMargin) return local - offsets_[first];
  const ptrdiff_t last =
      std::upper_bound(changes_.begin(), changes_.end(), local + kLocalMargin) - changes_.begin();
  // Segments in time order: the first that holds the reading gives the earlier instant.
  for (ptrdiff_t k = first; k <= last; ++k) {
    const Instant candidate = local - offsets_[k];
    const bool after_start = k == 0 || candidate >= changes_[k - 1];
    const bool before_end = k == n || candidate < changes_[k];
    if (after_start && before_end) return candidate;
  }
  // No segment holds it: the reading lies in a gap, and the offset before the gap moves it
  // forward by the gap's length.
  for (ptrdiff_t k = first + 1; k <= last; ++k) {
    const Instant change = changes_[k - 1];
    if (local >= change + offsets_[k - 1] && local < change + offsets_[k]) {
      return local - offsets_[k - 1];
    }
  }
  return local - offsets_[last];  // unreachable with a consistent table
}

int TimeZone::IcuOffsetAt(Instant instant) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  icu_->zone().getOffset(ToUDate(instant), false, raw, dst, status);
  return U_SUCCESS(status) ? (raw + dst) / 1000 : stable_offset_;
}

Instant TimeZone::IcuFromLocalSeconds(int64_t local_seconds) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  // FORMER for both: a gap is read with the offset before it (forward by the gap), a repeated
  // hour with the offset before the change (the earlier instant), as the table does.
  icu_->zone().getOffsetFromLocal(ToUDate(local_seconds), UCAL_TZ_LOCAL_FORMER,
                                  UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  return local_seconds - (U_SUCCESS(status) ? (raw + dst) / 1000 : stable_offset_);
}

std::string FormatInstant(Instant instant, const TimeZone& zone) {
  return FormatCivilTime(zone.ToLocal(instant));
}

}  // namespace csperf
