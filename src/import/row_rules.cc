#include "import/row_rules.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/time_parse.h"

namespace csperf {
namespace {

class Rules {
 public:
  Rules(const KindSpec& spec, const RowRuleContext& context, Record* record)
      : spec_(spec), context_(context), record_(record) {}

  const Value& Get(std::string_view column) const { return record_->values[Index(column)]; }
  Value& Mut(std::string_view column) { return record_->values[Index(column)]; }
  size_t Index(std::string_view column) const {
    return static_cast<size_t>(ColumnIndex(spec_, column));
  }

  void Fault(std::string_view column, std::string reason) {
    faults_.push_back({Index(column), std::move(reason)});
  }

  void Apply() {
    switch (spec_.kind) {
      case Kind::kAgents:
        if (!Get("hire_date").is_null() && !Get("leave_date").is_null() &&
            Get("leave_date").s < Get("hire_date").s) {
          Fault("leave_date", "the leave date is before the hire date");
        }
        if (!Get("base_bonus").is_null() && Get("base_bonus").i < 0) {
          Fault("base_bonus", "a base bonus cannot be negative");
        }
        break;
      case Kind::kMessages:
        if (Get("sender").s == "agent" && Get("account").is_null()) {
          Fault("account", "an agent's message needs the account that sent it");
        }
        break;
      case Kind::kOrders:
        if (!Get("paid_at").is_null() && Get("paid_at").i < Get("created_at").i) {
          Fault("paid_at", "the order is paid before it was created");
        }
        if (Get("amount").i < 0) {
          Fault("amount", "an order amount cannot be negative");
        }
        break;
      case Kind::kCases:
        if (!Get("closed_at").is_null() && Get("closed_at").i < Get("opened_at").i) {
          Fault("closed_at", "the case is closed before it was opened");
        }
        break;
      case Kind::kFollowups: {
        // A date alone means the end of that day, yet the follow-up stays in that day's
        // period: keep the day beside the instant.
        CivilTime due = context_.zone.ToLocal(Get("due_at").i);
        if (context_.date_only[Index("due_at")]) due = context_.zone.ToLocal(Get("due_at").i - 1);
        Mut("due_date") = Value::Text(FormatDate(due.date));
        if (!Get("quality").is_null() && (Get("quality").i < 1 || Get("quality").i > 5)) {
          Fault("quality", "follow-up quality is 1 to 5");
        }
        break;
      }
      case Kind::kAssessments: {
        const Value& max = Get("max_score");
        const Value& score = Get("score");
        if (max.i <= 0) {
          Fault("max_score", "max_score must be above 0");
        } else if (score.i < 0 || score.i > max.i) {
          Fault("score",
                fmt::format("the score is outside 0 to {} (max_score)", FormatMicros(max.i)));
        }
        break;
      }
      case Kind::kIncidents:
        if (Get("loss_amount").i < 0) {
          Fault("loss_amount", "a loss cannot be negative");
        }
        break;
      case Kind::kAttendance:
        ResolveAttendance();
        break;
      default:
        break;
    }
  }

  std::vector<RowFault> TakeFaults() { return std::move(faults_); }

 private:
  int TimeOfDay(std::string_view column) const { return context_.time_of_day[Index(column)]; }

  // Times of day become instants: the shift starts on its date, ends on that date or the
  // next (night shifts), and clock readings are the instants nearest to the schedule.
  void ResolveAttendance() {
    auto date = ParseDate(Get("date").s);
    if (!date.ok()) return;  // cannot happen: the date column parsed already
    const TimeZone& zone = context_.zone;
    if (int tod = TimeOfDay("scheduled_start"); tod >= 0) {
      Mut("scheduled_start").i =
          zone.FromLocal(CivilTime{*date, tod / 3600, tod / 60 % 60, tod % 60});
    }
    if (int tod = TimeOfDay("scheduled_end"); tod >= 0) {
      Instant end = zone.FromLocal(CivilTime{*date, tod / 3600, tod / 60 % 60, tod % 60});
      if (end <= Get("scheduled_start").i) {
        end = zone.FromLocal(CivilTime{AddDays(*date, 1), tod / 3600, tod / 60 % 60, tod % 60});
      }
      Mut("scheduled_end").i = end;
    }
    if (Get("scheduled_end").i <= Get("scheduled_start").i) {
      Fault("scheduled_end", "the shift ends before it starts");
      return;
    }
    if (int tod = TimeOfDay("clock_in"); tod >= 0 && !Get("clock_in").is_null()) {
      Mut("clock_in").i = NearestInstantOfTimeOfDay(tod, Get("scheduled_start").i, zone);
    }
    if (int tod = TimeOfDay("clock_out"); tod >= 0 && !Get("clock_out").is_null()) {
      Mut("clock_out").i = NearestInstantOfTimeOfDay(tod, Get("scheduled_end").i, zone);
    }
  }

  const KindSpec& spec_;
  const RowRuleContext& context_;
  Record* record_;
  std::vector<RowFault> faults_;
};

}  // namespace

Instant NearestInstantOfTimeOfDay(int seconds_of_day, Instant anchor, const TimeZone& zone) {
  CivilDate day = zone.ToLocal(anchor).date;
  Instant best = 0;
  int64_t best_distance = INT64_MAX;
  for (int shift = -1; shift <= 1; ++shift) {
    CivilTime t{AddDays(day, shift), seconds_of_day / 3600, seconds_of_day / 60 % 60,
                seconds_of_day % 60};
    Instant candidate = zone.FromLocal(t);
    int64_t distance = std::llabs(candidate - anchor);
    // Equal distances (12 hours either way) go to the earlier instant.
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<RowFault> ApplyRowRules(const KindSpec& spec, const RowRuleContext& context,
                                    Record* record) {
  Rules rules(spec, context, record);
  rules.Apply();
  return rules.TakeFaults();
}

}  // namespace csperf
