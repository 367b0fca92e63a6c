#include "store/quality_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/civil_time.h"
#include "core/text.h"
#include "core/time_parse.h"
#include "domain/qa_form.h"

namespace csperf {
namespace {

constexpr size_t kExamples = 5;

// Runs `sql`, whose first column is a file path and second a line, the rest a description;
// adds its rows to the finding's count and the first few to its examples.
void CollectInto(SQLite::Database& db, QualityFinding* f, const std::string& sql,
                 const std::vector<int64_t>& binds = {}) {
  SQLite::Statement q(db, sql);
  for (size_t i = 0; i < binds.size(); ++i) {
    q.bind(static_cast<int>(i) + 1, static_cast<int64_t>(binds[i]));
  }
  while (q.executeStep()) {
    ++f->count;
    if (f->examples.size() < kExamples) {
      f->examples.push_back(fmt::format("{}:{} {}", q.getColumn(0).getString(),
                                        q.getColumn(1).getInt64(), q.getColumn(2).getString()));
    }
  }
}

QualityFinding Collect(SQLite::Database& db, std::string code, std::string zh, std::string en,
                       const std::string& sql) {
  QualityFinding f{std::move(code), std::move(zh), std::move(en), 0, {}};
  CollectInto(db, &f, sql);
  return f;
}

// Agent accounts are a ';'-list per agent; the lookup is simpler in code than in SQL.
std::map<std::string, std::set<std::string>> AccountOwners(SQLite::Database& db) {
  std::map<std::string, std::set<std::string>> owners;
  SQLite::Statement q(db, "SELECT agent_id, accounts FROM agents WHERE accounts IS NOT NULL");
  while (q.executeStep()) {
    std::string agent = q.getColumn(0).getString();
    std::string accounts = q.getColumn(1).getString();
    for (std::string_view a : Split(accounts, ';')) {
      if (!a.empty()) owners[std::string(a)].insert(agent);
    }
  }
  return owners;
}

void AddIfAny(QualityReport* report, QualityFinding finding) {
  if (finding.count > 0) report->findings.push_back(std::move(finding));
}

const char* kFileOf = "(SELECT path FROM files WHERE files.id = t.src_file)";

}  // namespace

const QualityFinding* QualityReport::Find(const std::string& code) const {
  for (const QualityFinding& f : findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

QualityReport BuildQualityReport(Store& store, Instant now, const TimeZone& zone) {
  SQLite::Database& db = store.db();
  QualityReport report;

  auto owners = AccountOwners(db);
  {
    QualityFinding f{"account_of_two_agents",
                     "一个账号属于多个客服",
                     "accounts listed by more than one agent",
                     0,
                     {}};
    for (const auto& [account, agents] : owners) {
      if (agents.size() < 2) continue;
      ++f.count;
      if (f.examples.size() < kExamples) {
        std::string list;
        for (const std::string& a : agents) list += (list.empty() ? "" : ", ") + a;
        f.examples.push_back(fmt::format("account {}: agents {}", account, list));
      }
    }
    AddIfAny(&report, std::move(f));
  }
  {
    // Every account that acts in the records, with where it first appears.
    QualityFinding f{"unmapped_account",
                     "未对应客服的账号（计入店铺）",
                     "accounts mapped to no agent (credited to the shop)",
                     0,
                     {}};
    // SQLite takes the bare columns of an aggregate from the row holding min(ord): the
    // account's first appearance in input order.
    SQLite::Statement q(db, R"sql(
      SELECT account, shop, n, (SELECT path FROM files WHERE id = src_file) || ':' || src_line
      FROM (SELECT account, shop, src_file, src_line, count(*) AS n, min(ord) FROM (
        SELECT account, shop, src_file, src_line, ord FROM messages
          WHERE account IS NOT NULL AND sender IN ('agent', 'customer')
        UNION ALL SELECT account, shop, src_file, src_line, ord FROM orders WHERE account IS NOT NULL
        UNION ALL SELECT account, shop, src_file, src_line, ord FROM ratings WHERE account IS NOT NULL
        UNION ALL SELECT account, shop, src_file, src_line, ord FROM cases WHERE account IS NOT NULL)
      GROUP BY account) ORDER BY account)sql");
    while (q.executeStep()) {
      std::string account = q.getColumn(0).getString();
      if (owners.count(account)) continue;
      ++f.count;
      if (f.examples.size() < kExamples) {
        f.examples.push_back(fmt::format("{} account {} (shop {}, {} records)",
                                         q.getColumn(3).getString(), account,
                                         q.getColumn(1).getString(), q.getColumn(2).getInt64()));
      }
    }
    AddIfAny(&report, std::move(f));
  }
  {
    QualityFinding f{"future_time", "晚于当前时间的记录", "records dated in the future", 0, {}};
    struct TimeColumn {
      const char* table;
      const char* column;
    };
    const TimeColumn instants[] = {
        {"messages", "sent_at"},    {"orders", "created_at"},   {"orders", "paid_at"},
        {"ratings", "rated_at"},    {"cases", "opened_at"},     {"cases", "closed_at"},
        {"case_events", "at"},      {"followups", "done_at"},   {"incidents", "occurred_at"},
        {"attendance", "clock_in"}, {"attendance", "clock_out"}};
    for (const TimeColumn& c : instants) {
      CollectInto(
          db, &f,
          fmt::format(
              "SELECT {0}, src_line, '{1}.{2} ' || {2} FROM {1} t WHERE {2} > ? ORDER BY ord",
              kFileOf, c.table, c.column),
          {now});
    }
    std::string today = FormatDate(zone.ToLocal(now).date);
    for (const char* table : {"assessments", "qa_items", "work_records"}) {
      SQLite::Statement q(
          db, fmt::format("SELECT {0}, src_line, date FROM {1} t WHERE date > ? ORDER BY ord",
                          kFileOf, table));
      q.bind(1, today);
      while (q.executeStep()) {
        ++f.count;
        if (f.examples.size() < kExamples) {
          f.examples.push_back(fmt::format("{}:{} {}.date {}", q.getColumn(0).getString(),
                                           q.getColumn(1).getInt64(), table,
                                           q.getColumn(2).getString()));
        }
      }
    }
    AddIfAny(&report, std::move(f));
  }
  AddIfAny(&report, Collect(db, "order_of_unseen_customer", "下单客户从未咨询（静默下单）",
                            "orders from customers never seen in the chats",
                            fmt::format(R"sql(SELECT {}, src_line,
      'order ' || order_id || ' (shop ' || shop || ', customer ' || customer_id || ')'
      FROM orders t WHERE NOT EXISTS (SELECT 1 FROM messages m
        WHERE m.shop = t.shop AND m.customer_id = t.customer_id) ORDER BY ord)sql",
                                        kFileOf)));
  AddIfAny(&report, Collect(db, "case_without_events", "售后单没有处理记录",
                            "after-sales cases without events",
                            fmt::format(R"sql(SELECT {}, src_line, 'case ' || case_id FROM cases t
      WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = t.case_id) ORDER BY ord)sql",
                                        kFileOf)));
  AddIfAny(&report,
           Collect(db, "event_of_unknown_case", "处理记录对应的售后单不存在",
                   "case events of unknown cases",
                   fmt::format(R"sql(SELECT {}, src_line, 'case ' || case_id || ' step ' || step
      FROM case_events t WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = t.case_id)
      ORDER BY ord)sql",
                               kFileOf)));
  {
    QualityFinding f{
        "unknown_agent", "记录中的客服不在人员名单", "records naming unknown agents", 0, {}};
    struct AgentColumn {
      const char* table;
      const char* column;
    };
    const AgentColumn columns[] = {{"assessments", "agent_id"},    {"qa_items", "agent_id"},
                                   {"followups", "agent_id"},      {"incidents", "agent_id"},
                                   {"attendance", "agent_id"},     {"work_records", "agent_id"},
                                   {"work_records", "manager_id"}, {"agents", "manager_id"}};
    for (const AgentColumn& c : columns) {
      CollectInto(db, &f,
                  fmt::format(R"sql(SELECT {0}, src_line, '{1}.{2} ' || {2} FROM {1} t
            WHERE {2} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.agent_id = t.{2})
            ORDER BY ord)sql",
                              kFileOf, c.table, c.column));
    }
    AddIfAny(&report, std::move(f));
  }
  AddIfAny(&report,
           Collect(db, "unknown_qa_form", "质检记录使用了未导入的评分表",
                   "QA items naming unknown forms",
                   fmt::format(R"sql(SELECT {}, src_line, 'review ' || review_id || ' form ' || form
      FROM qa_items t WHERE NOT EXISTS (SELECT 1 FROM qa_forms f WHERE f.form_id = t.form)
      ORDER BY ord)sql",
                               kFileOf)));
  {
    // Items must exist in their form; forms are files, so check in code.
    QualityFinding f{
        "unknown_qa_item", "质检记录的评分项不在评分表中", "QA items not on their form", 0, {}};
    std::map<std::string, std::set<std::string>> items_of_form;
    SQLite::Statement forms(db, "SELECT form_id, source, file FROM qa_forms");
    while (forms.executeStep()) {
      auto form = ParseQaForm(forms.getColumn(1).getString(), forms.getColumn(2).getString());
      if (!form.ok()) continue;
      auto& items = items_of_form[form->id];
      for (const auto& s : form->sections) {
        for (const auto& i : s.items) items.insert(i.id);
      }
    }
    SQLite::Statement q(
        db, fmt::format("SELECT {}, src_line, form, item, review_id FROM qa_items t ORDER BY ord",
                        kFileOf));
    while (q.executeStep()) {
      auto it = items_of_form.find(q.getColumn(2).getString());
      if (it == items_of_form.end() || it->second.count(q.getColumn(3).getString())) continue;
      ++f.count;
      if (f.examples.size() < kExamples) {
        f.examples.push_back(fmt::format("{}:{} review {} item {} (form {})",
                                         q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                                         q.getColumn(4).getString(), q.getColumn(3).getString(),
                                         q.getColumn(2).getString()));
      }
    }
    AddIfAny(&report, std::move(f));
  }
  AddIfAny(&report, Collect(db, "custom_dimension", "自定义考核维度（单独成列）",
                            "assessment dimensions outside the five standard ones (own column)",
                            fmt::format(R"sql(SELECT {}, src_line, 'dimension ' || dimension
      FROM assessments t WHERE dimension NOT IN ('product_knowledge', 'communication', 'teamwork',
        'error_handling', 'innovation_learning') ORDER BY ord)sql",
                                        kFileOf)));
  return report;
}

