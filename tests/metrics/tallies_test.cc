// What a report row adds up (tallies.h), fed by hand: seconds kept for means, medians and
// p90s; the chat columns of sessions, lines and waits written out as the cut would hand them
// over; the conversion columns of inquiries and orders; the satisfaction columns of ratings.
// Every expected value is worked by hand in the comment beside it (metrics.md, "Numbers":
// the lower median is the ⌈n/2⌉-th smallest, p90 the ⌈0.9·n⌉-th).
#include "metrics/tallies.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metrics/columns.h"

namespace csperf::metrics {
namespace {

// 2024-01-10 10:00:00 +08:00 (date -ud "2024-01-10 02:00:00" +%s); the tallies read no time.
constexpr Instant kT0 = 1704852000;

MetricValue Get(const Columns& columns, const std::string& name) {
  for (const auto& [n, value] : columns) {
    if (n == name) return value;
  }
  ADD_FAILURE() << "no column " << name;
  return MetricValue::Empty();
}

// The column as the report prints it.
std::string Printed(const Columns& columns, const std::string& name) {
  return FormatValue(Get(columns, name), FormatOfColumn(name));
}

std::vector<std::string> Names(const Columns& columns) {
  std::vector<std::string> names;
  for (const auto& [name, value] : columns) names.push_back(name);
  return names;
}

// The registry's columns of one family, in report order.
std::vector<std::string> FamilyColumns(Family family) {
  std::vector<std::string> names;
  for (const ColumnInfo& info : AllColumns()) {
    if (info.family == family) names.emplace_back(info.name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------
// SecondsValues

TEST(TalliesSecondsValues, MeanMedianAndP90OfASmallSet) {
  SecondsValues v;
  for (int64_t s : {30, 0, 10, 20}) v.Add(s);
  EXPECT_EQ(v.size(), 4);
  // Sorted {0, 10, 20, 30}. Mean 60/4 = 15; median: ⌈4/2⌉ = 2nd → 10; p90: ⌈3.6⌉ = 4th → 30.
  EXPECT_EQ(v.Mean(), MetricValue::Ratio(60, 4));
  EXPECT_EQ(FormatValue(v.Mean(), Format::kAverage), "15.000");
  EXPECT_EQ(v.Rank(1, 2), MetricValue::Whole(10, 4));
  EXPECT_EQ(v.Rank(9, 10), MetricValue::Whole(30, 4));
  // The sample of each is the count of values.
  EXPECT_EQ(v.Mean().sample, 4);
  EXPECT_EQ(v.Rank(1, 2).sample, 4);
  EXPECT_EQ(v.Rank(9, 10).sample, 4);
}

TEST(TalliesSecondsValues, RanksOfTenAndElevenValuesAndRepeats) {
  SecondsValues ten;
  for (int64_t s = 10; s >= 1; --s) ten.Add(s);  // 1..10, added backwards
  // n = 10: median ⌈5⌉ = 5th → 5; p90 ⌈9⌉ = 9th → 9; mean 55/10 = 5.5.
  EXPECT_EQ(ten.Rank(1, 2), MetricValue::Whole(5, 10));
  EXPECT_EQ(ten.Rank(9, 10), MetricValue::Whole(9, 10));
  EXPECT_EQ(FormatValue(ten.Mean(), Format::kAverage), "5.500");
  ten.Add(11);
  // n = 11: median ⌈5.5⌉ = 6th → 6; p90 ⌈9.9⌉ = 10th → 10.
  EXPECT_EQ(ten.Rank(1, 2), MetricValue::Whole(6, 11));
  EXPECT_EQ(ten.Rank(9, 10), MetricValue::Whole(10, 11));

  SecondsValues repeats;
  for (int64_t s : {7, 3, 7, 7}) repeats.Add(s);
  // Sorted {3, 7, 7, 7}: median 2nd → 7; the smallest (rank ⌈1/4·4⌉ = 1) → 3; mean 24/4 = 6.
  EXPECT_EQ(repeats.Rank(1, 2), MetricValue::Whole(7, 4));
  EXPECT_EQ(repeats.Rank(1, 4), MetricValue::Whole(3, 4));
  EXPECT_EQ(repeats.Mean(), MetricValue::Count(6));

  SecondsValues one;
  one.Add(42);
  EXPECT_EQ(one.Rank(1, 2), MetricValue::Whole(42, 1));
  EXPECT_EQ(one.Rank(9, 10), MetricValue::Whole(42, 1));
}

TEST(TalliesSecondsValues, NoValuesGiveEmptyColumns) {
  SecondsValues v;
  EXPECT_EQ(v.size(), 0);
  EXPECT_TRUE(v.Mean().empty);
  EXPECT_TRUE(v.Rank(1, 2).empty);
  EXPECT_TRUE(v.Rank(9, 10).empty);
}

TEST(TalliesSecondsValues, LargeAndNegativeValuesKeepTheirPlaces) {
  // 4095 is the last value counted densely; 4096 and above, and negatives, are kept one by
  // one and must rank among the rest.
  SecondsValues v;
  for (int64_t s : {5000, -3, 7, 4096, 4095, 0}) v.Add(s);
  // Sorted {-3, 0, 7, 4095, 4096, 5000}, n = 6.
  // Sum 5000 - 3 + 7 + 4096 + 4095 + 0 = 13195: mean 13195/6 = 2199.1666… → 2199.167.
  EXPECT_EQ(v.Mean(), MetricValue::Ratio(13195, 6));
  EXPECT_EQ(FormatValue(v.Mean(), Format::kAverage), "2199.167");
  EXPECT_EQ(v.Rank(1, 6), MetricValue::Whole(-3, 6));     // 1st
  EXPECT_EQ(v.Rank(2, 6), MetricValue::Whole(0, 6));      // 2nd
  EXPECT_EQ(v.Rank(1, 2), MetricValue::Whole(7, 6));      // ⌈3⌉ = 3rd
  EXPECT_EQ(v.Rank(4, 6), MetricValue::Whole(4095, 6));   // 4th
  EXPECT_EQ(v.Rank(5, 6), MetricValue::Whole(4096, 6));   // 5th
  EXPECT_EQ(v.Rank(9, 10), MetricValue::Whole(5000, 6));  // ⌈5.4⌉ = 6th
  // Asking again (the kept values are sorted on the first ask) gives the same.
  EXPECT_EQ(v.Rank(5, 6), MetricValue::Whole(4096, 6));
  // Only large values: {9000, 4100, 4096}: median ⌈1.5⌉ = 2nd → 4100.
  SecondsValues large;
  for (int64_t s : {9000, 4100, 4096}) large.Add(s);
  EXPECT_EQ(large.Rank(1, 2), MetricValue::Whole(4100, 3));
  EXPECT_EQ(large.Rank(9, 10), MetricValue::Whole(9000, 3));
  // Only negatives: {-1, -10}: median 1st → -10.
  SecondsValues negative;
  for (int64_t s : {-1, -10}) negative.Add(s);
  EXPECT_EQ(negative.Rank(1, 2), MetricValue::Whole(-10, 2));
  EXPECT_EQ(negative.Mean(), MetricValue::Ratio(-11, 2));
}

TEST(TalliesSecondsValues, MergeAddsTheOtherValues) {
  SecondsValues a, b;
  for (int64_t s : {1, 5000}) a.Add(s);
  for (int64_t s : {2, 3, -1, 4000}) b.Add(s);  // 4000: dense, past a's counts
  a.Merge(b);
  // {-1, 1, 2, 3, 4000, 5000}, n = 6: sum 9005, mean 9005/6; median 3rd → 2; p90 6th → 5000;
  // the 5th → 4000.
  EXPECT_EQ(a.size(), 6);
  EXPECT_EQ(a.Mean(), MetricValue::Ratio(9005, 6));
  EXPECT_EQ(a.Rank(1, 2), MetricValue::Whole(2, 6));
  EXPECT_EQ(a.Rank(5, 6), MetricValue::Whole(4000, 6));
  EXPECT_EQ(a.Rank(9, 10), MetricValue::Whole(5000, 6));
  // b is unchanged: {-1, 2, 3, 4000}, median 2nd → 2.
  EXPECT_EQ(b.size(), 4);
  EXPECT_EQ(b.Rank(1, 2), MetricValue::Whole(2, 4));
  // Merging into an empty one copies; merging an empty one changes nothing.
  SecondsValues empty, copy;
  copy.Merge(b);
  copy.Merge(empty);
  EXPECT_EQ(copy.size(), 4);
  EXPECT_EQ(copy.Mean(), MetricValue::Ratio(4004, 4));
  EXPECT_EQ(copy.Rank(9, 10), MetricValue::Whole(4000, 4));
}

// ---------------------------------------------------------------------------------------
// Sessions written out by hand, as the cut hands them over.

// Appends a session of `shop` and `customer` with its agents' lines and its waits.
void AddSession(Sessions* s, Id shop, Id customer, bool customer_opened, bool in_period,
                int32_t customer_messages, const std::vector<AgentLine>& lines,
                const std::vector<Wait>& waits) {
  Session x{};
  x.shop = shop;
  x.customer = customer;
  x.conversation = kNone;
  x.first_at = kT0;
  x.last_at = kT0;
  x.first_message = static_cast<uint32_t>(s->sessions.size());
  x.customer_opened = customer_opened;
  x.in_period = in_period;
  x.customer_messages = customer_messages;
  x.lines_begin = static_cast<uint32_t>(s->lines.size());
  s->lines.insert(s->lines.end(), lines.begin(), lines.end());
  x.lines_end = static_cast<uint32_t>(s->lines.size());
  x.waits_begin = static_cast<uint32_t>(s->waits.size());
  s->waits.insert(s->waits.end(), waits.begin(), waits.end());
  x.waits_end = static_cast<uint32_t>(s->waits.size());
  s->sessions.push_back(x);
}

constexpr Actor kA0 = 0, kA1 = 1, kA2 = 2;
const Actor kShop0 = ShopActor(0);  // shop 0's unmapped accounts

// Four sessions of shop 0:
// A (customer 0), opened by the customer, 3 customer messages:
//   10:00:00 customer — a wait opens
//   10:00:20 a0       — closes it: 20 s, the first wait, within 180 s
//   10:00:30 a0
//   10:00:40 temp     — an unmapped account of shop 0; no wait open
//   10:01:00 customer — a wait opens
//   10:04:20 a1       — closes it: 200 s, not within
//   10:05:00 customer — never answered: charged to a1, the last to speak
// B (customer 1), opened by a2, 1 customer message left unanswered (its first wait: a2).
// C (customer 2), of another period: a0 answers in 5 s. Counts nowhere.
// D (customer 3), opened by the customer, 2 customer messages, served by temp alone in 50 s.
Sessions FourSessions() {
  Sessions s;
  AddSession(&s, 0, 0, true, true, 3,
             {{kT0 + 20, kA0}, {kT0 + 30, kA0}, {kT0 + 40, kShop0}, {kT0 + 260, kA1}},
             {{kT0, kT0 + 20, 20, kA0, true, true, true},
              {kT0 + 60, kT0 + 260, 200, kA1, true, false, false},
              {kT0 + 300, 0, 0, kA1, false, false, false}});
  AddSession(&s, 0, 1, false, true, 1, {{kT0 + 1000, kA2}},
             {{kT0 + 1010, 0, 0, kA2, false, true, false}});
  AddSession(&s, 0, 2, true, false, 1, {{kT0 + 5, kA0}},
             {{kT0, kT0 + 5, 5, kA0, true, true, true}});
  AddSession(&s, 0, 3, true, true, 2, {{kT0 + 50, kShop0}},
             {{kT0, kT0 + 50, 50, kShop0, true, true, true}});
  return s;
}

// Team rows: a0 and a1 in row 0, a2 in row 1. Shop actors land in no team.
RowMap TeamMap() { return RowMap{Grouping::kTeam, {0, 0, 1}, {-1}}; }
// Agent rows: one per agent.
RowMap AgentMap() { return RowMap{Grouping::kAgent, {0, 1, 2}, {-1}}; }

TEST(TalliesViewOf, ASessionsViewHoldsItsOwnLinesAndWaits) {
  const Sessions s = FourSessions();
  const SessionView b = ViewOf(s, s.sessions[1]);
  EXPECT_EQ(&b.session, &s.sessions[1]);
  ASSERT_EQ(b.lines.size(), 1u);
  EXPECT_EQ(b.lines[0].actor, kA2);
  ASSERT_EQ(b.waits.size(), 1u);
  EXPECT_EQ(b.waits[0].opened, kT0 + 1010);
  const SessionView a = ViewOf(s, s.sessions[0]);
  EXPECT_EQ(a.lines.size(), 4u);
  EXPECT_EQ(a.waits.size(), 3u);
}

TEST(TalliesChat, ASessionServedByTwoAgentsOfARowCountsOnceForIt) {
  const Sessions s = FourSessions();
  const RowMap map = TeamMap();
  ChatTallies t(map, 2);
  for (const Session& session : s.sessions) t.AddSession(ViewOf(s, session));
  Columns team, other;
  t.AppendColumns(0, &team);
  t.AppendColumns(1, &other);
  EXPECT_EQ(Names(team), FamilyColumns(Family::kChat));

  // Row 0 (a0, a1): session A once (C is of another period, D served by temp alone, which
  // is in no team). Its agents' lines: a0, a0, a1 = 3 (temp's is no row's); the customer's 3.
  // Waits: 20 s (a0, first, within), 200 s (a1), one unanswered (a1).
  EXPECT_EQ(Printed(team, "sessions"), "1");
  EXPECT_EQ(Printed(team, "agent_messages"), "3");
  EXPECT_EQ(Printed(team, "customer_messages"), "3");
  EXPECT_EQ(Printed(team, "frt_count"), "1");
  EXPECT_EQ(Printed(team, "frt_avg_s"), "20.000");
  EXPECT_EQ(Printed(team, "frt_median_s"), "20");
  EXPECT_EQ(Printed(team, "frt_p90_s"), "20");
  EXPECT_EQ(Printed(team, "responses"), "2");
  EXPECT_EQ(Printed(team, "art_avg_s"), "110.000");  // (20 + 200) / 2
  EXPECT_EQ(Printed(team, "art_median_s"), "20");    // ⌈2/2⌉ = 1st of {20, 200}
  EXPECT_EQ(Printed(team, "art_p90_s"), "200");      // ⌈1.8⌉ = 2nd
  EXPECT_EQ(Printed(team, "responses_within_s"), "1");
  EXPECT_EQ(Printed(team, "response_within_rate"), "0.500000");  // 1 / 2
  EXPECT_EQ(Printed(team, "unanswered_waits"), "1");
  EXPECT_EQ(Printed(team, "first_waits"), "1");
  EXPECT_EQ(Printed(team, "frt_within_s"), "1");
  EXPECT_EQ(Printed(team, "frt_within_rate"), "1.000000");    // 1 / 1
  EXPECT_EQ(Printed(team, "reply_rate"), "0.666667");         // 2 / (2 + 1)
  EXPECT_EQ(Printed(team, "inquiries"), "1");                 // A: opened by the customer
  EXPECT_EQ(Printed(team, "answer_ratio"), "1.000000");       // 3 / 3
  EXPECT_EQ(Printed(team, "messages_per_session"), "6.000");  // (3 + 3) / 1
  // Samples (metrics.md): responses for the ART columns, responses + unanswered for
  // reply_rate, first_waits for frt_within_rate, customer_messages for answer_ratio.
  EXPECT_EQ(Get(team, "art_avg_s").sample, 2);
  EXPECT_EQ(Get(team, "art_median_s").sample, 2);
  EXPECT_EQ(Get(team, "response_within_rate").sample, 2);
  EXPECT_EQ(Get(team, "reply_rate").sample, 3);
  EXPECT_EQ(Get(team, "frt_within_rate").sample, 1);
  EXPECT_EQ(Get(team, "answer_ratio").sample, 3);

  // Row 1 (a2): session B, which a2 opened: served, not an inquiry; its first wait is
  // unanswered and charged to a2. No responses: their averages and ranks are empty.
  EXPECT_EQ(Printed(other, "sessions"), "1");
  EXPECT_EQ(Printed(other, "agent_messages"), "1");
  EXPECT_EQ(Printed(other, "customer_messages"), "1");
  EXPECT_EQ(Printed(other, "frt_count"), "0");
  EXPECT_EQ(Printed(other, "frt_avg_s"), "");
  EXPECT_EQ(Printed(other, "frt_median_s"), "");
  EXPECT_EQ(Printed(other, "frt_p90_s"), "");
  EXPECT_EQ(Printed(other, "responses"), "0");
  EXPECT_EQ(Printed(other, "art_avg_s"), "");
  EXPECT_EQ(Printed(other, "art_median_s"), "");
  EXPECT_EQ(Printed(other, "art_p90_s"), "");
  EXPECT_EQ(Printed(other, "responses_within_s"), "0");
  EXPECT_EQ(Printed(other, "response_within_rate"), "");
  EXPECT_EQ(Printed(other, "unanswered_waits"), "1");
  EXPECT_EQ(Printed(other, "first_waits"), "1");
  EXPECT_EQ(Printed(other, "frt_within_s"), "0");
  EXPECT_EQ(Printed(other, "frt_within_rate"), "0.000000");  // 0 / 1: counts against it
  EXPECT_EQ(Printed(other, "reply_rate"), "0.000000");       // 0 / (0 + 1)
  EXPECT_EQ(Printed(other, "inquiries"), "0");
  EXPECT_EQ(Printed(other, "answer_ratio"), "1.000000");       // 1 / 1
  EXPECT_EQ(Printed(other, "messages_per_session"), "2.000");  // (1 + 1) / 1
  EXPECT_EQ(t.Inquiries(0), 1);
  EXPECT_EQ(t.Inquiries(1), 0);
}

TEST(TalliesChat, AShopRowCountsEverySessionOfItsShopAndItsUnmappedAccounts) {
  const Sessions s = FourSessions();
  // Shop rows by the session's shop: shop 0 is row 1, shop 1 row 0.
  const RowMap map{Grouping::kShop, {-1, -1, -1}, {1, 0}};
  ChatTallies t(map, 2);
  for (const Session& session : s.sessions) t.AddSession(ViewOf(s, session));
  Columns shop0, shop1;
  t.AppendColumns(1, &shop0);
  t.AppendColumns(0, &shop1);
  // Shop 0: A, B, D (C is of another period). Lines: A's 4 (temp's too), B's 1, D's 1 = 6;
  // customer messages 3 + 1 + 2 = 6; inquiries A, D = 2.
  // Responses {20, 200, 50}: mean 270/3 = 90; median ⌈1.5⌉ = 2nd → 50; p90 ⌈2.7⌉ = 3rd → 200.
  // First waits: A's (20 s), B's (unanswered), D's (50 s) = 3; FRTs {20, 50}: mean 35,
  // median 1st → 20, p90 ⌈1.8⌉ = 2nd → 50; both within: 2 / 3.
  // Unanswered: A's last and B's = 2; reply rate 3 / (3 + 2).
  EXPECT_EQ(Printed(shop0, "sessions"), "3");
  EXPECT_EQ(Printed(shop0, "agent_messages"), "6");
  EXPECT_EQ(Printed(shop0, "customer_messages"), "6");
  EXPECT_EQ(Printed(shop0, "inquiries"), "2");
  EXPECT_EQ(Printed(shop0, "responses"), "3");
  EXPECT_EQ(Printed(shop0, "art_avg_s"), "90.000");
  EXPECT_EQ(Printed(shop0, "art_median_s"), "50");
  EXPECT_EQ(Printed(shop0, "art_p90_s"), "200");
  EXPECT_EQ(Printed(shop0, "first_waits"), "3");
  EXPECT_EQ(Printed(shop0, "frt_count"), "2");
  EXPECT_EQ(Printed(shop0, "frt_avg_s"), "35.000");
  EXPECT_EQ(Printed(shop0, "frt_median_s"), "20");
  EXPECT_EQ(Printed(shop0, "frt_p90_s"), "50");
  EXPECT_EQ(Printed(shop0, "frt_within_rate"), "0.666667");
  EXPECT_EQ(Printed(shop0, "responses_within_s"), "2");  // 20 and 50; 200 is not
  EXPECT_EQ(Printed(shop0, "unanswered_waits"), "2");
  EXPECT_EQ(Printed(shop0, "reply_rate"), "0.600000");
  EXPECT_EQ(Printed(shop0, "answer_ratio"), "1.000000");       // 6 / 6
  EXPECT_EQ(Printed(shop0, "messages_per_session"), "4.000");  // (6 + 6) / 3
  // Shop 1 has no sessions: counts 0, the rest empty.
  EXPECT_EQ(Printed(shop1, "sessions"), "0");
  EXPECT_EQ(Printed(shop1, "reply_rate"), "");
  EXPECT_EQ(Printed(shop1, "messages_per_session"), "");
}

TEST(TalliesChat, LinesThenEachWaitAddUpAsTheWholeSession) {
  const Sessions s = FourSessions();
  const RowMap map = AgentMap();
  ChatTallies whole(map, 3), streamed(map, 3);
  for (const Session& session : s.sessions) {
    const SessionView view = ViewOf(s, session);
    whole.AddSession(view);
    streamed.AddLines(view);
    for (const Wait& wait : view.waits) streamed.AddWait(session, wait);
  }
  for (size_t r = 0; r < 3; ++r) {
    Columns a, b;
    whole.AppendColumns(r, &a);
    streamed.AppendColumns(r, &b);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].first, b[i].first);
      EXPECT_EQ(FormatValue(a[i].second, FormatOfColumn(a[i].first)),
                FormatValue(b[i].second, FormatOfColumn(b[i].first)))
          << r << " " << a[i].first;
    }
  }
  // Agent rows: a0 served A (2 lines) and its FRT of 20 s; a1 served A (1 line), 200 s and
  // the unanswered wait; session A counts for each of them, whole.
  Columns a0, a1;
  whole.AppendColumns(0, &a0);
  whole.AppendColumns(1, &a1);
  EXPECT_EQ(Printed(a0, "sessions"), "1");
  EXPECT_EQ(Printed(a0, "agent_messages"), "2");
  EXPECT_EQ(Printed(a0, "customer_messages"), "3");
  EXPECT_EQ(Printed(a0, "art_avg_s"), "20.000");
  EXPECT_EQ(Printed(a0, "reply_rate"), "1.000000");
  EXPECT_EQ(Printed(a1, "sessions"), "1");
  EXPECT_EQ(Printed(a1, "agent_messages"), "1");
  EXPECT_EQ(Printed(a1, "customer_messages"), "3");
  EXPECT_EQ(Printed(a1, "first_waits"), "0");
  EXPECT_EQ(Printed(a1, "art_avg_s"), "200.000");
  EXPECT_EQ(Printed(a1, "reply_rate"), "0.500000");         // 1 / (1 + 1)
  EXPECT_EQ(Printed(a1, "messages_per_session"), "4.000");  // (1 + 3) / 1
}

TEST(TalliesChat, MergeAddsAPartsRowsIntoTheRowsNamed) {
  const Sessions s = FourSessions();
  const RowMap map = TeamMap();
  // Two ranges of customers: A in one, B in the other; merged, the same as fed together.
  ChatTallies together(map, 2), first(map, 2), second(map, 2), total(map, 2);
  for (const Session& session : s.sessions) together.AddSession(ViewOf(s, session));
  first.AddSession(ViewOf(s, s.sessions[0]));
  second.AddSession(ViewOf(s, s.sessions[1]));
  const std::vector<int> same = {0, 1};
  total.Merge(first, same);
  total.Merge(second, same);
  for (size_t r = 0; r < 2; ++r) {
    Columns a, b;
    together.AppendColumns(r, &a);
    total.AppendColumns(r, &b);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
      EXPECT_EQ(a[i].second, b[i].second) << r << " " << a[i].first;
  }
  // A part's row 0 into row 1, its row 1 nowhere (-1).
  ChatTallies moved(map, 2);
  moved.Merge(together, std::vector<int>{1, -1});
  Columns row0, row1;
  moved.AppendColumns(0, &row0);
  moved.AppendColumns(1, &row1);
  EXPECT_EQ(Printed(row0, "sessions"), "0");
  EXPECT_EQ(Printed(row0, "unanswered_waits"), "0");
  EXPECT_EQ(Printed(row1, "sessions"), "1");  // the team's session A
  EXPECT_EQ(Printed(row1, "agent_messages"), "3");
  EXPECT_EQ(Printed(row1, "art_p90_s"), "200");       // its seconds came along
  EXPECT_EQ(Printed(row1, "unanswered_waits"), "1");  // not B's
}

// ---------------------------------------------------------------------------------------
// Conversion

// Inquiries, as SaleTallies reads them: only sessions of the period opened by the customer
// and served by some agent.
// S1 (customer 5) served by a0, a1, a0 again; S2 (customer 5 again) by a0; S3 (customer 6)
// opened by a0: no inquiry; S4 (customer 7) of another period; S5 (customer 8) by a0; S6
// (customer 9) opened by the customer but served by no one: no inquiry.
Sessions Inquiries() {
  Sessions s;
  AddSession(&s, 0, 5, true, true, 1, {{kT0 + 1, kA0}, {kT0 + 2, kA1}, {kT0 + 3, kA0}}, {});
  AddSession(&s, 0, 5, true, true, 1, {{kT0 + 10, kA0}}, {});
  AddSession(&s, 0, 6, false, true, 1, {{kT0 + 20, kA0}}, {});
  AddSession(&s, 0, 7, true, false, 1, {{kT0 + 30, kA0}}, {});
  AddSession(&s, 0, 8, true, true, 1, {{kT0 + 40, kA0}}, {});
  AddSession(&s, 0, 9, true, true, 1, {}, {});
  return s;
}

TEST(TalliesSales, InquirersBuyersOrdersAndAmounts) {
  const Sessions s = Inquiries();
  const RowMap map = AgentMap();
  SaleTallies t(map, 3);
  for (const Session& session : s.sessions) t.AddSession(ViewOf(s, session));
  // Orders: customer 5's 120.00 and 30.50 (refunded) to a0; customer 8's 0.01 to a1; one
  // credited to shop 0's unmapped accounts, in no agent's row.
  t.AddOrder(5, 12000, false, kA0, 0);
  t.AddOrder(5, 3050, true, kA0, 0);
  t.AddOrder(8, 1, false, kA1, 0);
  t.AddOrder(9, 500, false, kShop0, 0);
  Columns a0, a1, a2;
  t.AppendColumns(0, &a0);
  t.AppendColumns(1, &a1);
  t.AppendColumns(2, &a2);
  EXPECT_EQ(Names(a0), FamilyColumns(Family::kConversion));
  // a0: inquirers {5, 8} (5 twice, counted once) = 2; buyers {5} = 1; 1 / 2; orders 2;
  // sales 12000 + 3050 = 15050 cents; net 12000; aov 15050 / 1 buyer.
  EXPECT_EQ(Printed(a0, "inquirers"), "2");
  EXPECT_EQ(Printed(a0, "buyers"), "1");
  EXPECT_EQ(Printed(a0, "inquiry_conversion"), "0.500000");
  EXPECT_EQ(Printed(a0, "orders"), "2");
  EXPECT_EQ(Printed(a0, "sales_amount"), "150.50");
  EXPECT_EQ(Printed(a0, "net_sales_amount"), "120.00");
  EXPECT_EQ(Printed(a0, "aov"), "150.50");
  EXPECT_EQ(Get(a0, "inquiry_conversion").sample, 2);  // inquirers
  EXPECT_EQ(Get(a0, "aov").sample, 1);                 // buyers
  EXPECT_EQ(Get(a0, "sales_amount").sample, 2);        // orders
  // a1: inquirers {5}; buyers {8}, who was never a1's inquirer: 1 / 1; one order of 1 cent.
  EXPECT_EQ(Printed(a1, "inquirers"), "1");
  EXPECT_EQ(Printed(a1, "buyers"), "1");
  EXPECT_EQ(Printed(a1, "inquiry_conversion"), "1.000000");
  EXPECT_EQ(Printed(a1, "orders"), "1");
  EXPECT_EQ(Printed(a1, "sales_amount"), "0.01");
  EXPECT_EQ(Printed(a1, "net_sales_amount"), "0.01");
  EXPECT_EQ(Printed(a1, "aov"), "0.01");
  // a2: nothing. Sums are 0; the conversion and aov over nothing are empty.
  EXPECT_EQ(Printed(a2, "inquirers"), "0");
  EXPECT_EQ(Printed(a2, "buyers"), "0");
  EXPECT_EQ(Printed(a2, "inquiry_conversion"), "");
  EXPECT_EQ(Printed(a2, "orders"), "0");
  EXPECT_EQ(Printed(a2, "sales_amount"), "0.00");
  EXPECT_EQ(Printed(a2, "net_sales_amount"), "0.00");
  EXPECT_EQ(Printed(a2, "aov"), "");
}

TEST(TalliesSales, ATeamCountsACustomerServedByTwoOfItsAgentsOnce) {
  const Sessions s = Inquiries();
  const RowMap map = TeamMap();
  SaleTallies t(map, 2);
  for (const Session& session : s.sessions) t.AddSession(ViewOf(s, session));
  t.AddOrder(5, 100, false, kA0, 0);
  t.AddOrder(5, 200, false, kA1, 0);
  Columns team;
  t.AppendColumns(0, &team);
  // Inquirers {5, 8}; buyers {5} (both orders): 1 / 2; sales 300 cents; aov 300 / 1.
  EXPECT_EQ(Printed(team, "inquirers"), "2");
  EXPECT_EQ(Printed(team, "buyers"), "1");
  EXPECT_EQ(Printed(team, "inquiry_conversion"), "0.500000");
  EXPECT_EQ(Printed(team, "orders"), "2");
  EXPECT_EQ(Printed(team, "aov"), "3.00");
}

TEST(TalliesSales, MergeRenumbersAPartsCustomers) {
  const RowMap map = AgentMap();
  // Two ranges of customers, each numbering its own from 0: the first's 0 is customer 10,
  // the second's 0 is 11 and its 1 is 10.
  Sessions s1, s2;
  AddSession(&s1, 0, 0, true, true, 1, {{kT0, kA0}}, {});
  AddSession(&s2, 0, 0, true, true, 1, {{kT0, kA0}}, {});
  SaleTallies first(map, 3), second(map, 3), total(map, 3);
  first.AddSession(ViewOf(s1, s1.sessions[0]));
  first.AddOrder(0, 1000, false, kA0, 0);
  second.AddSession(ViewOf(s2, s2.sessions[0]));
  second.AddOrder(1, 2000, true, kA0, 0);
  const std::vector<int> same = {0, 1, 2};
  total.Merge(first, same, std::vector<Id>{10});
  total.Merge(second, same, std::vector<Id>{11, 10});
  Columns a0;
  total.AppendColumns(0, &a0);
  // Inquirers {10, 11} = 2; buyers {10, 10} = 1; orders 2; sales 3000; net 1000.
  EXPECT_EQ(Printed(a0, "inquirers"), "2");
  EXPECT_EQ(Printed(a0, "buyers"), "1");
  EXPECT_EQ(Printed(a0, "orders"), "2");
  EXPECT_EQ(Printed(a0, "sales_amount"), "30.00");
  EXPECT_EQ(Printed(a0, "net_sales_amount"), "10.00");
  // Without customers the ids stay as they are: 0 and 0 again are one inquirer.
  Sessions s3;
  AddSession(&s3, 0, 0, true, true, 1, {{kT0, kA1}}, {});
  SaleTallies third(map, 3), fourth(map, 3), plain(map, 3);
  third.AddSession(ViewOf(s3, s3.sessions[0]));
  fourth.AddSession(ViewOf(s3, s3.sessions[0]));
  plain.Merge(third, same, {});
  plain.Merge(fourth, same, {});
  Columns a1;
  plain.AppendColumns(1, &a1);
  EXPECT_EQ(Printed(a1, "inquirers"), "1");
}

// ---------------------------------------------------------------------------------------
// Satisfaction

TEST(TalliesRatings, CountsRatesAndTheInviteRate) {
  const RowMap map = AgentMap();
  RatingTallies t(map, 3);
  t.AddRating(5, kA0, 0);
  t.AddRating(4, kA0, 0);
  t.AddRating(2, kA0, 0);
  t.AddRating(3, kA1, 0);
  t.AddRating(1, kShop0, 0);  // the shop's: in no agent's row
  Columns a0, a1, a2;
  t.AppendColumns(0, 4, &a0);
  t.AppendColumns(1, 0, &a1);
  t.AppendColumns(2, 2, &a2);
  EXPECT_EQ(Names(a0), FamilyColumns(Family::kSatisfaction));
  // a0: {5, 4, 2}: satisfied (≥ 4) 2, dissatisfied (≤ 2) 1; rate 2/3; mean 11/3 = 3.666… →
  // 3.667; invited over 4 inquiries: 3/4.
  EXPECT_EQ(Printed(a0, "ratings"), "3");
  EXPECT_EQ(Printed(a0, "satisfied"), "2");
  EXPECT_EQ(Printed(a0, "dissatisfied"), "1");
  EXPECT_EQ(Printed(a0, "satisfaction_rate"), "0.666667");
  EXPECT_EQ(Printed(a0, "rating_avg"), "3.667");
  EXPECT_EQ(Printed(a0, "rating_invite_rate"), "0.750000");
  EXPECT_EQ(Get(a0, "rating_avg").sample, 3);          // ratings
  EXPECT_EQ(Get(a0, "rating_invite_rate").sample, 4);  // inquiries
  // a1: {3}: neither satisfied nor dissatisfied; rate 0/1; mean 3; no inquiries: empty.
  EXPECT_EQ(Printed(a1, "ratings"), "1");
  EXPECT_EQ(Printed(a1, "satisfied"), "0");
  EXPECT_EQ(Printed(a1, "dissatisfied"), "0");
  EXPECT_EQ(Printed(a1, "satisfaction_rate"), "0.000000");
  EXPECT_EQ(Printed(a1, "rating_avg"), "3.000");
  EXPECT_EQ(Printed(a1, "rating_invite_rate"), "");
  // a2: no ratings over 2 inquiries: 0/2; the rate and mean over no ratings are empty.
  EXPECT_EQ(Printed(a2, "ratings"), "0");
  EXPECT_EQ(Printed(a2, "satisfaction_rate"), "");
  EXPECT_EQ(Printed(a2, "rating_avg"), "");
  EXPECT_EQ(Printed(a2, "rating_invite_rate"), "0.000000");

  // In shop rows the shop's rating counts, by its shop.
  const RowMap shops{Grouping::kShop, {-1, -1, -1}, {0}};
  RatingTallies by_shop(shops, 1);
  by_shop.AddRating(5, kA0, 0);
  by_shop.AddRating(1, kShop0, 0);
  by_shop.AddRating(5, kA0, kNone);  // a rating of no shop: no shop's
  Columns shop0;
  by_shop.AppendColumns(0, 2, &shop0);
  // {5, 1}: 1 satisfied, 1 dissatisfied, mean 3, 2 / 2 inquiries.
  EXPECT_EQ(Printed(shop0, "ratings"), "2");
  EXPECT_EQ(Printed(shop0, "satisfied"), "1");
  EXPECT_EQ(Printed(shop0, "dissatisfied"), "1");
  EXPECT_EQ(Printed(shop0, "rating_avg"), "3.000");
  EXPECT_EQ(Printed(shop0, "rating_invite_rate"), "1.000000");
}

}  // namespace
}  // namespace csperf::metrics
