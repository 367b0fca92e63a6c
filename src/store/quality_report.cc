#include "store/quality_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/civil_time.h"
#include "core/text.h"
#include "core/time_parse.h"
#include "domain/qa_form.h"

namespace csperf {
namespace {

constexpr size_t kExamples = 5;

// A finding's rows from one column of one kind: how many, and the first few in input order.
struct Sequence {
  struct Example {
    int64_t ord, file, line;
    std::string text;
  };
  int64_t count = 0;
  std::vector<Example> examples;

  void Add(int64_t ord, int64_t file, int64_t line, std::string text) {
    ++count;
    if (examples.size() < kExamples) examples.push_back({ord, file, line, std::move(text)});
  }
  // Rows of a later range of input order.
  void Append(Sequence&& later) {
    count += later.count;
    for (Example& e : later.examples) {
      if (examples.size() < kExamples) examples.push_back(std::move(e));
    }
  }
};

// Where an account first acts in the records, and how often it does.
struct AccountSeen {
  int64_t count = 0;
  int64_t first_ord = INT64_MAX;
  int64_t file = 0, line = 0;
  std::string shop;

  void Take(const AccountSeen& other) {
    count += other.count;
    if (other.first_ord < first_ord) {
      first_ord = other.first_ord;
      file = other.file;
      line = other.line;
      shop = other.shop;
    }
  }
};
using Accounts = std::unordered_map<std::string, AccountSeen>;

// A kind's record count and the earliest and latest of its time (or date) column.
struct Span {
  int64_t records = 0;
  bool any = false;
  int64_t first = 0, last = 0;      // instants
  std::string first_day, last_day;  // dates

  void Instant(int64_t t) {
    first = any ? std::min(first, t) : t;
    last = any ? std::max(last, t) : t;
    any = true;
  }
  void Day(std::string_view d) {
    if (!any || d < first_day) first_day = std::string(d);
    if (!any || d > last_day) last_day = std::string(d);
    any = true;
  }
  // Another range of the same kind's instants.
  void Take(const Span& other) {
    records += other.records;
    if (!other.any) return;
    first = any ? std::min(first, other.first) : other.first;
    last = any ? std::max(last, other.last) : other.last;
    any = true;
  }
};

// A scan's columns by name, with the bookkeeping columns every check reads last.
class Columns {
 public:
  explicit Columns(std::vector<std::string_view> names) : names_(std::move(names)) {
    names_.insert(names_.end(), {kOrdColumn, kFileColumn, kLineColumn, kCopiesColumn});
  }
  int operator[](std::string_view name) const {
    return static_cast<int>(std::find(names_.begin(), names_.end(), name) - names_.begin());
  }
  const std::vector<std::string_view>& names() const { return names_; }

