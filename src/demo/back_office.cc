#include "demo/back_office.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace csperf::demo {
namespace {

constexpr int kMinute = 60;
constexpr int kHour = 3600;

bool IsStaff(const DemoAgent& a) { return a.role == "agent"; }

// The weakest pre-sales agent: the one who skips a shift (旷工) and gets the critical
// complaint, so the templates' vetoes have someone to act on.
DemoAgent* Weakest(DemoContext& c) {
  DemoAgent* weakest = nullptr;
  for (DemoAgent& a : c.team) {
    if (a.position == "presales" && !a.leave_date && a.hire_date <= c.month.first &&
        (!weakest || a.skill < weakest->skill)) {
      weakest = &a;
    }
  }
  return weakest;
}

CivilDate DayOfMonth(const DemoContext& c, int64_t day) {
  return AddDays(c.month.first, std::min<int64_t>(day - 1, c.month.days() - 1));
}

// A day of the month, among days 1–28, on which the agent is employed.
CivilDate EmployedDay(DemoContext& c, const DemoAgent& a) {
  int64_t lo = 1, hi = 28;
  while (lo < hi && !a.EmployedOn(DayOfMonth(c, lo))) ++lo;
  while (hi > lo && !a.EmployedOn(DayOfMonth(c, hi))) --hi;
  return DayOfMonth(c, c.rng.Between(lo, hi));
}

}  // namespace

void WriteAttendance(DemoContext& c) {
  Rng& rng = c.rng;
  DemoAgent* absentee = Weakest(c);
  for (size_t k = 0; k < c.team.size(); ++k) {
    DemoAgent& a = c.team[k];
    // Shifts: early 09:00–18:00, late 13:00–22:00, and one night shift 22:00–06:00.
    int start = k % 2 == 0 ? 9 * kHour : 13 * kHour;
    int end = k % 2 == 0 ? 18 * kHour : 22 * kHour;
    if (k == 1) {
      start = 22 * kHour;
      end = 6 * kHour;
    }
    const double sloppy = 1.0 - a.skill;
    bool absence_planted = false;
    for (int64_t d = 0; d < c.month.days(); ++d) {
      const CivilDate day = AddDays(c.month.first, d);
      if (!a.EmployedOn(day)) continue;
      if ((d + static_cast<int64_t>(k)) % 7 >= 5) continue;  // two rest days a week
      CsvOut& out = c.files.attendance;
      out.Text(a.id).Date(day).ClockTime(start).ClockTime(end);
      a.planted.Add("shifts");
      if (&a == absentee && !absence_planted && d >= 9) {
        out.Empty().Empty().Text(rng.Chance(0.5) ? "absent" : "旷工").End();
        a.planted.Add("absent");
        absence_planted = true;
        continue;
      }
      if (rng.Chance(0.03)) {
        out.Empty().Empty().Text(rng.Chance(0.5) ? "leave" : "请假").End();
        a.planted.Add("leave_days");
        continue;
      }
      int in = start - static_cast<int>(rng.Between(0, 10)) * kMinute;
      if (rng.Chance(0.3)) in = start + static_cast<int>(rng.Between(0, 4)) * kMinute;
      if (rng.Chance(0.02 + 0.15 * sloppy)) {
        in = start + static_cast<int>(rng.Between(6, 40)) * kMinute;
        a.planted.Add("late");
      }
      out.ClockTime((in + 24 * kHour) % (24 * kHour));
      if (rng.Chance(0.01)) {
        out.Empty();  // forgot to clock out: not an early leave
      } else if (rng.Chance(0.02 + 0.03 * sloppy)) {
        out.ClockTime((end - static_cast<int>(rng.Between(10, 90)) * kMinute + 24 * kHour) %
                      (24 * kHour));
        a.planted.Add("early_leave");
      } else {
        out.ClockTime((end + static_cast<int>(rng.Between(0, 20)) * kMinute) % (24 * kHour));
      }
      out.Text("present").End();
    }
  }
}

