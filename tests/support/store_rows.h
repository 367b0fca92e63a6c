// Reading what a store holds in tests, through its scans (store/store.h), so that the same
// checks hold for every store.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/kinds.h"
#include "store/store.h"

namespace csperf::testing {

// A stored record: each column (its own, and ord, copies, src_file, src_line, extra) as
// text, integers written in decimal; a NULL is absent.
using StoredRow = std::map<std::string, std::string>;

// Every record of `kind`, in input order.
std::vector<StoredRow> AllRows(Store& store, Kind kind);

// Conditions on columns, all of which a row must meet ("" matches a NULL).
using Where = std::map<std::string, std::string>;

// How many records (rows) meet `where`.
int64_t RowCount(Store& store, Kind kind, const Where& where = {});
// The records they stand for, copies of id-less records counted.
int64_t CopyCount(Store& store, Kind kind);
// `column` of the first record (in input order) meeting `where`; nothing when none does or
// the cell is NULL.
std::optional<std::string> TextOf(Store& store, Kind kind, const std::string& column,
                                  const Where& where = {});
std::optional<int64_t> IntOf(Store& store, Kind kind, const std::string& column,
                             const Where& where = {});

}  // namespace csperf::testing

#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "core/env.h"

namespace csperf::testing {

// How many records meet `test`.
int64_t RowCountIf(Store& store, Kind kind, const std::function<bool(const StoredRow&)>& test);
// How many distinct values `column` holds (NULL not counted).
int64_t DistinctCount(Store& store, Kind kind, const std::string& column);
// The machine's files and threads with this clock.
Env EnvAt(const Clock& clock);

// The stores every store test runs on.
enum class Backend { kSqlite, kMemory };
::testing::internal::ParamGenerator<Backend> AllBackends();
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);
// A new, empty store of that kind (an SQLite store at `path`).
std::unique_ptr<Store> MakeStore(Backend backend, const std::string& path);

}  // namespace csperf::testing