 private:
  std::vector<std::string_view> names_;
};

struct Row {
  const RowCursor& cursor;
  const Columns& columns;
  bool Null(std::string_view c) const { return cursor.IsNull(columns[c]); }
  int64_t Int(std::string_view c) const { return cursor.Int(columns[c]); }
  std::string_view Text(std::string_view c) const { return cursor.Text(columns[c]); }
  int64_t ord() const { return Int(kOrdColumn); }
  int64_t file() const { return Int(kFileColumn); }
  int64_t line() const { return Int(kLineColumn); }
  int64_t copies() const { return Int(kCopiesColumn); }
};

// Calls f(row) for every record of `kind` in input order.
template <class F>
void ForEachRow(Store& store, Kind kind, const Columns& columns, F f) {
  auto cursor = store.Scan({kind, columns.names()});
  while (cursor->Next()) f(Row{*cursor, columns});
}

std::string Key(std::string_view shop, std::string_view customer) {
  std::string key(shop);
  key += '\x1F';
  key += customer;
  return key;
}

// What one range of the messages tells.
struct MessageFacts {
  Span span;
  Sequence future;
  Accounts accounts;
  std::set<std::string> shops;
  std::vector<char> buyer_seen;  // per customer who ordered: met in the messages
};

// The messages of [first, last] in input order.
MessageFacts ReadMessages(Store& store, int64_t first, int64_t last, Instant now,
                          const std::unordered_map<std::string, size_t>& buyers) {
  MessageFacts facts;
  facts.buyer_seen.assign(buyers.size(), 0);
  const Columns columns({"shop", "customer_id", "sender", "sent_at", "account"});
  auto cursor = store.Scan({Kind::kMessages, columns.names(), first, last});
  std::string customer, shop;  // of the row before: a chat's rows come together
  std::string account;
  AccountSeen* seen = nullptr;
  while (cursor->Next()) {
    const Row row{*cursor, columns};
    const int64_t at = row.Int("sent_at");
    facts.span.records += row.copies();
    facts.span.Instant(at);
    if (at > now) {
      facts.future.Add(row.ord(), row.file(), row.line(), fmt::format("messages.sent_at {}", at));
    }
    const std::string_view shop_now = row.Text("shop");
    const std::string_view customer_now = row.Text("customer_id");
    if (shop_now != shop || customer_now != customer) {
      if (shop_now != shop) {
        shop.assign(shop_now);
        facts.shops.insert(shop);
      }
      customer.assign(customer_now);
      auto buyer = buyers.find(Key(shop, customer));
      if (buyer != buyers.end()) facts.buyer_seen[buyer->second] = 1;
    }
    const std::string_view sender = row.Text("sender");
    if (row.Null("account") || (sender != "agent" && sender != "customer")) continue;
    if (seen == nullptr || row.Text("account") != account) {
      account.assign(row.Text("account"));
      seen = &facts.accounts[account];
    }
    ++seen->count;
    if (row.ord() < seen->first_ord) {
      seen->first_ord = row.ord();
      seen->file = row.file();
      seen->line = row.line();
      seen->shop = shop;
    }
  }
  return facts;
}

// The messages on every core, a range of input order each, joined in order.
MessageFacts ReadAllMessages(Store& store, Executor& executor, Instant now,
                             const std::unordered_map<std::string, size_t>& buyers) {
  const int64_t end = store.OrdEnd(Kind::kMessages);
  constexpr int64_t kMinPerRange = 1 << 18;
  const int64_t ranges = store.ConcurrentScans()
                             ? std::clamp<int64_t>(end / kMinPerRange, 1,
                                                   static_cast<int64_t>(executor.concurrency()) * 4)
                             : 1;
  std::vector<MessageFacts> parts(static_cast<size_t>(ranges));
  executor.ParallelFor(parts.size(), [&](size_t k) {
    const int64_t first = end * static_cast<int64_t>(k) / ranges;
    const int64_t last = end * static_cast<int64_t>(k + 1) / ranges - 1;
    parts[k] = ReadMessages(store, first, k + 1 == parts.size() ? INT64_MAX : last, now, buyers);
  });
  MessageFacts all = std::move(parts[0]);
  for (size_t k = 1; k < parts.size(); ++k) {
    all.span.Take(parts[k].span);
    all.future.Append(std::move(parts[k].future));
    for (auto& [account, seen] : parts[k].accounts) all.accounts[account].Take(seen);
    all.shops.merge(parts[k].shops);
    for (size_t b = 0; b < all.buyer_seen.size(); ++b) all.buyer_seen[b] |= parts[k].buyer_seen[b];
  }
  return all;
}

void CountAccount(Accounts* accounts, const Row& row, std::string_view shop) {
  if (row.Null("account")) return;
  AccountSeen& seen = (*accounts)[std::string(row.Text("account"))];
  ++seen.count;
  if (row.ord() < seen.first_ord) {
    seen.first_ord = row.ord();
    seen.file = row.file();
    seen.line = row.line();
    seen.shop = std::string(shop);
  }
}

// Every check and span, gathered kind by kind, then assembled in the report's order.
class Checker {
 public:
  Checker(Store& store, Instant now, const TimeZone& zone, Executor& executor)
      : store_(store),
        now_(now),
        today_(FormatDate(zone.ToLocal(now).date)),
        zone_(zone),
        executor_(executor) {}

