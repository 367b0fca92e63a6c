#include "store/record_writer.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <cstring>
#include <stdexcept>

namespace csperf {
namespace {

using Hash = XXH128_hash_t;

// Appends a value to a hashing buffer unambiguously: a type tag, then a fixed-width integer
// or a length-prefixed string, so ("ab","c") and ("a","bc") never collide by construction.
void AppendValue(const Value& v, std::string* buffer) {
  buffer->push_back(static_cast<char>(v.type));
  if (v.type == Value::Type::kInt) {
    char bytes[8];
    std::memcpy(bytes, &v.i, 8);
    buffer->append(bytes, 8);
  } else if (v.type == Value::Type::kText) {
    uint64_t size = v.s.size();
    char bytes[8];
    std::memcpy(bytes, &size, 8);
    buffer->append(bytes, 8);
    buffer->append(v.s);
  }
}

Hash HashOf(const std::string& buffer) { return XXH3_128bits(buffer.data(), buffer.size()); }

bool SameHash(const Hash& a, const void* blob, int size) {
  if (size != 16) return false;
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, a);
  return std::memcmp(canonical.digest, blob, 16) == 0;
}

void BindHash(SQLite::Statement& statement, int index, const Hash& hash) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, hash);
  statement.bind(index, canonical.digest, 16);
}

void BindValue(SQLite::Statement& statement, int index, const Value& v) {
  switch (v.type) {
    case Value::Type::kNull:
      statement.bind(index);
      break;
    case Value::Type::kInt:
      statement.bind(index, static_cast<int64_t>(v.i));
      break;
    case Value::Type::kText:
      statement.bindNoCopy(index, v.s);
      break;
  }
}

}  // namespace

class RecordWriter::Table {
 public:
  Table(SQLite::Database& db, const KindSpec& spec) : spec_(spec) {
    std::string columns, placeholders, updates;
    for (const ColumnSpec& c : spec.columns) {
      columns += fmt::format("{}, ", c.name);
      placeholders += "?, ";
      updates += fmt::format("{0} = excluded.{0}, ", c.name);
    }
    std::string table(spec.name);
    const std::string insert = fmt::format(
        "INSERT INTO {} ({}rk, ch, copies, fimp, ffile, fcount, imp, src_file, "
        "src_line, ord, extra) VALUES ({}?, ?, 1, ?, ?, 1, ?, ?, ?, ?, ?) ",
        table, columns, placeholders);
    // New records are the common case: try the insert first and look the key up only when
    // it is already there, so a fresh import probes the key index once per row.
    insert_new_ = std::make_unique<SQLite::Statement>(db, insert + "ON CONFLICT(rk) DO NOTHING");
    replace_ = std::make_unique<SQLite::Statement>(
        db, insert + fmt::format("ON CONFLICT(rk) DO UPDATE SET {}ch = excluded.ch, "
                                 "imp = excluded.imp, src_file = excluded.src_file, "
                                 "src_line = excluded.src_line, extra = excluded.extra",
                                 updates));
    lookup_ = std::make_unique<SQLite::Statement>(
        db, fmt::format("SELECT ch, imp, src_file, src_line, copies, fimp, ffile, fcount "
                        "FROM {} WHERE rk = ?",
                        table));
    touch_ = std::make_unique<SQLite::Statement>(
        db, fmt::format("UPDATE {} SET imp = ?, src_file = ?, src_line = ? WHERE rk = ?", table));
    count_ = std::make_unique<SQLite::Statement>(
        db, fmt::format("UPDATE {} SET copies = ?, fimp = ?, ffile = ?, fcount = ? WHERE rk = ?",
                        table));
  }

