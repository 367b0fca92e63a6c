#include "import/record_writer.h"

#include <algorithm>
#include <stdexcept>

namespace csperf {
namespace {

// Hashes to small numbers for one batch, in an open-addressing table (the hashes are random
// already: their low bits pick the slot).
class HashIndex {
 public:
  // Empties the index for `n` hashes, keeping its memory when that is enough.
  void Reset(size_t n) {
    size_t slots = 16;
    while (slots < n * 2) slots *= 2;
    slots_.assign(slots, Slot{});
  }
  // The number of `h`, given `fresh` when it has none yet.
  uint32_t FindOrAdd(const Hash128& h, uint32_t fresh) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h.low & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.number == kFree) {
        s = {h, fresh};
        return fresh;
      }
      if (s.hash == h) return s.number;
    }
  }

 private:
  static constexpr uint32_t kFree = UINT32_MAX;
  struct Slot {
    Hash128 hash;
    uint32_t number = kFree;
  };
  std::vector<Slot> slots_;
};

}  // namespace

// A Bloom filter of contents (their hashes are random already: two of their bits pick the
// probes). It may say a content was seen when it was not (a lookup too many), never the
// other way round. About ten bits a content: one false "seen" in a hundred.
class RecordWriter::CopyFilter {
 public:
  explicit CopyFilter(size_t contents)
      : bits_(std::max<uint64_t>(1024, contents * 10)), words_((bits_ + 63) / 64, 0) {}
  void Add(const Hash128& h) {
    for (uint64_t i = 0; i < kProbes; ++i) {
      const uint64_t bit = Bit(h, i);
      words_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  }
  bool MaySee(const Hash128& h) const {
    for (uint64_t i = 0; i < kProbes; ++i) {
      const uint64_t bit = Bit(h, i);
      if ((words_[bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) return false;
    }
    return true;
  }

 private:
  static constexpr uint64_t kProbes = 4;
  // The i-th probe's bit: (high + i * low) mapped onto [0, bits) by a multiply, not a divide.
  uint64_t Bit(const Hash128& h, uint64_t i) const {
    const uint64_t x = h.high + i * h.low;
    return static_cast<uint64_t>((static_cast<unsigned __int128>(x) * bits_) >> 64);
  }
  uint64_t bits_;
  std::vector<uint64_t> words_;
};

// What settling a batch needs on the way, kept from batch to batch: a large batch's vectors
// are megabytes, and memory new to the process costs more to touch than memory reused.
struct RecordWriter::Scratch {
  HashIndex index;
  std::vector<uint32_t> keyed, counted, first, last, next;
  std::vector<int64_t> copies, copy;
  std::vector<std::pair<Hash128, int64_t>> keys;
  std::vector<std::optional<StoredVersion>> found;
  std::vector<Settled> out;
};

// What settling a batch changes in the store besides its keys, gathered first and then
// made in the order of the rows they touch.
struct RecordWriter::Changes {
  struct Touch {
    int64_t ord, file, line;
  };
  std::vector<Touch> touches;
  std::vector<std::pair<int64_t, int64_t>> revisions;  // stored, appended
  std::vector<int64_t> removals;
};

RecordWriter::RecordWriter(ImportTransaction& tx, int64_t first_ord, size_t batch)
    : tx_(tx),
      next_ord_(first_ord),
      batch_(std::max<size_t>(1, batch)),
      scratch_(std::make_unique<Scratch>()) {}

RecordWriter::~RecordWriter() = default;

void RecordWriter::StartFile(int64_t file_id, Kind kind, size_t rows_hint) {
  if (!pending_.empty()) throw std::logic_error("RecordWriter: a new file before Settle");
  file_ = file_id;
  kind_ = kind;
  file_settled_before_ = false;
  rows_hint_ = rows_hint;
  tx_.Expect(kind, rows_hint);
  seen_ = nullptr;
}

void RecordWriter::Write(const Record& record, uint32_t tag) {
  if (file_ < 0) throw std::logic_error("RecordWriter: a record before StartFile");
  const KindSpec& spec = SpecOf(kind_);
  Pending p;
  p.content = ContentHash(record, &buffer_);
  p.counted = IsCounted(spec, record);
  p.key = p.counted ? Hash128{} : IdKey(spec, record, &buffer_);
  p.ord = next_ord_++;
  p.line = record.line;
  p.tag = tag;
  tx_.Append(kind_, p.ord, record, p.content, file_);
  pending_.push_back(p);
}

void RecordWriter::Settle(const std::function<void(const Settled&)>& settled) {
  if (pending_.empty()) return;
  Scratch& x = *scratch_;
  x.keyed.clear();
  x.counted.clear();
  for (uint32_t i = 0; i < pending_.size(); ++i)
    (pending_[i].counted ? x.counted : x.keyed).push_back(i);
  x.out.assign(pending_.size(), Settled{});
  Changes changes;
  SettleKeyed(x.keyed, &x.out, &changes);
  SettleCounted(x.counted, &x.out, &changes);

  std::sort(changes.touches.begin(), changes.touches.end(),
            [](const Changes::Touch& a, const Changes::Touch& b) { return a.ord < b.ord; });
  for (const Changes::Touch& t : changes.touches) tx_.Touch(kind_, t.ord, t.file, t.line);
  for (const auto& [stored, appended] : changes.revisions) tx_.Revise(kind_, stored, appended);
  std::sort(changes.removals.begin(), changes.removals.end());
  for (int64_t ord : changes.removals) tx_.Remove(kind_, ord);

  pending_.clear();
  file_settled_before_ = true;
  for (const Settled& s : x.out) settled(s);
}

// Records with an id: each key's records in the order they were read, against the version
// stored before the batch. The key of a new one is added naming its first record.
void RecordWriter::SettleKeyed(std::vector<uint32_t>& rows, std::vector<Settled>* out,
                               Changes* changes) {
  if (rows.empty()) return;
  // The rows of each key, chained in read order; keys in the order they first come.
  constexpr uint32_t kEnd = UINT32_MAX;
  Scratch& x = *scratch_;
  HashIndex& groups = x.index;
  groups.Reset(rows.size());
  std::vector<uint32_t>& first = x.first;
  std::vector<uint32_t>& last = x.last;
  std::vector<uint32_t>& next = x.next;
  first.clear();
  last.clear();
  next.assign(pending_.size(), kEnd);
  for (uint32_t r : rows) {
    const uint32_t g = groups.FindOrAdd(pending_[r].key, static_cast<uint32_t>(first.size()));
    if (g == first.size()) {
      first.push_back(r);
      last.push_back(r);
    } else {
      next[last[g]] = r;
      last[g] = r;
    }
  }
  std::vector<std::pair<Hash128, int64_t>>& keys = x.keys;
  keys.clear();
  for (uint32_t r : first) keys.emplace_back(pending_[r].key, pending_[r].ord);
  std::vector<std::optional<StoredVersion>>& found = x.found;
  tx_.FindOrAddKeys(kind_, keys, &found);
  const int64_t import = tx_.import_id();
  for (size_t g = 0; g < first.size(); ++g) {
    std::optional<StoredVersion>& current = found[g];
    for (uint32_t r = first[g]; r != kEnd; r = next[r]) {
      const Pending& p = pending_[r];
      Settled& s = (*out)[r];
      s.tag = p.tag;
      if (!current) {
        s.outcome = WriteOutcome::kInserted;
        current = StoredVersion{p.ord, p.content, import, file_, p.line};
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
}

// Records without an id: the j-th copy of a content in this file is keyed (content, j). A
// key stored already is a copy some file kept before (this one's copy is not kept again).
void RecordWriter::SettleCounted(std::vector<uint32_t>& rows, std::vector<Settled>* out,
                                 Changes* changes) {
  if (rows.empty()) return;
  // Each copy's number: its place among the batch's copies of its content, after the copies
  // earlier batches of the file held (only a file longer than a batch has those, and only
  // of a content its filter may have seen).
  Scratch& x = *scratch_;
  HashIndex& contents = x.index;
  contents.Reset(rows.size());
  std::vector<int64_t>& copies = x.copies;  // per content: the copies numbered so far
  copies.clear();
  std::vector<int64_t>& copy = x.copy;
  copy.assign(pending_.size(), 0);
  for (uint32_t r : rows) {
    Pending& p = pending_[r];
    const uint32_t c = contents.FindOrAdd(p.content, static_cast<uint32_t>(copies.size()));
    if (c == copies.size()) {
      const bool maybe_before =
          file_settled_before_ && seen_ != nullptr && seen_->MaySee(p.content);
      copies.push_back(maybe_before ? CopiesBefore(p.content) : 0);
    }
    copy[r] = ++copies[c];
    p.key = CopyKey(p.content, copy[r]);
  }
  // Only a file longer than a batch needs to remember the contents of its earlier batches:
  // one whose batch is full may be one.
  if (seen_ == nullptr && pending_.size() >= batch_)
    seen_ = std::make_unique<CopyFilter>(std::max(rows_hint_, 2 * batch_));
  if (seen_ != nullptr) {
    for (uint32_t r : rows) seen_->Add(pending_[r].content);
  }
  std::vector<std::pair<Hash128, int64_t>>& keys = x.keys;
  keys.clear();
  for (uint32_t r : rows) keys.emplace_back(pending_[r].key, pending_[r].ord);
  std::vector<std::optional<StoredVersion>>& found = x.found;
  tx_.FindOrAddKeys(kind_, keys, &found);
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t r = rows[i];
    const Pending& p = pending_[r];
    Settled& s = (*out)[r];
    s.tag = p.tag;
    if (!found[i]) {
      s.outcome = copy[r] == 1 ? WriteOutcome::kInserted : WriteOutcome::kCopyKept;
    } else {
      s.outcome = copy[r] == 1 ? WriteOutcome::kUnchanged : WriteOutcome::kCopyAlreadyKept;
      s.other_file = found[i]->file_id;
      s.other_line = found[i]->line;
      changes->touches.push_back({found[i]->ord, file_, p.line});
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