void WriteAssessments(DemoContext& c) {
  Rng& rng = c.rng;
  CsvOut& out = c.files.assessments;
  const CivilDate test_day = DayOfMonth(c, 20);
  const CivilDate review_day = DayOfMonth(c, 28);
  auto row = [&](DemoAgent& a, const CivilDate& date, const char* dimension, const char* source,
                 int64_t score_micros, int64_t max, const std::string& rater, const char* note) {
    out.Text(a.id)
        .Date(date)
        .Text(dimension)
        .Text(source)
        .Decimal(score_micros)
        .Int(max)
        .Text(rater)
        .Text(note)
        .Text("no")
        .End();
    a.planted.Add(std::string("assessments_") + dimension);
  };
  auto scaled = [&](double skill, int64_t max, double spread) {
    double v = std::clamp(0.55 + 0.45 * skill + spread * (rng.Uniform() - 0.5), 0.0, 1.0);
    // Tenths of a point, as managers write them (4.5 of 5).
    return std::llround(v * static_cast<double>(max) * 10) * 100'000;
  };
  size_t staff_index = 0;
  for (DemoAgent& a : c.team) {
    row(a, test_day, "product_knowledge", "test", scaled(a.skill, 100, 0.2) / 1'000'000 * 1'000'000,
        100, "", "月度产品知识考试");
    if (!IsStaff(a)) continue;
    const std::string& m = a.manager_id;
    row(a, review_day, "communication", "manager", scaled(a.skill, 5, 0.2), 5, m, "");
    row(a, review_day, "teamwork", "manager", scaled(a.skill, 5, 0.2), 5, m, "");
    // Three colleagues of the same team rate teamwork.
    int peers = 0;
    for (DemoAgent& p : c.team) {
      if (peers == 3 || &p == &a || p.team != a.team || !IsStaff(p)) continue;
      row(a, review_day, "teamwork", "peer", scaled(a.skill, 5, 0.4), 5, p.id, "");
      ++peers;
    }
    row(a, review_day, "teamwork", "self", scaled(0.9, 5, 0.1), 5, a.id, "自评");
    row(a, review_day, "error_handling", "manager", scaled(a.skill, 100, 0.2), 100, m, "");
    // One agent's innovation dimension has only a self-review: it must stay empty.
    if (staff_index == 1) {
      row(a, review_day, "innovation_learning", "self", scaled(1.0, 100, 0.1), 100, a.id, "自评");
      a.planted.Add("self_only_dimensions");
    } else {
      row(a, review_day, "innovation_learning", "manager", scaled(a.skill, 100, 0.3), 100, m, "");
    }
    ++staff_index;
  }
  // A rating for someone not on the team (a typo in the agent id).
  out.Text("A999")
      .Date(review_day)
      .Text("teamwork")
      .Text("manager")
      .Int(4)
      .Int(5)
      .Text(c.team.front().id)
      .Text("")
      .Text("no")
      .End();
  c.quality["unknown_agent"] += 1;
}

void WriteQaReviews(DemoContext& c) {
  Rng& rng = c.rng;
  CsvOut& out = c.files.qa_items;
  int review = 1;
  bool critical_planted = false;
  for (DemoAgent& a : c.team) {
    if (!IsStaff(a) || a.position != "presales") continue;
    const int reviews = static_cast<int>(rng.Between(2, 4));
    for (int r = 0; r < reviews; ++r) {
      const CivilDate day = DayOfMonth(c, rng.Between(3, 27));
      if (!a.EmployedOn(day)) continue;
      const std::string id = fmt::format("QA{:05}", review++);
      const std::string reviewer = a.manager_id;
      auto item = [&](const char* name, const std::string& result) {
        out.Text(id)
            .Text(a.id)
            .Date(day)
            .Text("chat_qa_v1")
            .Text(name)
            .Text(result)
            .Text(reviewer)
            .Text(fmt::format("tb_review{}", review))
            .Empty()
            .End();
      };
      const double s = a.skill;
      item("greeting", std::to_string(std::clamp<int64_t>(
                           static_cast<int64_t>(2 + 3 * s + rng.Uniform()), 0, 5)));
      // One review breaks a critical item (a forbidden word): the whole review scores 0.
      const bool critical = !critical_planted && s < 0.5;
      item("no_forbidden_words", critical ? "0" : "10");
      if (critical) {
        critical_planted = true;
        a.planted.Add("qa_critical_failures");
      }
      item("accuracy", std::to_string(std::clamp<int64_t>(
                           static_cast<int64_t>(8 + 12 * s + 3 * rng.Uniform()), 0, 20)));
      item("upsell", rng.Chance(0.5) ? "na" : std::to_string(rng.Between(0, 5)));
      a.planted.Add("qa_reviews");
    }
  }
  // A review scored on a form nobody imported.
  out.Text("QA-OLD-1")
      .Text(c.team.back().id)
      .Date(DayOfMonth(c, 5))
      .Text("chat_qa_v0")
      .Text("greeting")
      .Text("4")
      .Text(c.team.front().id)
      .Empty()
      .Empty()
      .End();
  c.quality["unknown_qa_form"] += 1;
}