  StoreCheck Run() {
    ReadAgents();
    ReadOrders();
    MessageFacts messages = ReadAllMessages(store_, executor_, now_, buyers_);
    spans_["messages"] = messages.span;
    future_["messages.sent_at"] = std::move(messages.future);
    for (auto& [account, seen] : messages.accounts) accounts_[account].Take(seen);
    shops_.merge(messages.shops);
    for (const Buyer& b : buyer_orders_) {
      if (!messages.buyer_seen[b.buyer]) unseen_.Add(b.ord, b.file, b.line, b.text);
    }
    ReadRatings();
    ReadCases();
    ReadFollowups();
    ReadAssessments();
    ReadQaItems();
    ReadPeople();
    return {Summary(), Quality()};
  }

 private:
  struct Buyer {
    size_t buyer;
    int64_t ord, file, line;
    std::string text;
  };

  void Future(const char* where, const Row& row, std::string_view column) {
    if (row.Null(column) || row.Int(column) <= now_) return;
    future_[where].Add(row.ord(), row.file(), row.line(),
                       fmt::format("{} {}", where, row.Int(column)));
  }
  void FutureDay(const char* kind, const Row& row) {
    if (row.Text("date") <= today_) return;
    future_[fmt::format("{}.date", kind)].Add(row.ord(), row.file(), row.line(),
                                              fmt::format("{}.date {}", kind, row.Text("date")));
  }
  void Agent(const char* where, const Row& row, std::string_view column) {
    if (row.Null(column) || agent_ids_.count(std::string(row.Text(column)))) return;
    unknown_agent_[where].Add(row.ord(), row.file(), row.line(),
                              fmt::format("{} {}", where, row.Text(column)));
  }

  void ReadAgents() {
    const Columns columns({"agent_id", "accounts", "manager_id"});
    std::vector<std::pair<Sequence::Example, std::string>> managers;
    ForEachRow(store_, Kind::kAgents, columns, [&](const Row& row) {
      spans_["agents"].records += row.copies();
      ++agents_;
      const std::string agent(row.Text("agent_id"));
      agent_ids_.insert(agent);
      if (!row.Null("accounts")) {
        for (std::string_view a : Split(row.Text("accounts"), ';')) {
          if (!a.empty()) owners_[std::string(a)].insert(agent);
        }
      }
      if (!row.Null("manager_id")) {
        managers.push_back(
            {{row.ord(), row.file(), row.line(), {}}, std::string(row.Text("manager_id"))});
      }
    });
    // Every agent is known before a manager id is looked up.
    for (auto& [where, manager] : managers) {
      if (agent_ids_.count(manager)) continue;
      unknown_agent_["agents.manager_id"].Add(where.ord, where.file, where.line,
                                              "agents.manager_id " + manager);
    }
  }

  void ReadOrders() {
    const Columns columns({"order_id", "shop", "customer_id", "created_at", "paid_at", "account"});
    ForEachRow(store_, Kind::kOrders, columns, [&](const Row& row) {
      Span& span = spans_["orders"];
      span.records += row.copies();
      span.Instant(row.Int("created_at"));
      Future("orders.created_at", row, "created_at");
      Future("orders.paid_at", row, "paid_at");
      const std::string_view shop = row.Text("shop");
      shops_.insert(std::string(shop));
      CountAccount(&accounts_, row, shop);
      const auto [buyer, added] =
          buyers_.emplace(Key(shop, row.Text("customer_id")), buyers_.size());
      buyer_orders_.push_back({buyer->second, row.ord(), row.file(), row.line(),
                               fmt::format("order {} (shop {}, customer {})", row.Text("order_id"),
                                           shop, row.Text("customer_id"))});
    });
  }

  void ReadRatings() {
    const Columns columns({"rated_at", "account", "shop"});
    ForEachRow(store_, Kind::kRatings, columns, [&](const Row& row) {
      Span& span = spans_["ratings"];
      span.records += row.copies();
      span.Instant(row.Int("rated_at"));
      Future("ratings.rated_at", row, "rated_at");
      CountAccount(&accounts_, row, row.Text("shop"));
    });
  }

