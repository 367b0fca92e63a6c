#include "support/store_rows.h"

#include <set>
#include <string_view>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"

namespace csperf::testing {

std::vector<StoredRow> AllRows(Store& store, Kind kind) {
  const KindSpec& spec = SpecOf(kind);
  std::vector<std::string_view> columns;
  std::vector<bool> is_int;
  for (const ColumnSpec& c : spec.columns) {
    columns.push_back(c.name);
    const FieldType t = c.type;
    is_int.push_back(!(t == FieldType::kText || t == FieldType::kList || t == FieldType::kDate ||
                       t == FieldType::kEnum));
  }
  for (std::string_view c : {kOrdColumn, kCopiesColumn, kFileColumn, kLineColumn}) {
    columns.push_back(c);
    is_int.push_back(true);
  }
  columns.push_back(kExtraColumn);
  is_int.push_back(false);
  std::vector<StoredRow> rows;
  auto cursor = store.Scan({kind, columns});
  while (cursor->Next()) {
    StoredRow row;
    for (size_t i = 0; i < columns.size(); ++i) {
      const int c = static_cast<int>(i);
      if (cursor->IsNull(c)) continue;
      row[std::string(columns[i])] =
          is_int[i] ? std::to_string(cursor->Int(c)) : std::string(cursor->Text(c));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

bool Meets(const StoredRow& row, const Where& where) {
  for (const auto& [column, value] : where) {
    auto it = row.find(column);
    const std::string cell = it == row.end() ? std::string() : it->second;
    if (cell != value) return false;
  }
  return true;
}

}  // namespace

int64_t RowCount(Store& store, Kind kind, const Where& where) {
  int64_t n = 0;
  for (const StoredRow& row : AllRows(store, kind)) n += Meets(row, where);
  return n;
}

int64_t CopyCount(Store& store, Kind kind) {
  int64_t n = 0;
  for (const StoredRow& row : AllRows(store, kind)) n += std::stoll(row.at("copies"));
  return n;
}

std::optional<std::string> TextOf(Store& store, Kind kind, const std::string& column,
                                  const Where& where) {
  for (const StoredRow& row : AllRows(store, kind)) {
    if (!Meets(row, where)) continue;
    auto it = row.find(column);
    if (it == row.end()) return std::nullopt;
    return it->second;
  }
  return std::nullopt;
}

std::optional<int64_t> IntOf(Store& store, Kind kind, const std::string& column,
                             const Where& where) {
  auto text = TextOf(store, kind, column, where);
  if (!text) return std::nullopt;
  return std::stoll(*text);
}

}  // namespace csperf::testing

namespace csperf::testing {

int64_t RowCountIf(Store& store, Kind kind, const std::function<bool(const StoredRow&)>& test) {
  int64_t n = 0;
  for (const StoredRow& row : AllRows(store, kind)) n += test(row);
  return n;
}

int64_t DistinctCount(Store& store, Kind kind, const std::string& column) {
  std::set<std::string> values;
  for (const StoredRow& row : AllRows(store, kind)) {
    auto it = row.find(column);
    if (it != row.end()) values.insert(it->second);
  }
  return static_cast<int64_t>(values.size());
}

Env EnvAt(const Clock& clock) {
  const Env& base = DefaultEnv();
  return Env{&clock, base.files, base.executor};
}

}  // namespace csperf::testing

namespace csperf::testing {

::testing::internal::ParamGenerator<Backend> AllBackends() {
  return ::testing::Values(Backend::kSqlite, Backend::kMemory);
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Memory";
}

std::unique_ptr<Store> MakeStore(Backend backend, const std::string& path) {
  if (backend == Backend::kMemory) return NewMemoryStore();
  auto store = OpenSqliteStore(path, OpenMode::kCreate);
  EXPECT_TRUE(store.ok()) << store.problem().ToString();
  return store.ok() ? std::move(*store) : NewMemoryStore();
}

}  // namespace csperf::testing
