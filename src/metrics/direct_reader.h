// `--data` without a store, for the two kinds that hold nearly all of a month's bytes:
// messages and orders are read straight from their file into the Dataset, on every core
// (the messages a run of one customer's rows at a time, kept as chats: chat_keeper.h).
//
// Only the plain case is taken: one file of the kind, UTF-8 without stray control
// characters, a header the importer maps with no profile and no unknown columns. Cells in
// their usual form (a trimmed text, a canonical word, "2024-01-05 10:00:00", "1299.00") are
// decoded on a fast path; any other cell sends its row through the importer's own RowParser,
// so every value is the importer's. A row the importer would refuse, or an id seen twice,
// hands the whole file back to the general path, which reads and reports it exactly as
// `csperf import` would. Records land in file order and strings are interned in order of
// first appearance, as the general path does, so the Dataset is the same either way.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/executor.h"
#include "core/time_zone.h"
#include "domain/kinds.h"
#include "metrics/dataset.h"

namespace csperf::metrics {

struct DirectReadOptions {
  int parts = 0;                    // parts read at once; 0: as many as the executor runs
  size_t min_part_bytes = 1 << 20;  // smaller parts are not worth a thread
  Executor* executor = nullptr;     // none: the process's pool (DefaultEnv)
};
Executor& ExecutorOf(const DirectReadOptions& options);

// Appends the file's records to `data` and returns true, or returns false and leaves `data`
// as it was. Messages come first, into a Dataset that holds none yet.
bool ReadDirect(const std::string& path, Kind kind, std::shared_ptr<const TimeZone> zone,
                const DirectReadOptions& options, Dataset* data);

// A run of one customer's messages, one after another in input order, as a part of the
// messages meets it. A customer may have more runs, in this part or another.
struct CustomerRun {
  Id customer;                   // in the part's numbering (the same for each of its runs)
  Id shop;                       // in the part's numbering
  std::string_view key;          // "shop\x1Fcustomer_id", as Dataset::customers keys them
  std::string_view customer_id;  // the key's customer_id
  // In input order; accounts and conversations in the part's numbering (`customer` unset).
  std::span<const Message> messages;
  uint32_t first_index;  // how many messages the part read before the run
};

// What a part has numbered so far: every id of the runs handed over is below its pool's size.
struct PartPools {
  const StringPool& shops;
  const StringPool& customers;
  const StringPool& accounts;
  const StringPool& conversations;
};

// A part's pools once it is read: they number everything the part handed over.
struct RunPools {
  StringPool shops, customers, accounts, conversations;
};

// Takes a part's runs, on the part's thread.
class RunSink {
 public:
  virtual ~RunSink() = default;
  virtual void Take(const CustomerRun& run, const PartPools& pools) = 0;
  // A sink may take the runs of several chunks of the input, one after another, in any
  // order: runs come between BeginChunk and EndChunk (which says how many messages the
  // chunk held; a run's first_index counts from the chunk's start).
  virtual void BeginChunk(size_t /*chunk*/) {}
  virtual void EndChunk(size_t /*chunk*/, uint32_t /*messages*/) {}
  // After the last chunk: the pools that number everything the sink was handed.
  virtual void End(RunPools pools) = 0;
};

using RunSinkMaker = std::function<std::unique_ptr<RunSink>(size_t part)>;

// Cuts messages met in input order into runs of one customer's, numbering shops, customers,
// accounts and conversations as they come, and hands each run to the sink.
class RunBuilder {
 public:
  // `customers`: about how many customers to expect (room is made for them up front).
  RunBuilder(RunSink* sink, size_t customers) : sink_(sink) { pools_.customers.Reserve(customers); }
  // The chunk whose messages come next (none before: chunk 0).
  void BeginChunk(size_t chunk);
  // One message (`copies` times, as a store keeps a message given more than once).
  void Add(std::string_view shop, std::string_view customer, Sender sender, Instant at,
           std::string_view account, std::string_view conversation, int64_t copies = 1);
  // The chunk's messages are all in: its last run is handed over.
  void EndChunk();
  // Hands over the pools.
  void End();

 private:
  void StartRun(Id shop, std::string_view shop_name, std::string_view customer);
  void Flush();

  RunSink* sink_;
  RunPools pools_;
  LastSeen last_shop_, last_account_, last_conversation_;
  std::vector<Message> run_;  // reused
  Id run_shop_ = kNone;
  std::string run_key_;            // "shop\x1Fcustomer_id"
  std::string_view run_customer_;  // its customer_id
  uint64_t run_hash_ = 0;          // of run_key_: its slot is fetched while the run is read
  uint32_t first_index_ = 0;       // in the chunk
  size_t chunk_ = 0;
  bool in_chunk_ = false;
};

// Reads a plain messages file (what ReadDirect reads) in chunks on every core: each core's sink (made by make_sink(core)) takes the runs of the
// chunks that core reads, the next chunk going to the core that is free first. True when the
// file was read so with no message id twice; otherwise false and no sinks.
bool ReadCustomerRuns(const std::string& path, const std::shared_ptr<const TimeZone>& zone,
                      const DirectReadOptions& options, const RunSinkMaker& make_sink,
                      std::vector<std::unique_ptr<RunSink>>* sinks);

}  // namespace csperf::metrics
