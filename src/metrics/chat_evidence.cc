// The evidence of the chat, conversion and satisfaction columns: sessions, waits, orders
// and ratings, each with what it adds to the number.
#include <fmt/format.h>

#include <set>

#include "core/money.h"
#include "metrics/attribution.h"
#include "metrics/evidence.h"

namespace csperf::metrics {
namespace {

class ChatExplainer {
 public:
  ChatExplainer(const Context& c, Id agent) : c_(c), agent_(agent), s_(BuildSessions(c)) {}

  void Explain(const std::string& m, Evidence* e) {
    if (m == "sessions" || m == "inquiries") {
      ForServed([&](const Session& x, int64_t) {
        if (m == "sessions" || x.customer_opened) Add(e, SessionRow(x, 1, 0));
      });
    } else if (m == "agent_messages" || m == "customer_messages" || m == "answer_ratio" ||
               m == "messages_per_session") {
      ForServed([&](const Session& x, int64_t sent) {
        if (m == "messages_per_session") Add(e, SessionRow(x, sent + x.customer_messages, 1));
        if (m == "agent_messages") Add(e, SessionRow(x, sent, 0));
        if (m == "customer_messages") Add(e, SessionRow(x, x.customer_messages, 0));
        if (m == "answer_ratio") Add(e, SessionRow(x, sent, x.customer_messages));
      });
    } else if (m == "frt_count" || m == "frt_avg_s" || m == "frt_median_s" || m == "frt_p90_s" ||
               m == "responses" || m == "art_avg_s" || m == "art_median_s" || m == "art_p90_s" ||
               m == "responses_within_s" || m == "response_within_rate") {
      const bool first_only = m.starts_with("frt");
      ForWaits([&](const Session& x, const Wait& w) {
        if (!w.answered || (first_only && !w.first)) return;
        if (m == "responses_within_s" && !w.within) return;
        Wide num = m == "frt_count" || m == "responses" || m == "responses_within_s" ? 1
                   : m == "response_within_rate" ? (w.within ? 1 : 0)
                                                 : w.seconds;
        Add(e, WaitRow(x, w, num, 1));
      });
    } else if (m == "unanswered_waits") {
      ForWaits([&](const Session& x, const Wait& w) {
        if (!w.answered) Add(e, WaitRow(x, w, 1, 0));
      });
    } else if (m == "first_waits" || m == "frt_within_s" || m == "frt_within_rate") {
      ForWaits([&](const Session& x, const Wait& w) {
        if (!w.first) return;
        if (m == "frt_within_s" && !w.within) return;
        Add(e, WaitRow(x, w, m == "frt_within_rate" ? (w.within ? 1 : 0) : 1, 1));
      });
    } else if (m == "reply_rate") {
      ForWaits(
          [&](const Session& x, const Wait& w) { Add(e, WaitRow(x, w, w.answered ? 1 : 0, 1)); });
    } else if (m == "inquirers" || m == "buyers" || m == "inquiry_conversion") {
      ExplainCustomers(m, e);
    } else if (m == "orders" || m == "sales_amount" || m == "net_sales_amount" || m == "aov") {
      ExplainOrders(m, e);
    } else if (m == "ratings" || m == "satisfied" || m == "dissatisfied" ||
               m == "satisfaction_rate" || m == "rating_avg" || m == "rating_invite_rate") {
      ExplainRatings(m, e);
    }
  }

 private:
  template <class Fn>
  void ForServed(Fn fn) {
    for (const Session& x : s_.sessions) {
      if (!x.in_period) continue;
      int64_t sent = 0;
      for (uint32_t l = x.lines_begin; l < x.lines_end; ++l) sent += s_.lines[l].actor == agent_;
      if (sent > 0) fn(x, sent);
    }
  }
  template <class Fn>
  void ForWaits(Fn fn) {
    for (const Session& x : s_.sessions) {
      if (!x.in_period) continue;
      for (uint32_t w = x.waits_begin; w < x.waits_end; ++w) {
        if (s_.waits[w].actor == agent_) fn(x, s_.waits[w]);
      }
    }
  }