  WriteResult Write(const Record& record, int64_t import_id, int64_t file_id, int64_t* next_ord) {
    const bool counted = IsCounted(record);
    key_buffer_.clear();
    content_buffer_.clear();
    for (const Value& v : record.values) AppendValue(v, &content_buffer_);
    if (counted) {
      key_buffer_.assign(1, 'C');
      key_buffer_ += content_buffer_;
    } else {
      key_buffer_.assign(1, 'I');
      for (std::string_view column : spec_.key_columns) {
        AppendValue(record.values[ColumnIndex(spec_, column)], &key_buffer_);
      }
    }
    const Hash key = HashOf(key_buffer_);
    const Hash content = HashOf(content_buffer_);

    if (Insert(*insert_new_, record, key, content, import_id, file_id, *next_ord) == 1) {
      ++*next_ord;
      return {WriteOutcome::kInserted};
    }
    lookup_->reset();
    BindHash(*lookup_, 1, key);
    if (!lookup_->executeStep()) {
      throw std::logic_error("a key that conflicted on insert cannot be found");
    }
    const SQLite::Column stored_ch = lookup_->getColumn(0);
    const bool same_content = SameHash(content, stored_ch.getBlob(), stored_ch.getBytes());
    const int64_t stored_imp = lookup_->getColumn(1).getInt64();
    const int64_t stored_file = lookup_->getColumn(2).getInt64();
    const int64_t stored_line = lookup_->getColumn(3).getInt64();
    if (counted) {
      const int64_t copies = lookup_->getColumn(4).getInt64();
      const bool same_file = lookup_->getColumn(5).getInt64() == import_id &&
                             lookup_->getColumn(6).getInt64() == file_id;
      const int64_t in_file = same_file ? lookup_->getColumn(7).getInt64() + 1 : 1;
      lookup_->reset();
      const int64_t kept = std::max(copies, in_file);
      count_->reset();
      count_->bind(1, static_cast<int64_t>(kept));
      count_->bind(2, static_cast<int64_t>(import_id));
      count_->bind(3, static_cast<int64_t>(file_id));
      count_->bind(4, static_cast<int64_t>(in_file));
      BindHash(*count_, 5, key);
      count_->exec();
      return {kept > copies ? WriteOutcome::kCopyKept : WriteOutcome::kCopyAlreadyKept, stored_file,
              stored_line};
    }
    lookup_->reset();
    if (stored_imp == import_id) {
      return {same_content ? WriteOutcome::kRepeated : WriteOutcome::kConflict, stored_file,
              stored_line};
    }
    if (same_content) {
      // Seen in this import now: a later row of the import with this id and other content
      // must conflict with it, as if it had been inserted here.
      touch_->reset();
      touch_->bind(1, static_cast<int64_t>(import_id));
      touch_->bind(2, static_cast<int64_t>(file_id));
      touch_->bind(3, static_cast<int64_t>(record.line));
      BindHash(*touch_, 4, key);
      touch_->exec();
      return {WriteOutcome::kUnchanged, stored_file, stored_line};
    }
    // A replacement keeps its place in input order: the record is the same one, revised.
    Insert(*replace_, record, key, content, import_id, file_id, 0);
    return {WriteOutcome::kReplaced, stored_file, stored_line};
  }

 private:
  bool IsCounted(const Record& record) const {
    if (spec_.key_rule == KeyRule::kCounted) return true;
    if (spec_.key_rule == KeyRule::kMessage) {
      return record.values[ColumnIndex(spec_, "message_id")].is_null();
    }
    return false;
  }

  // Returns the number of rows changed: 0 when an insert-new met an existing key.
  static int Insert(SQLite::Statement& q, const Record& record, const Hash& key,
                    const Hash& content, int64_t import_id, int64_t file_id, int64_t ord) {
    q.reset();
    int index = 1;
    for (const Value& v : record.values) BindValue(q, index++, v);
    BindHash(q, index++, key);
    BindHash(q, index++, content);
    q.bind(index++, static_cast<int64_t>(import_id));
    q.bind(index++, static_cast<int64_t>(file_id));
    q.bind(index++, static_cast<int64_t>(import_id));
    q.bind(index++, static_cast<int64_t>(file_id));
    q.bind(index++, static_cast<int64_t>(record.line));
    q.bind(index++, static_cast<int64_t>(ord));
    if (record.extra_json.empty()) {
      q.bind(index++);
    } else {
      q.bindNoCopy(index++, record.extra_json);
    }
    return q.exec();
  }

  const KindSpec& spec_;
  std::unique_ptr<SQLite::Statement> insert_new_, replace_, lookup_, touch_, count_;
  std::string key_buffer_, content_buffer_;
};

RecordWriter::RecordWriter(SQLite::Database& db, int64_t import_id, int64_t first_ord)
    : db_(db), import_id_(import_id), next_ord_(first_ord) {}

RecordWriter::~RecordWriter() = default;

RecordWriter::Table& RecordWriter::TableFor(Kind kind) {
  auto& table = tables_[static_cast<size_t>(kind)];
  if (!table) table = std::make_unique<Table>(db_, SpecOf(kind));
  return *table;
}

WriteResult RecordWriter::Write(Kind kind, const Record& record, int64_t file_id) {
  return TableFor(kind).Write(record, import_id_, file_id, &next_ord_);
}

}  // namespace csperf