  void ReadCases() {
    struct CaseRow {
      int64_t ord, file, line;
      std::string id;
    };
    std::vector<CaseRow> cases;
    std::unordered_set<std::string> case_ids;
    const Columns columns({"case_id", "opened_at", "closed_at", "account", "shop"});
    ForEachRow(store_, Kind::kCases, columns, [&](const Row& row) {
      Span& span = spans_["cases"];
      span.records += row.copies();
      span.Instant(row.Int("opened_at"));
      Future("cases.opened_at", row, "opened_at");
      Future("cases.closed_at", row, "closed_at");
      CountAccount(&accounts_, row, row.Text("shop"));
      cases.push_back({row.ord(), row.file(), row.line(), std::string(row.Text("case_id"))});
      case_ids.insert(cases.back().id);
    });
    std::unordered_set<std::string> with_events;
    const Columns events({"case_id", "step", "at"});
    ForEachRow(store_, Kind::kCaseEvents, events, [&](const Row& row) {
      Span& span = spans_["case_events"];
      span.records += row.copies();
      span.Instant(row.Int("at"));
      Future("case_events.at", row, "at");
      const std::string id(row.Text("case_id"));
      with_events.insert(id);
      if (!case_ids.count(id)) {
        unknown_case_.Add(row.ord(), row.file(), row.line(),
                          fmt::format("case {} step {}", id, row.Text("step")));
      }
    });
    for (const CaseRow& c : cases) {
      if (!with_events.count(c.id)) no_events_.Add(c.ord, c.file, c.line, "case " + c.id);
    }
  }

  void ReadFollowups() {
    const Columns columns({"agent_id", "due_at", "done_at"});
    ForEachRow(store_, Kind::kFollowups, columns, [&](const Row& row) {
      Span& span = spans_["followups"];
      span.records += row.copies();
      span.Instant(row.Int("due_at"));
      Future("followups.done_at", row, "done_at");
      Agent("followups.agent_id", row, "agent_id");
    });
  }

  void ReadAssessments() {
    static const std::set<std::string_view> kStandard = {
        "product_knowledge", "communication", "teamwork", "error_handling", "innovation_learning"};
    const Columns columns({"agent_id", "date", "dimension"});
    ForEachRow(store_, Kind::kAssessments, columns, [&](const Row& row) {
      Span& span = spans_["assessments"];
      span.records += row.copies();
      span.Day(row.Text("date"));
      FutureDay("assessments", row);
      Agent("assessments.agent_id", row, "agent_id");
      if (!kStandard.count(row.Text("dimension"))) {
        custom_.Add(row.ord(), row.file(), row.line(),
                    fmt::format("dimension {}", row.Text("dimension")));
      }
    });
  }

  void ReadQaItems() {
    std::set<std::string> known_forms;
    std::map<std::string, std::set<std::string>> items_of_form;
    for (const StoredQaForm& stored : store_.QaForms()) {
      known_forms.insert(stored.form_id);
      auto form = ParseQaForm(stored.source, stored.file);
      if (!form.ok()) continue;
      auto& items = items_of_form[form->id];
      for (const auto& s : form->sections) {
        for (const auto& i : s.items) items.insert(i.id);
      }
    }
    const Columns columns({"review_id", "agent_id", "date", "form", "item"});
    ForEachRow(store_, Kind::kQaItems, columns, [&](const Row& row) {
      Span& span = spans_["qa_items"];
      span.records += row.copies();
      span.Day(row.Text("date"));
      FutureDay("qa_items", row);
      Agent("qa_items.agent_id", row, "agent_id");
      const std::string form(row.Text("form"));
      if (!known_forms.count(form)) {
        unknown_form_.Add(row.ord(), row.file(), row.line(),
                          fmt::format("review {} form {}", row.Text("review_id"), form));
      }
      auto it = items_of_form.find(form);
      if (it == items_of_form.end() || it->second.count(std::string(row.Text("item")))) return;
      unknown_item_.Add(row.ord(), row.file(), row.line(),
                        fmt::format("review {} item {} (form {})", row.Text("review_id"),
                                    row.Text("item"), form));
    });
  }