DataSummary BuildDataSummary(Store& store, const TimeZone& zone) {
  SQLite::Database& db = store.db();
  DataSummary summary;
  struct Span {
    const char* kind;
    const char* column;  // empty: no time column
    bool is_date;
  };
  const Span spans[] = {{"agents", "", false},           {"messages", "sent_at", false},
                        {"orders", "created_at", false}, {"ratings", "rated_at", false},
                        {"cases", "opened_at", false},   {"case_events", "at", false},
                        {"followups", "due_at", false},  {"assessments", "date", true},
                        {"qa_items", "date", true},      {"incidents", "occurred_at", false},
                        {"attendance", "date", true},    {"work_records", "date", true}};
  for (const Span& s : spans) {
    KindSummary k{s.kind, 0, "", ""};
    std::string column = *s.column ? s.column : "NULL";
    SQLite::Statement q(
        db, fmt::format("SELECT coalesce(sum(copies), 0), min({1}), max({1}) FROM {0}", s.kind,
                        column));
    if (q.executeStep()) {
      k.records = q.getColumn(0).getInt64();
      if (!q.getColumn(1).isNull()) {
        if (s.is_date) {
          k.first = q.getColumn(1).getString();
          k.last = q.getColumn(2).getString();
        } else {
          k.first = FormatInstant(q.getColumn(1).getInt64(), zone);
          k.last = FormatInstant(q.getColumn(2).getInt64(), zone);
        }
      }
    }
    summary.kinds.push_back(std::move(k));
  }
  summary.agents = db.execAndGet("SELECT count(*) FROM agents").getInt64();
  summary.shops =
      db.execAndGet(
            "SELECT count(*) FROM (SELECT shop FROM messages UNION SELECT shop FROM orders)")
          .getInt64();
  summary.imports = db.execAndGet("SELECT count(*) FROM imports").getInt64();
  SQLite::Statement forms(db, "SELECT form_id FROM qa_forms ORDER BY form_id");
  while (forms.executeStep()) summary.qa_forms.push_back(forms.getColumn(0).getString());
  return summary;
}

}  // namespace csperf
