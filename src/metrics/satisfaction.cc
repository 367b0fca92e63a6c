// Satisfaction (metrics.md, "Satisfaction"): which agent each rating is credited to.
#include <map>

#include "metrics/report.h"

namespace csperf::metrics {
namespace {

struct RatingTally {
  int64_t ratings = 0, satisfied = 0, dissatisfied = 0, score_sum = 0;
};

}  // namespace

void AddSatisfactionColumns(const Context& c, const Sessions& s, const RowMap& map,
                            std::vector<ReportRow>* rows) {
  const Dataset& d = c.data;
  std::vector<RatingTally> tally(rows->size());
  // Sessions by conversation id, to find "exactly one session" with a rating's id.
  std::multimap<Id, uint32_t> by_conversation;
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    if (s.sessions[i].conversation != kNone) by_conversation.emplace(s.sessions[i].conversation, i);
  }
  for (const Rating& rating : d.ratings) {
    if (rating.is_void || rating.rated_at < c.begin || rating.rated_at >= c.end) continue;
    Actor actor = kNone;
    Id shop = rating.shop;
    if (rating.account != kNone) {
      // An account no agent owns acts for the rating's shop (none named: no one).
      actor = rating.shop != kNone ? ActorOfAccount(d, rating.account, rating.shop)
                                   : ActorOfAccount(d, rating.account, kNone);
      if (rating.shop == kNone && IsShopActor(actor)) actor = kNone;
    } else if (rating.conversation != kNone) {
      const Session* match = nullptr;
      int matches = 0;
      auto [first, last] = by_conversation.equal_range(rating.conversation);
      for (auto it = first; it != last; ++it) {
        const Session& x = s.sessions[it->second];
        if (rating.shop != kNone && x.shop != rating.shop) continue;
        if (!rating.customer_id.empty() && d.CustomerIdOf(x.customer) != rating.customer_id)
          continue;
        match = &x;
        ++matches;
      }
      if (matches == 1 && match->served()) {
        actor = s.lines[match->lines_end - 1].actor;  // the session's last agent
        if (shop == kNone) shop = match->shop;
      }
    }
    if (actor == kNone && shop != kNone) actor = ShopActor(shop);
    if (actor == kNone) continue;  // names no agent and no shop: credited to no one
    const int row = map.Row(actor, IsShopActor(actor) ? ShopOfActor(actor) : shop);
    if (row < 0) continue;
    RatingTally& t = tally[static_cast<size_t>(row)];
    ++t.ratings;
    t.score_sum += rating.score;
    if (rating.score >= 4) ++t.satisfied;
    if (rating.score <= 2) ++t.dissatisfied;
  }
  for (size_t r = 0; r < rows->size(); ++r) {
    const RatingTally& t = tally[r];
    Columns& out = (*rows)[r].columns;
    int64_t inquiries = 0;
    for (const auto& [name, value] : out) {
      if (name == "inquiries") inquiries = static_cast<int64_t>(value.num);
    }
    out.emplace_back("ratings", MetricValue::Count(t.ratings));
    out.emplace_back("satisfied", MetricValue::Count(t.satisfied));
    out.emplace_back("dissatisfied", MetricValue::Count(t.dissatisfied));
    out.emplace_back("satisfaction_rate", MetricValue::Ratio(t.satisfied, t.ratings));
    out.emplace_back("rating_avg", MetricValue::Ratio(t.score_sum, t.ratings));
    out.emplace_back("rating_invite_rate", MetricValue::Ratio(t.ratings, inquiries));
  }
}

}  // namespace csperf::metrics