  void ReadPeople() {
    ForEachRow(store_, Kind::kIncidents, Columns({"agent_id", "occurred_at"}), [&](const Row& row) {
      Span& span = spans_["incidents"];
      span.records += row.copies();
      span.Instant(row.Int("occurred_at"));
      Future("incidents.occurred_at", row, "occurred_at");
      Agent("incidents.agent_id", row, "agent_id");
    });
    ForEachRow(store_, Kind::kAttendance, Columns({"agent_id", "date", "clock_in", "clock_out"}),
               [&](const Row& row) {
                 Span& span = spans_["attendance"];
                 span.records += row.copies();
                 span.Day(row.Text("date"));
                 Future("attendance.clock_in", row, "clock_in");
                 Future("attendance.clock_out", row, "clock_out");
                 Agent("attendance.agent_id", row, "agent_id");
               });
    ForEachRow(store_, Kind::kWorkRecords, Columns({"manager_id", "agent_id", "date"}),
               [&](const Row& row) {
                 Span& span = spans_["work_records"];
                 span.records += row.copies();
                 span.Day(row.Text("date"));
                 FutureDay("work_records", row);
                 Agent("work_records.agent_id", row, "agent_id");
                 Agent("work_records.manager_id", row, "manager_id");
               });
  }

  // The examples of these sequences, one after another, as "file:line text".
  QualityFinding Finding(std::string code, std::string zh, std::string en,
                         std::initializer_list<const Sequence*> sequences) {
    QualityFinding f{std::move(code), std::move(zh), std::move(en), 0, {}};
    for (const Sequence* s : sequences) {
      if (s == nullptr) continue;
      f.count += s->count;
      for (const Sequence::Example& e : s->examples) {
        if (f.examples.size() < kExamples)
          f.examples.push_back(fmt::format("{}:{} {}", FilePath(e.file), e.line, e.text));
      }
    }
    return f;
  }
  const Sequence* Of(const std::map<std::string, Sequence>& sequences, const std::string& key) {
    auto it = sequences.find(key);
    return it == sequences.end() ? nullptr : &it->second;
  }
  const std::string& FilePath(int64_t file) {
    auto it = paths_.find(file);
    if (it == paths_.end()) it = paths_.emplace(file, store_.FilePath(file)).first;
    return it->second;
  }

