#include "store/memory/memory_store.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace csperf {
namespace {

// Text kept in blocks that never move, so a view into it stays valid as more is added.
class TextArena {
 public:
  std::string_view Keep(std::string_view s) {
    if (s.empty()) return {};
    if (blocks_.empty() || used_ + s.size() > size_) {
      size_ = std::max(kBlock, s.size());
      blocks_.push_back(std::make_unique<char[]>(size_));
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::copy(s.begin(), s.end(), at);
    used_ += s.size();
    return {at, s.size()};
  }
  TextArena() = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

 private:
  static constexpr size_t kBlock = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
  size_t size_ = 0;
};

// A cell of a record in sixteen bytes: an integer, or a text kept in the table's arena.
struct Cell {
  union {
    int64_t i;
    const char* text;
  };
  uint32_t size;
  Value::Type type;

  static Cell Of(const Value& v, TextArena* arena) {
    Cell c;
    c.type = v.type;
    c.size = 0;
    if (v.type == Value::Type::kText) {
      const std::string_view kept = arena->Keep(v.s);
      c.text = kept.data();
      c.size = static_cast<uint32_t>(kept.size());
    } else {
      c.i = v.i;
    }
    return c;
  }
  std::string_view Text() const {
    return type == Value::Type::kText ? std::string_view(text, size) : std::string_view();
  }
  int64_t Int() const { return type == Value::Type::kInt ? i : 0; }
};
static_assert(sizeof(Cell) == 16);

// Keys to places in input order, in an open-addressing table (keys are hashes already).
class KeyTable {
 public:
  // Room for `more` keys than it holds, without growing.
  void Reserve(size_t more) {
    size_t slots = std::max<size_t>(1024, slots_.size());
    while (slots < (size_ + more) * 2) slots *= 2;
    if (slots > slots_.size()) Rehash(slots);
  }
  // The place `key` names, or -1; `ord` added for it when it has none.
  int64_t FindOrAdd(const Hash128& key, int64_t ord) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t i = Index(key);
    for (; slots_[i].ord >= 0; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return slots_[i].ord;
    }
    slots_[i] = {key, ord};
    ++size_;
    return -1;
  }
  int64_t Find(const Hash128& key) const {
    if (slots_.empty()) return -1;
    for (size_t i = Index(key); slots_[i].ord >= 0; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return slots_[i].ord;
    }
    return -1;
  }