  std::string Who(const Session& x) const {
    std::string what =
        fmt::format("{} / {}", c_.data.shops.Get(x.shop), c_.data.CustomerIdOf(x.customer));
    if (x.conversation != kNone) (what += " / ") += c_.data.conversations.Get(x.conversation);
    return what;
  }
  EvidenceRow SessionRow(const Session& x, Wide num, Wide den) const {
    return {"session",
            FormatInstant(x.first_at, c_.zone),
            Who(x) + (x.customer_opened ? " (customer opened)" : " (agent opened)"),
            num,
            den,
            "",
            0};
  }
  EvidenceRow WaitRow(const Session& x, const Wait& w, Wide num, Wide den) const {
    std::string what = Who(x) + (w.answered ? fmt::format(" answered after {} s", w.seconds)
                                            : std::string(" unanswered"));
    if (w.first) what += " (first wait)";
    return {"wait", FormatInstant(w.opened, c_.zone), what, num, den, "", 0};
  }
  static void Add(Evidence* e, EvidenceRow row) { e->rows.push_back(std::move(row)); }

  void ExplainCustomers(const std::string& m, Evidence* e) {
    std::set<Id> inquirers, buyers;
    ForServed([&](const Session& x, int64_t) {
      if (x.customer_opened) inquirers.insert(x.customer);
    });
    for (const OrderCredit& credit : CreditOrders(c_, s_)) {
      if (s_.sessions[credit.session].in_period && credit.actor == agent_) {
        buyers.insert(c_.data.orders[credit.order].customer);
      }
    }
    const std::set<Id>& listed = m == "buyers" ? buyers : inquirers;
    for (Id customer : listed) {
      const bool bought = buyers.count(customer) > 0;
      e->rows.push_back({"customer", "", std::string(c_.data.CustomerIdOf(customer)),
                         m == "inquiry_conversion" ? Wide(bought ? 1 : 0) : Wide(1),
                         m == "inquiry_conversion" ? 1 : 0, "", 0});
    }
  }

  void ExplainOrders(const std::string& m, Evidence* e) {
    std::set<Id> buyers;
    for (const OrderCredit& credit : CreditOrders(c_, s_)) {
      const Session& x = s_.sessions[credit.session];
      if (!x.in_period || credit.actor != agent_) continue;
      const Order& o = c_.data.orders[credit.order];
      Wide num = m == "orders"             ? 1
                 : m == "net_sales_amount" ? (o.refunded ? 0 : o.amount)
                                           : o.amount;
      Wide den = m == "aov" && buyers.insert(o.customer).second ? 1 : 0;
      e->rows.push_back(
          {"order", FormatInstant(o.created_at, c_.zone),
           fmt::format("{} {} ¥{}{} via the session of {}", c_.data.shops.Get(o.shop), o.order_id,
                       FormatCents(o.amount), o.refunded ? " refunded" : "",
                       FormatInstant(x.first_at, c_.zone)),
           num, den, "", 0});
    }
  }

  void ExplainRatings(const std::string& m, Evidence* e) {
    for (const RatingCredit& credit : CreditRatings(c_, s_)) {
      if (credit.actor != agent_) continue;
      const Rating& r = c_.data.ratings[credit.rating];
      Wide num = m == "satisfied" || m == "satisfaction_rate" ? (r.score >= 4 ? 1 : 0)
                 : m == "dissatisfied"                        ? (r.score <= 2 ? 1 : 0)
                 : m == "rating_avg"                          ? r.score
                                                              : 1;
      Wide den = m == "satisfaction_rate" || m == "rating_avg" ? 1 : 0;
      e->rows.push_back(
          {"rating", FormatInstant(r.rated_at, c_.zone),
           fmt::format("score {}{}", r.score,
                       credit.session >= 0 ? " (by conversation id)" : " (by account)"),
           num, den, "", 0});
    }
    // Void ratings on the agent's accounts are kept and shown, and add nothing.
    for (const Rating& r : c_.data.ratings) {
      if (!r.is_void || r.rated_at < c_.begin || r.rated_at >= c_.end || r.account == kNone)
        continue;
      if (ActorOfAccount(c_.data, r.account, r.shop) != agent_) continue;
      e->rows.push_back({"rating", FormatInstant(r.rated_at, c_.zone),
                         fmt::format("score {} (void: left out)", r.score), 0, 0, "", 0});
    }
    if (m == "rating_invite_rate") {
      ForServed([&](const Session& x, int64_t) {
        if (x.customer_opened) e->rows.push_back(SessionRow(x, 0, 1));
      });
    }
  }

  const Context& c_;
  Id agent_;
  Sessions s_;
};

}  // namespace

void ChatEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out) {
  ChatExplainer(c, agent).Explain(metric, out);
}

}  // namespace csperf::metrics
