#include "import/record_writer.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace csperf {

// What settling a batch changes in the store, gathered first and then made in the order of
// the rows they touch.
struct RecordWriter::Changes {
  std::vector<std::pair<Hash128, int64_t>> new_keys;
  struct Touch {
    int64_t ord, file, line;
  };
  std::vector<Touch> touches;
  std::vector<std::pair<int64_t, int64_t>> revisions;  // stored, appended
  std::vector<int64_t> removals;
};

RecordWriter::RecordWriter(ImportTransaction& tx, int64_t first_ord, size_t batch)
    : tx_(tx), next_ord_(first_ord), batch_(std::max<size_t>(1, batch)) {}

void RecordWriter::StartFile() {
  if (!pending_.empty()) throw std::logic_error("RecordWriter: a new file before Settle");
  file_ = -1;
  file_settled_before_ = false;
}

void RecordWriter::Write(Kind kind, const Record& record, int64_t file_id, size_t tag) {
  if (!pending_.empty() && (kind != kind_ || file_id != file_)) {
    throw std::logic_error("RecordWriter: a batch of two files");
  }
  if (file_id != file_) file_settled_before_ = false;
  kind_ = kind;
  file_ = file_id;
  const KindSpec& spec = SpecOf(kind);
  Pending p;
  p.content = ContentHash(record, &buffer_);
  p.counted = IsCounted(spec, record);
  p.key = p.counted ? p.content : IdKey(spec, record, &buffer_);
  p.ord = next_ord_++;
  p.line = record.line;
  p.tag = tag;
  tx_.Append(kind, p.ord, record, p.content, file_id);
  pending_.push_back(p);
}

void RecordWriter::Settle(const std::function<void(const Settled&)>& settled) {
  if (pending_.empty()) return;
  std::vector<uint32_t> keyed, counted;
  for (uint32_t i = 0; i < pending_.size(); ++i) (pending_[i].counted ? counted : keyed).push_back(i);
  std::vector<Settled> out(pending_.size());
  Changes changes;
  SettleKeyed(keyed, &out, &changes);
  SettleCounted(counted, &out, &changes);

  // The changes, each kind in the order of the rows it touches.
  std::sort(changes.new_keys.begin(), changes.new_keys.end());
  tx_.AddKeys(kind_, changes.new_keys);
  std::sort(changes.touches.begin(), changes.touches.end(),
            [](const Changes::Touch& a, const Changes::Touch& b) { return a.ord < b.ord; });
  for (const Changes::Touch& t : changes.touches) tx_.Touch(kind_, t.ord, t.file, t.line);
  for (const auto& [stored, appended] : changes.revisions) tx_.Revise(kind_, stored, appended);
  std::sort(changes.removals.begin(), changes.removals.end());
  for (int64_t ord : changes.removals) tx_.Remove(kind_, ord);

  pending_.clear();
  file_settled_before_ = true;
  for (const Settled& s : out) settled(s);
}

// Records with an id: each key's records in the order they were read, against the version
// stored before the batch.
void RecordWriter::SettleKeyed(std::vector<uint32_t>& order, std::vector<Settled>* out,
                               Changes* changes) {
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return pending_[a].key != pending_[b].key ? pending_[a].key < pending_[b].key : a < b;
  });
  std::vector<Hash128> keys;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || pending_[order[i]].key != pending_[order[i - 1]].key)
      keys.push_back(pending_[order[i]].key);
  }
  std::vector<std::optional<StoredVersion>> found;
  tx_.FindKeys(kind_, keys, &found);
  const int64_t import = tx_.import_id();
  size_t k = 0;
  std::optional<StoredVersion> current;
  for (size_t i = 0; i < order.size(); ++i) {
    const Pending& p = pending_[order[i]];
    if (i == 0 || p.key != pending_[order[i - 1]].key) current = found[k++];
    Settled& s = (*out)[order[i]];
    s.tag = p.tag;
    if (!current) {
      s.outcome = WriteOutcome::kInserted;
      current = StoredVersion{p.ord, p.content, import, file_, p.line};
      changes->new_keys.emplace_back(p.key, p.ord);
      continue;
    }
    s.other_file = current->file_id;
    s.other_line = current->line;
    const bool same = current->content == p.content;
    if (current->import_id == import) {
      s.outcome = same ? WriteOutcome::kRepeated : WriteOutcome::kConflict;
      changes->removals.push_back(p.ord);
    } else if (same) {
      // Seen in this import now: a later row of the import with this id and other content
      // conflicts with this one, as if it had been new here.
      s.outcome = WriteOutcome::kUnchanged;
      changes->touches.push_back({current->ord, file_, p.line});
      changes->removals.push_back(p.ord);
      current->import_id = import;
      current->file_id = file_;
      current->line = p.line;
    } else {
      // A replacement keeps its place in input order: the record is the same one, revised.
      s.outcome = WriteOutcome::kReplaced;
      changes->revisions.emplace_back(current->ord, p.ord);
      *current = StoredVersion{current->ord, p.content, import, file_, p.line};
    }
  }
}

