#include "store/record_writer.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <cstring>
#include <stdexcept>
#include <unordered_map>

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
  }

  WriteResult Write(const Record& record, int64_t import_id, int64_t file_id, int64_t* next_ord) {
    content_buffer_.clear();
    for (const Value& v : record.values) AppendValue(v, &content_buffer_);
    const Hash content = HashOf(content_buffer_);
    if (IsCounted(record)) return WriteCounted(record, content, import_id, file_id, next_ord);
    key_buffer_.assign(1, 'I');
    for (std::string_view column : spec_.key_columns) {
      AppendValue(record.values[ColumnIndex(spec_, column)], &key_buffer_);
    }
    const Hash key = HashOf(key_buffer_);

    if (Insert(*insert_new_, record, key, content, import_id, file_id, *next_ord) == 1) {
      ++*next_ord;
      return {WriteOutcome::kInserted};
    }
    Stored stored = Lookup(key);
    const bool same_content = stored.content == Canonical(content);
    const int64_t stored_imp = stored.import_id;
    const int64_t stored_file = stored.file_id;
    const int64_t stored_line = stored.line;
    if (stored_imp == import_id) {
      return {same_content ? WriteOutcome::kRepeated : WriteOutcome::kConflict, stored_file,
              stored_line};
    }
    if (same_content) {
      // Seen in this import now: a later row of the import with this id and other content
      // must conflict with it, as if it had been inserted here.
      Touch(key, import_id, file_id, record.line);
      return {WriteOutcome::kUnchanged, stored_file, stored_line};
    }
    // A replacement keeps its place in input order: the record is the same one, revised.
    Insert(*replace_, record, key, content, import_id, file_id, 0);
    return {WriteOutcome::kReplaced, stored_file, stored_line};
  }

 private:
  struct Stored {
    std::string content;  // canonical bytes of the content hash
    int64_t import_id, file_id, line;
  };

  static std::string Canonical(const Hash& h) {
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, h);
    return std::string(reinterpret_cast<const char*>(canonical.digest), 16);
  }

  Stored Lookup(const Hash& key) {
    lookup_->reset();
    BindHash(*lookup_, 1, key);
    if (!lookup_->executeStep()) {
      throw std::logic_error("a key that conflicted on insert cannot be found");
    }
    const SQLite::Column ch = lookup_->getColumn(0);
    Stored s{
        std::string(static_cast<const char*>(ch.getBlob()), static_cast<size_t>(ch.getBytes())),
        lookup_->getColumn(1).getInt64(), lookup_->getColumn(2).getInt64(),
        lookup_->getColumn(3).getInt64()};
    lookup_->reset();
    return s;
  }

  void Touch(const Hash& key, int64_t import_id, int64_t file_id, int64_t line) {
    touch_->reset();
    touch_->bind(1, static_cast<int64_t>(import_id));
    touch_->bind(2, static_cast<int64_t>(file_id));
    touch_->bind(3, static_cast<int64_t>(line));
    BindHash(*touch_, 4, key);
    touch_->exec();
  }

  // A record without an id is keyed by its content and by which occurrence of that content
  // it is in its file (the 1st, 2nd …): each copy is a row with its own place in input
  // order, and the k-th copy of one file is the k-th copy of another, so the copies kept
  // are the most seen in any one file.
  WriteResult WriteCounted(const Record& record, const Hash& content, int64_t import_id,
                           int64_t file_id, int64_t* next_ord) {
    if (file_id != repeats_file_) {
      repeats_.clear();
      repeats_file_ = file_id;
    }
    const std::string content_key = Canonical(content);
    auto seen = repeats_.find(content_key);
    int64_t k = seen == repeats_.end() ? 1 : seen->second + 1;
    for (;; ++k) {
      key_buffer_.assign(1, 'C');
      key_buffer_ += content_buffer_;
      key_buffer_.append(reinterpret_cast<const char*>(&k), sizeof k);
      const Hash key = HashOf(key_buffer_);
      if (Insert(*insert_new_, record, key, content, import_id, file_id, *next_ord) == 1) {
        ++*next_ord;
        if (k > 1) repeats_[content_key] = k;
        return {k > 1 ? WriteOutcome::kCopyKept : WriteOutcome::kInserted};
      }
      Stored stored = Lookup(key);
      if (stored.import_id == import_id && stored.file_id == file_id) continue;  // this file's
      Touch(key, import_id, file_id, record.line);
      if (k > 1 || seen != repeats_.end()) repeats_[content_key] = k;
      return {k > 1 ? WriteOutcome::kCopyAlreadyKept : WriteOutcome::kUnchanged, stored.file_id,
              stored.line};
    }
  }

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
  std::unique_ptr<SQLite::Statement> insert_new_, replace_, lookup_, touch_;
  // Contents repeated in the current file, with how many times they were seen so far:
  // only repeated contents are kept, so a file of distinct rows costs nothing here.
  std::unordered_map<std::string, int64_t> repeats_;
  int64_t repeats_file_ = -1;
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