 private:
  struct Slot {
    Hash128 key;
    int64_t ord = -1;
  };
  size_t Index(const Hash128& key) const { return key.low & (slots_.size() - 1); }
  void Grow() { Rehash(std::max<size_t>(1024, slots_.size() * 2)); }
  void Rehash(size_t slots) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(slots, Slot{});
    size_ = 0;
    for (const Slot& s : old) {
      if (s.ord >= 0) FindOrAdd(s.key, s.ord);
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// One kind's records in input order (appended in order; removed ones only marked), their
// cells side by side, and their keys.
struct Table {
  size_t columns = 0;
  std::vector<int64_t> ords;
  std::vector<uint32_t> first_cell;  // a record's cells: [first_cell, first_cell + columns)
  std::vector<StoredVersion> versions;
  std::vector<std::string_view> extras;
  std::vector<uint8_t> alive;
  std::vector<Cell> cells;
  std::shared_ptr<TextArena> text = std::make_shared<TextArena>();
  KeyTable keys;

  // The index of the record at `ord`, or -1 when there is none (or it was removed).
  int64_t At(int64_t ord) const {
    auto it = std::lower_bound(ords.begin(), ords.end(), ord);
    if (it == ords.end() || *it != ord) return -1;
    const auto index = static_cast<size_t>(it - ords.begin());
    return alive[index] ? static_cast<int64_t>(index) : -1;
  }
};

struct State {
  std::array<Table, kKindCount> tables;
  std::map<std::string, std::string> meta;
  std::map<int64_t, std::string> files;
  std::map<std::string, StoredQaForm> qa_forms;
  int64_t imports = 0;
  int64_t next_file = 1;

  State() {
    for (const KindSpec& spec : AllKinds())
      tables[static_cast<size_t>(spec.kind)].columns = spec.columns.size();
  }
};

// A scan's column: one of the kind's (its index), or a bookkeeping one.
enum Bookkeeping : int { kOrd = -1, kCopies = -2, kFile = -3, kLine = -4, kExtra = -5 };

int ColumnOf(const KindSpec& spec, std::string_view column) {
  if (column == kOrdColumn) return kOrd;
  if (column == kCopiesColumn) return kCopies;
  if (column == kFileColumn) return kFile;
  if (column == kLineColumn) return kLine;
  if (column == kExtraColumn) return kExtra;
  const int i = ColumnIndex(spec, column);
  if (i < 0) throw std::logic_error("no such column: " + std::string(column));
  return i;
}

class MemoryCursor final : public RowCursor {
 public:
  MemoryCursor(std::shared_ptr<const State> state, const ScanSpec& spec)
      : state_(std::move(state)),
        table_(state_->tables[static_cast<size_t>(spec.kind)]),
        spec_(spec) {
    const KindSpec& kind = SpecOf(spec.kind);
    for (std::string_view c : spec.columns) columns_.push_back(ColumnOf(kind, c));
    const auto& ords = table_.ords;
    begin_ = static_cast<size_t>(std::lower_bound(ords.begin(), ords.end(), spec.first_ord) -
                                 ords.begin());
    end_ = static_cast<size_t>(std::upper_bound(ords.begin(), ords.end(), spec.last_ord) -
                               ords.begin());
    next_ = spec.backwards ? end_ : begin_;
  }
  bool Next() override {
    if (spec_.limit >= 0 && given_ >= spec_.limit) return false;
    for (;;) {
      if (spec_.backwards) {
        if (next_ == begin_) return false;
        row_ = --next_;
      } else {
        if (next_ == end_) return false;
        row_ = next_++;
      }
      if (table_.alive[row_]) break;
    }
    ++given_;
    return true;
  }
  bool IsNull(int column) const override {
    const int c = columns_[static_cast<size_t>(column)];
    if (c == kExtra) return table_.extras[row_].empty();
    return c >= 0 && CellOf(c).type == Value::Type::kNull;
  }
  int64_t Int(int column) const override {
    switch (const int c = columns_[static_cast<size_t>(column)]) {
      case kOrd:
        return table_.ords[row_];
      case kCopies:
        return 1;
      case kFile:
        return table_.versions[row_].file_id;
      case kLine:
        return table_.versions[row_].line;
      case kExtra:
        return 0;
      default:
        return CellOf(c).Int();
    }
  }
  std::string_view Text(int column) const override {
    const int c = columns_[static_cast<size_t>(column)];
    if (c == kExtra) return table_.extras[row_];
    return c >= 0 ? CellOf(c).Text() : std::string_view();
  }

 private:
  const Cell& CellOf(int column) const {
    return table_.cells[table_.first_cell[row_] + static_cast<size_t>(column)];
  }

  std::shared_ptr<const State> state_;  // kept while the cursor reads, whatever commits meanwhile
  const Table& table_;
  const ScanSpec spec_;
  std::vector<int> columns_;
  size_t begin_ = 0, end_ = 0, next_ = 0, row_ = 0;
  int64_t given_ = 0;
};

class MemoryImport final : public ImportTransaction {
 public:
  MemoryImport(std::shared_ptr<State>* live, std::unique_lock<std::mutex> writing)
      : live_(live), writing_(std::move(writing)), state_(std::make_shared<State>(**live)) {
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
    state_->files[id] = path;
    return id;
  }
  void SetFileRows(int64_t, int64_t) override {}
  std::string FilePath(int64_t file_id) override {
    auto it = state_->files.find(file_id);
    return it == state_->files.end() ? std::string() : it->second;
  }
  void PutQaForm(const std::string& form_id, const std::string&, const std::string&,
                 const std::string& source, const std::string& file) override {
    state_->qa_forms[form_id] = {form_id, source, file};
  }
  void Expect(Kind kind, size_t rows) override {
    Table& t = TableOf(kind);
    const size_t n = t.ords.size() + rows;
    t.ords.reserve(n);
    t.first_cell.reserve(n);
    t.versions.reserve(n);
    t.extras.reserve(n);
    t.alive.reserve(n);
    t.cells.reserve(n * t.columns);
    t.keys.Reserve(rows);
  }
  void Append(Kind kind, int64_t ord, const Record& record, const Hash128& content,
              int64_t file_id) override {
    Table& t = TableOf(kind);
    if (!t.ords.empty() && t.ords.back() >= ord) throw std::logic_error("appended out of order");
    t.ords.push_back(ord);
    t.first_cell.push_back(static_cast<uint32_t>(t.cells.size()));
    for (const Value& v : record.values) t.cells.push_back(Cell::Of(v, t.text.get()));
    t.versions.push_back({ord, content, import_id_, file_id, record.line});
    t.extras.push_back(t.text->Keep(record.extra_json));
    t.alive.push_back(1);
  }
  void FindKeys(Kind kind, std::span<const Hash128> keys,
                std::vector<std::optional<StoredVersion>>* out) override {
    const Table& t = TableOf(kind);
    out->clear();
    for (const Hash128& key : keys) out->push_back(VersionAt(t, t.keys.Find(key)));
  }
  void FindOrAddKeys(Kind kind, std::span<const std::pair<Hash128, int64_t>> keys,
                     std::vector<std::optional<StoredVersion>>* out) override {
    Table& t = TableOf(kind);
    out->clear();
    for (const auto& [key, ord] : keys) out->push_back(VersionAt(t, t.keys.FindOrAdd(key, ord)));
  }
  void Touch(Kind kind, int64_t ord, int64_t file_id, int64_t line) override {
    Table& t = TableOf(kind);
    const int64_t at = t.At(ord);
    if (at < 0) return;
    StoredVersion& v = t.versions[static_cast<size_t>(at)];
    v.import_id = import_id_;
    v.file_id = file_id;
    v.line = line;
  }
  void Revise(Kind kind, int64_t stored, int64_t appended) override {
    Table& t = TableOf(kind);
    const int64_t from = t.At(appended);
    const int64_t to = t.At(stored);
    if (from < 0 || to < 0) throw std::logic_error("revising a record that is not there");
    const auto f = static_cast<size_t>(from);
    const auto s = static_cast<size_t>(to);
    t.first_cell[s] = t.first_cell[f];
    t.extras[s] = t.extras[f];
    t.versions[s] = StoredVersion{stored, t.versions[f].content, import_id_, t.versions[f].file_id,
                                  t.versions[f].line};
    t.alive[f] = 0;
  }
  void Remove(Kind kind, int64_t ord) override {
    Table& t = TableOf(kind);
    const int64_t at = t.At(ord);
    if (at >= 0) t.alive[static_cast<size_t>(at)] = 0;
  }
  void Finish(int64_t, int64_t, int64_t) override {}
  Status Commit() override {
    *live_ = std::move(state_);
    return Status::Ok();
  }

 private:
  Table& TableOf(Kind kind) { return state_->tables[static_cast<size_t>(kind)]; }
  static std::optional<StoredVersion> VersionAt(const Table& t, int64_t ord) {
    if (ord < 0) return std::nullopt;
    const int64_t at = t.At(ord);
    if (at < 0) return std::nullopt;
    return t.versions[static_cast<size_t>(at)];
  }

  std::shared_ptr<State>* live_;
  std::unique_lock<std::mutex> writing_;
  std::shared_ptr<State> state_;
  int64_t import_id_ = 0;
};

class MemoryStore final : public Store {
 public:
  explicit MemoryStore(std::string name)
      : name_(std::move(name)), state_(std::make_shared<State>()) {}
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
    return it == state_->files.end() ? std::string() : it->second;
  }
  std::unique_ptr<RowCursor> Scan(const ScanSpec& spec) override {
    return std::make_unique<MemoryCursor>(state_, spec);
  }
  int64_t OrdEnd(Kind kind) override {
    const Table& t = state_->tables[static_cast<size_t>(kind)];
    for (size_t i = t.ords.size(); i > 0; --i) {
      if (t.alive[i - 1]) return t.ords[i - 1] + 1;
    }
    return 0;
  }
  bool ConcurrentScans() const override { return true; }
  Result<std::unique_ptr<ImportTransaction>> BeginImport(const ImportStart&) override {
    std::unique_lock<std::mutex> writing(writing_);
    return std::unique_ptr<ImportTransaction>(
        std::make_unique<MemoryImport>(&state_, std::move(writing)));
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