void WriteIncidents(DemoContext& c) {
  Rng& rng = c.rng;
  CsvOut& out = c.files.incidents;
  int next = 1;
  DemoAgent* weakest = Weakest(c);
  auto write = [&](DemoAgent& a, const char* kind, const char* severity, int64_t loss_cents,
                   bool recovered, bool void_record, const char* note) {
    const CivilDate day = DayOfMonth(c, rng.Between(2, 28));
    Instant at = c.zone->FromLocal(CivilTime{day, static_cast<int>(rng.Between(9, 21)), 0, 0});
    out.Text(fmt::format("IN{:05}", next++))
        .Text(a.id)
        .Time(at, *c.zone)
        .Text(kind)
        .Text(severity)
        .Money(loss_cents)
        .Text(recovered ? "yes" : "no")
        .Text(note)
        .Text(void_record ? "yes" : "no")
        .End();
    if (void_record || !c.InMonth(at)) return;
    a.planted.Add(std::string("incidents_") + kind);
    if (std::string_view(severity) == "critical")
      a.planted.Add(std::string("incidents_") + kind + "_critical");
  };
  static constexpr std::array<const char*, 3> kSeverities = {"minor", "major", "critical"};
  for (DemoAgent& a : c.team) {
    if (!IsStaff(a)) continue;
    const double sloppy = 1.0 - a.skill;
    const int errors = static_cast<int>(rng.Exponential(0.3 + 2.0 * sloppy));
    for (int i = 0; i < errors; ++i) {
      const char* severity = kSeverities[rng.Chance(0.8) ? 0 : 1];
      write(a, "error", severity, rng.Between(0, 200) * 100, rng.Chance(0.5), false,
            "发错货/备注遗漏");
    }
    if (rng.Chance(0.1 + 0.5 * sloppy))
      write(a, "complaint", "minor", 0, false, false, "顾客投诉态度");
    if (rng.Chance(0.1 + 0.3 * sloppy))
      write(a, "bad_review", "minor", 0, false, false, "差评提及客服");
    for (int i = 0; i < static_cast<int>(rng.Exponential(0.2 + 2.0 * a.skill)); ++i) {
      write(a, "praise", "minor", 0, false, false, "顾客表扬");
    }
    if (rng.Chance(0.3 * a.skill))
      write(a, "suggestion_adopted", "minor", 0, false, false, "话术优化建议被采纳");
    for (int i = 0; i < static_cast<int>(rng.Between(0, 2)); ++i) {
      write(a, "training_completed", "minor", 0, false, false, "完成产品培训");
    }
  }
  // Every kind and severity appears at least once: a critical complaint (a veto case), a
  // critical and a major error, and a complaint ruled void by QA.
  if (weakest) {
    write(*weakest, "complaint", "critical", 5000, false, false, "辱骂顾客，顾客投诉至平台");
    write(*weakest, "error", "critical", 89900, false, false, "错发高价商品未追回");
    write(*weakest, "error", "major", 12900, true, false, "地址填错，已追回");
    write(*weakest, "complaint", "major", 0, false, true, "恶意投诉，质检判定无效");
  }
}

void WriteWorkRecords(DemoContext& c) {
  Rng& rng = c.rng;
  CsvOut& out = c.files.work_records;
  static constexpr std::array<const char*, 3> kObservation = {
      "抽查聊天记录，回复及时", "高峰期接待量大，情绪稳定", "催付话术需要加强"};
  static constexpr std::array<const char*, 3> kCoaching = {"讲解尺码推荐话术", "演练售后安抚话术",
                                                           "复盘差评处理流程"};
  for (DemoAgent& m : c.team) {
    if (m.role != "manager") continue;
    bool skipped_one = false;
    for (DemoAgent& a : c.team) {
      if (a.manager_id != m.id) continue;
      bool employed = false;
      for (int64_t d = 0; d < c.month.days() && !employed; ++d)
        employed = a.EmployedOn(AddDays(c.month.first, d));
      if (!employed) continue;
      m.planted.Add("direct_reports");
      const int observations = static_cast<int>(rng.Between(1, 3));
      for (int i = 0; i < observations; ++i) {
        out.Text(m.id)
            .Text(a.id)
            .Date(EmployedDay(c, a))
            .Text(rng.Chance(0.5) ? "observation" : "feedback")
            .Text(rng.Pick<const char*>(kObservation))
            .End();
        m.planted.Add("records");
      }
      // Each supervisor leaves one direct report without coaching: coverage below 100%.
      if (!skipped_one) {
        skipped_one = true;
        continue;
      }
      const int coaching = static_cast<int>(rng.Between(1, 2));
      for (int i = 0; i < coaching; ++i) {
        const CivilDate day = EmployedDay(c, a);
        out.Text(m.id)
            .Text(a.id)
            .Date(day)
            .Text("coaching")
            .Text(rng.Pick<const char*>(kCoaching))
            .End();
        m.planted.Add("records");
        m.planted.Add("coaching_records");
      }
      m.planted.Add("direct_reports_coached");
    }
  }
}

}  // namespace csperf::demo