  QualityReport Quality() {
    QualityReport report;
    auto add = [&](QualityFinding f) {
      if (f.count > 0) report.findings.push_back(std::move(f));
    };
    {
      QualityFinding f{"account_of_two_agents",
                       "一个账号属于多个客服",
                       "accounts listed by more than one agent",
                       0,
                       {}};
      for (const auto& [account, agents] : owners_) {
        if (agents.size() < 2) continue;
        ++f.count;
        if (f.examples.size() < kExamples) {
          std::string list;
          for (const std::string& a : agents) list += (list.empty() ? "" : ", ") + a;
          f.examples.push_back(fmt::format("account {}: agents {}", account, list));
        }
      }
      add(std::move(f));
    }
    {
      QualityFinding f{"unmapped_account",
                       "未对应客服的账号（计入店铺）",
                       "accounts mapped to no agent (credited to the shop)",
                       0,
                       {}};
      const std::map<std::string, AccountSeen> sorted(accounts_.begin(), accounts_.end());
      for (const auto& [account, seen] : sorted) {
        if (owners_.count(account)) continue;
        ++f.count;
        if (f.examples.size() < kExamples) {
          f.examples.push_back(fmt::format("{}:{} account {} (shop {}, {} records)",
                                           FilePath(seen.file), seen.line, account, seen.shop,
                                           seen.count));
        }
      }
      add(std::move(f));
    }
    add(Finding("future_time", "晚于当前时间的记录", "records dated in the future",
                {Of(future_, "messages.sent_at"), Of(future_, "orders.created_at"),
                 Of(future_, "orders.paid_at"), Of(future_, "ratings.rated_at"),
                 Of(future_, "cases.opened_at"), Of(future_, "cases.closed_at"),
                 Of(future_, "case_events.at"), Of(future_, "followups.done_at"),
                 Of(future_, "incidents.occurred_at"), Of(future_, "attendance.clock_in"),
                 Of(future_, "attendance.clock_out"), Of(future_, "assessments.date"),
                 Of(future_, "qa_items.date"), Of(future_, "work_records.date")}));
    add(Finding("order_of_unseen_customer", "下单客户从未咨询（静默下单）",
                "orders from customers never seen in the chats", {&unseen_}));
    add(Finding("case_without_events", "售后单没有处理记录", "after-sales cases without events",
                {&no_events_}));
    add(Finding("event_of_unknown_case", "处理记录对应的售后单不存在",
                "case events of unknown cases", {&unknown_case_}));
    add(Finding(
        "unknown_agent", "记录中的客服不在人员名单", "records naming unknown agents",
        {Of(unknown_agent_, "assessments.agent_id"), Of(unknown_agent_, "qa_items.agent_id"),
         Of(unknown_agent_, "followups.agent_id"), Of(unknown_agent_, "incidents.agent_id"),
         Of(unknown_agent_, "attendance.agent_id"), Of(unknown_agent_, "work_records.agent_id"),
         Of(unknown_agent_, "work_records.manager_id"), Of(unknown_agent_, "agents.manager_id")}));
    add(Finding("unknown_qa_form", "质检记录使用了未导入的评分表", "QA items naming unknown forms",
                {&unknown_form_}));
    add(Finding("unknown_qa_item", "质检记录的评分项不在评分表中", "QA items not on their form",
                {&unknown_item_}));
    add(Finding("custom_dimension", "自定义考核维度（单独成列）",
                "assessment dimensions outside the five standard ones (own column)", {&custom_}));
    return report;
  }

  DataSummary Summary() {
    DataSummary summary;
    for (const KindSpec& spec : AllKinds()) {
      const Span& span = spans_[std::string(spec.name)];
      KindSummary k{std::string(spec.name), span.records, "", ""};
      if (span.any) {
        const bool by_day = !span.first_day.empty() || !span.last_day.empty();
        k.first = by_day ? span.first_day : FormatInstant(span.first, zone_);
        k.last = by_day ? span.last_day : FormatInstant(span.last, zone_);
      }
      summary.kinds.push_back(std::move(k));
    }
    summary.agents = agents_;
    summary.shops = static_cast<int64_t>(shops_.size());
    summary.imports = store_.ImportCount();
    for (const StoredQaForm& form : store_.QaForms()) summary.qa_forms.push_back(form.form_id);
    return summary;
  }

  Store& store_;
  const Instant now_;
  const std::string today_;
  const TimeZone& zone_;
  Executor& executor_;
  int64_t agents_ = 0;
  std::unordered_set<std::string> agent_ids_;
  std::map<std::string, std::set<std::string>> owners_;  // account → agents listing it
  Accounts accounts_;
  std::set<std::string> shops_;
  std::map<std::string, Span> spans_;
  std::map<std::string, Sequence> future_, unknown_agent_;
  Sequence unseen_, no_events_, unknown_case_, unknown_form_, unknown_item_, custom_;
  std::unordered_map<std::string, size_t> buyers_;  // "shop\x1Fcustomer" of the orders
  std::vector<Buyer> buyer_orders_;
  std::map<int64_t, std::string> paths_;
};

}  // namespace

const QualityFinding* QualityReport::Find(const std::string& code) const {
  for (const QualityFinding& f : findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

StoreCheck CheckStore(Store& store, Instant now, const TimeZone& zone, Executor& executor) {
  return Checker(store, now, zone, executor).Run();
}

}  // namespace csperf
