#include "store/memory/memory_store.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace csperf {
namespace {

struct HashOf128 {
  size_t operator()(const Hash128& h) const { return static_cast<size_t>(h.low ^ (h.high * 31)); }
};

struct Entry {
  int64_t ord;
  std::vector<Value> values;
  std::string extra;
  StoredVersion version;
  bool alive = true;
};

// One kind's records in input order (appended in order; removed ones only marked) and keys.
struct Table {
  std::vector<Entry> rows;
  std::unordered_map<Hash128, int64_t, HashOf128> keys;
  size_t dead = 0;

  Entry* At(int64_t ord) {
    auto it = std::lower_bound(rows.begin(), rows.end(), ord,
                               [](const Entry& e, int64_t o) { return e.ord < o; });
    return it != rows.end() && it->ord == ord && it->alive ? &*it : nullptr;
  }
  // Drops the removed rows once they are many.
  void Compact() {
    if (dead * 2 < rows.size()) return;
    std::erase_if(rows, [](const Entry& e) { return !e.alive; });
    dead = 0;
  }
};

struct FileRow {
  std::string path;
};

struct State {
  std::array<Table, kKindCount> tables;
  std::map<std::string, std::string> meta;
  std::map<int64_t, FileRow> files;
  std::map<std::string, StoredQaForm> qa_forms;
  int64_t imports = 0;
  int64_t next_file = 1;
};

int Find(const KindSpec& spec, std::string_view column) {
  if (column == kOrdColumn) return -1;
  if (column == kCopiesColumn) return -2;
  if (column == kFileColumn) return -3;
  if (column == kLineColumn) return -4;
  if (column == kExtraColumn) return -5;
  const int i = ColumnIndex(spec, column);
  if (i < 0) throw std::logic_error("no such column: " + std::string(column));
  return i;
}

class MemoryCursor final : public RowCursor {
 public:
  MemoryCursor(std::shared_ptr<const State> state, const ScanSpec& spec)
      : state_(std::move(state)), table_(state_->tables[static_cast<size_t>(spec.kind)]),
        spec_(spec) {
    const KindSpec& kind = SpecOf(spec.kind);
    for (std::string_view c : spec.columns) columns_.push_back(Find(kind, c));
    const auto& rows = table_.rows;
    auto lower = std::lower_bound(rows.begin(), rows.end(), spec.first_ord,
                                  [](const Entry& e, int64_t o) { return e.ord < o; });
    auto upper = std::upper_bound(rows.begin(), rows.end(), spec.last_ord,
                                  [](int64_t o, const Entry& e) { return o < e.ord; });
    begin_ = static_cast<size_t>(lower - rows.begin());
    end_ = static_cast<size_t>(upper - rows.begin());
    next_ = spec.backwards ? end_ : begin_;
  }
  bool Next() override {
    if (spec_.limit >= 0 && given_ >= spec_.limit) return false;
    for (;;) {
      if (spec_.backwards) {
        if (next_ == begin_) return false;
        current_ = &table_.rows[--next_];
      } else {
        if (next_ == end_) return false;
        current_ = &table_.rows[next_++];
      }
      if (current_->alive) break;
    }
    ++given_;
    return true;
  }
  bool IsNull(int column) const override {
    const int c = columns_[static_cast<size_t>(column)];
    if (c == -5) return current_->extra.empty();
    return c >= 0 && current_->values[static_cast<size_t>(c)].is_null();
  }
  int64_t Int(int column) const override {
    switch (const int c = columns_[static_cast<size_t>(column)]) {
      case -1:
        return current_->ord;
      case -2:
        return 1;
      case -3:
        return current_->version.file_id;
      case -4:
        return current_->version.line;
      default:
        return current_->values[static_cast<size_t>(c)].i;
    }
  }
  std::string_view Text(int column) const override {
    const int c = columns_[static_cast<size_t>(column)];
    if (c == -5) return current_->extra;
    if (c < 0) return {};
    return current_->values[static_cast<size_t>(c)].s;
  }

