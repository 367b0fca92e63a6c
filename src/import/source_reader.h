// From paths on the command line to streams of parsed records: finding the files, telling
// each file's kind, decoding it, matching its header and parsing its rows. Both the import
// into the store and the store-less reports read input through here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/file_system.h"
#include "core/problem.h"
#include "core/time_zone.h"
#include "domain/kinds.h"
#include "domain/record.h"
#include "import/row_parser.h"
#include "io/csv_reader.h"
#include "io/encoding.h"
#include "io/profile.h"

namespace csperf {

struct SourceFile {
  std::string path;
  std::string name;  // the file name without folders: input order sorts by it
  bool qa_form = false;
};

// Expands files, folders (their CSV files and a qa_forms/ folder of QA form files) and
// glob patterns, in input order: by file name, then path. Names no file twice.
Result<std::vector<SourceFile>> DiscoverSources(const std::vector<std::string>& paths,
                                                FileSystem& files);
// The same on the machine's file system.
Result<std::vector<SourceFile>> DiscoverSources(const std::vector<std::string>& paths);

// The kind a file's name tells ("messages.csv", "orders_2024-01.csv", "cases/x.csv"), or the
// kind whose file patterns in the profile match it.
std::optional<Kind> KindFromFileName(const std::string& path, const Profile* profile);

struct SourceOptions {
  const Profile* profile = nullptr;
  std::string default_shop;     // fills an absent or empty shop column
  FileSystem* files = nullptr;  // none: the machine's
};

class OpenedSource {
 public:
  // Refuses (with a problem naming the file) what cannot be read at all: unreadable, empty,
  // of an unknown encoding, of an unknown kind, or missing required columns.
  static Result<std::unique_ptr<OpenedSource>> Open(const SourceFile& file,
                                                    const SourceOptions& options,
                                                    std::shared_ptr<const TimeZone> zone);

  Kind kind() const { return kind_; }
  Encoding encoding() const { return encoding_; }
  size_t bytes() const { return bytes_; }
  const std::string& path() const { return path_; }
  const std::string& header_text() const { return header_text_; }

  // Parses the next row into `out`; false at the end. A bad row returns true with its
  // problems appended and `*good` false. `raw` is the row's text in the file.
  bool Next(Record* out, bool* good, std::vector<Problem>* problems, std::string_view* raw);

 private:
  OpenedSource() = default;

  std::string path_;
  Kind kind_ = Kind::kAgents;
  Encoding encoding_ = Encoding::kUtf8;
  size_t bytes_ = 0;
  std::unique_ptr<MappedFile> file_;
  DecodedText decoded_;
  std::unique_ptr<CsvReader> reader_;
  KindMapping mapping_;  // the profile's mapping plus option defaults
  bool has_mapping_ = false;
  std::unique_ptr<RowParser> parser_;
  std::string header_text_;
  CsvRecord row_;
  size_t released_ = 0;  // the mapped bytes before this were let go (a view of the file only)
};

}  // namespace csperf