// Records without an id: the j-th copy of a content in this file is keyed (content, j). A
// key stored already is a copy some file kept before (this one's copy is not kept again).
void RecordWriter::SettleCounted(std::vector<uint32_t>& order, std::vector<Settled>* out,
                                 Changes* changes) {
  if (order.empty()) return;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return pending_[a].content != pending_[b].content
               ? pending_[a].content < pending_[b].content
               : a < b;
  });
  // Each copy's number, and its key, as if the file held no copy of its content before this
  // batch.
  std::vector<int64_t> copy(pending_.size(), 1);
  for (size_t i = 1; i < order.size(); ++i) {
    if (pending_[order[i - 1]].content == pending_[order[i]].content)
      copy[order[i]] = copy[order[i - 1]] + 1;
  }
  for (uint32_t r : order) pending_[r].key = CopyKey(pending_[r].content, copy[r]);
  std::vector<std::optional<StoredVersion>> version(pending_.size());
  auto look_up = [&](std::vector<uint32_t> rows) {
    std::sort(rows.begin(), rows.end(),
              [&](uint32_t a, uint32_t b) { return pending_[a].key < pending_[b].key; });
    std::vector<Hash128> keys;
    keys.reserve(rows.size());
    for (uint32_t r : rows) keys.push_back(pending_[r].key);
    std::vector<std::optional<StoredVersion>> found;
    tx_.FindKeys(kind_, keys, &found);
    for (size_t i = 0; i < rows.size(); ++i) version[rows[i]] = std::move(found[i]);
  };
  look_up(order);

  // A first copy whose key this file holds already means earlier batches of the file held
  // copies too (only in a file longer than a batch): that content's copies are numbered on
  // from those.
  if (file_settled_before_) {
    const int64_t import = tx_.import_id();
    std::vector<uint32_t> again;
    for (size_t i = 0; i < order.size(); ++i) {
      const uint32_t r = order[i];
      const std::optional<StoredVersion>& v = version[r];
      if (copy[r] != 1 || !v || v->import_id != import || v->file_id != file_) continue;
      const int64_t before = CopiesBefore(pending_[r].content);
      for (size_t j = i; j < order.size() && pending_[order[j]].content == pending_[r].content;
           ++j) {
        const uint32_t c = order[j];
        copy[c] += before;
        pending_[c].key = CopyKey(pending_[c].content, copy[c]);
        again.push_back(c);
      }
    }
    if (!again.empty()) look_up(std::move(again));
  }

  for (uint32_t r : order) {
    const Pending& p = pending_[r];
    Settled& s = (*out)[r];
    s.tag = p.tag;
    const std::optional<StoredVersion>& v = version[r];
    if (!v) {
      s.outcome = copy[r] == 1 ? WriteOutcome::kInserted : WriteOutcome::kCopyKept;
      changes->new_keys.emplace_back(p.key, p.ord);
    } else {
      s.outcome = copy[r] == 1 ? WriteOutcome::kUnchanged : WriteOutcome::kCopyAlreadyKept;
      s.other_file = v->file_id;
      s.other_line = v->line;
      changes->touches.push_back({v->ord, file_, p.line});
      changes->removals.push_back(p.ord);
    }
  }
}

int64_t RecordWriter::CopiesBefore(const Hash128& content) {
  const int64_t import = tx_.import_id();
  std::vector<std::optional<StoredVersion>> found;
  int64_t copies = 0;
  for (;;) {
    const Hash128 key = CopyKey(content, copies + 1);
    tx_.FindKeys(kind_, std::span<const Hash128>(&key, 1), &found);
    if (!found[0] || found[0]->import_id != import || found[0]->file_id != file_) return copies;
    ++copies;
  }
}

}  // namespace csperf