 private:
  std::shared_ptr<const State> state_;  // kept while the cursor reads, whatever commits meanwhile
  const Table& table_;
  const ScanSpec spec_;
  std::vector<int> columns_;
  size_t begin_ = 0, end_ = 0, next_ = 0;
  int64_t given_ = 0;
  const Entry* current_ = nullptr;
};

class MemoryImport final : public ImportTransaction {
 public:
  MemoryImport(std::shared_ptr<State>* live, std::unique_lock<std::mutex> writing,
               const ImportStart& start)
      : live_(live), writing_(std::move(writing)), state_(std::make_shared<State>(**live)) {
    (void)start;
    import_id_ = ++state_->imports;
  }
  int64_t import_id() const override { return import_id_; }
  std::optional<std::string> GetMeta(const std::string& key) override {
    auto it = state_->meta.find(key);
    if (it == state_->meta.end()) return std::nullopt;
    return it->second;
  }
  void SetMeta(const std::string& key, const std::string& value) override {
    state_->meta[key] = value;
  }
  int64_t AddFile(const std::string& path, Kind, const std::string&, int64_t) override {
    const int64_t id = state_->next_file++;
    state_->files[id] = {path};
    return id;
  }
  void SetFileRows(int64_t, int64_t) override {}
  std::string FilePath(int64_t file_id) override {
    auto it = state_->files.find(file_id);
    return it == state_->files.end() ? std::string() : it->second.path;
  }
  void PutQaForm(const std::string& form_id, const std::string&, const std::string&,
                 const std::string& source, const std::string& file) override {
    state_->qa_forms[form_id] = {form_id, source, file};
  }
  void Append(Kind kind, int64_t ord, const Record& record, const Hash128& content,
              int64_t file_id) override {
    Table& t = TableOf(kind);
    if (!t.rows.empty() && t.rows.back().ord >= ord) throw std::logic_error("appended out of order");
    t.rows.push_back(
        {ord, record.values, record.extra_json, {ord, content, import_id_, file_id, record.line}, true});
  }
  void FindKeys(Kind kind, std::span<const Hash128> keys,
                std::vector<std::optional<StoredVersion>>* out) override {
    Table& t = TableOf(kind);
    out->clear();
    for (const Hash128& key : keys) {
      auto it = t.keys.find(key);
      const Entry* e = it == t.keys.end() ? nullptr : t.At(it->second);
      out->push_back(e == nullptr ? std::nullopt : std::optional<StoredVersion>(e->version));
    }
  }
  void FindOrAddKeys(Kind kind, std::span<const std::pair<Hash128, int64_t>> keys,
                     std::vector<std::optional<StoredVersion>>* out) override {
    Table& t = TableOf(kind);
    out->clear();
    for (const auto& [key, ord] : keys) {
      const auto [it, added] = t.keys.try_emplace(key, ord);
      const Entry* e = added ? nullptr : t.At(it->second);
      out->push_back(e == nullptr ? std::nullopt : std::optional<StoredVersion>(e->version));
    }
  }
  void Touch(Kind kind, int64_t ord, int64_t file_id, int64_t line) override {
    if (Entry* e = TableOf(kind).At(ord)) {
      e->version.import_id = import_id_;
      e->version.file_id = file_id;
      e->version.line = line;
    }
  }
  void Revise(Kind kind, int64_t stored, int64_t appended) override {
    Table& t = TableOf(kind);
    Entry* from = t.At(appended);
    Entry* to = t.At(stored);
    if (from == nullptr || to == nullptr) throw std::logic_error("revising a record not there");
    to->values = std::move(from->values);
    to->extra = std::move(from->extra);
    to->version = StoredVersion{stored, from->version.content, import_id_, from->version.file_id,
                                from->version.line};
    Remove(kind, appended);
  }
  void Remove(Kind kind, int64_t ord) override {
    Table& t = TableOf(kind);
    if (Entry* e = t.At(ord)) {
      e->alive = false;
      e->values.clear();
      ++t.dead;
    }
  }
  void Finish(int64_t, int64_t, int64_t) override {}
  Status Commit() override {
    for (Table& t : state_->tables) t.Compact();
    *live_ = std::move(state_);
    return Status::Ok();
  }

 private:
  Table& TableOf(Kind kind) { return state_->tables[static_cast<size_t>(kind)]; }

  std::shared_ptr<State>* live_;
  std::unique_lock<std::mutex> writing_;
  std::shared_ptr<State> state_;
  int64_t import_id_ = 0;
};

class MemoryStore final : public Store {
 public:
  explicit MemoryStore(std::string name) : name_(std::move(name)), state_(std::make_shared<State>()) {}
  const std::string& name() const override { return name_; }
  std::optional<std::string> GetMeta(const std::string& key) override {
    auto it = state_->meta.find(key);
    if (it == state_->meta.end()) return std::nullopt;
    return it->second;
  }
  int64_t ImportCount() override { return state_->imports; }
  std::vector<StoredQaForm> QaForms() override {
    std::vector<StoredQaForm> forms;
    for (const auto& [id, form] : state_->qa_forms) forms.push_back(form);
    return forms;
  }
  std::string FilePath(int64_t file_id) override {
    auto it = state_->files.find(file_id);
    return it == state_->files.end() ? std::string() : it->second.path;
  }
  std::unique_ptr<RowCursor> Scan(const ScanSpec& spec) override {
    return std::make_unique<MemoryCursor>(state_, spec);
  }
  int64_t OrdEnd(Kind kind) override {
    const auto& rows = state_->tables[static_cast<size_t>(kind)].rows;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
      if (it->alive) return it->ord + 1;
    }
    return 0;
  }
  bool ConcurrentScans() const override { return true; }
  Result<std::unique_ptr<ImportTransaction>> BeginImport(const ImportStart& start) override {
    std::unique_lock<std::mutex> writing(writing_);
    return std::unique_ptr<ImportTransaction>(
        std::make_unique<MemoryImport>(&state_, std::move(writing), start));
  }

 private:
  std::string name_;
  std::shared_ptr<State> state_;
  std::mutex writing_;
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore(std::string name) {
  return std::make_unique<MemoryStore>(std::move(name));
}

}  // namespace csperf
