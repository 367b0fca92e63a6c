#include "import/source_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/text.h"
#include "import/header_map.h"

namespace csperf {
namespace fs = std::filesystem;
namespace {

bool IsCsvName(const fs::path& p) {
  std::string ext = ToLowerAscii(p.extension().string());
  return ext == ".csv" || ext == ".txt";
}

bool IsQaFormPath(const fs::path& p) {
  return ToLowerAscii(p.extension().string()) == ".toml" &&
         (p.parent_path().filename() == "qa_forms" || p.stem().string().ends_with(".qaform"));
}

Status AddFolder(FileSystem& files, const std::string& folder, std::vector<SourceFile>* out) {
  auto found = files.FilesUnder(folder);
  if (!found.ok()) return found.problem();
  for (const std::string& path : *found) {
    const fs::path p(path);
    if (IsCsvName(p)) {
      out->push_back({p.string(), p.filename().string(), false});
    } else if (IsQaFormPath(p)) {
      out->push_back({p.string(), p.filename().string(), true});
    }
  }
  return Status::Ok();
}

Status AddPath(FileSystem& files, const std::string& path, std::vector<SourceFile>* out) {
  const PathKind kind = files.KindOf(path);
  if (kind == PathKind::kFolder) return AddFolder(files, path, out);
  if (kind == PathKind::kFile) {
    const fs::path p(path);
    out->push_back({p.string(), p.filename().string(), IsQaFormPath(p)});
    return Status::Ok();
  }
  if (path.find_first_of("*?[") != std::string::npos) {
    auto matches = files.Glob(path);
    if (!matches.ok()) return matches.problem();
    if (matches->empty()) return MakeProblem("no file matches this pattern", {}, Place{path});
    for (const std::string& match : *matches) {
      Status s = AddPath(files, match, out);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  return MakeProblem("no such file or folder", {}, Place{path});
}

}  // namespace

Result<std::vector<SourceFile>> DiscoverSources(const std::vector<std::string>& paths) {
  return DiscoverSources(paths, RealFileSystem());
}

Result<std::vector<SourceFile>> DiscoverSources(const std::vector<std::string>& paths,
                                                FileSystem& file_system) {
  std::vector<SourceFile> files;
  for (const std::string& path : paths) {
    Status s = AddPath(file_system, path, &files);
    if (!s.ok()) return s.problem();
  }
  std::sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) {
    return std::tie(a.name, a.path) < std::tie(b.name, b.path);
  });
  std::set<std::string> seen;
  std::vector<SourceFile> unique;
  for (SourceFile& f : files) {
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(f.path, ec).string();
    if (seen.insert(ec ? f.path : canonical).second) unique.push_back(std::move(f));
  }
  return unique;
}

std::optional<Kind> KindFromFileName(const std::string& path, const Profile* profile) {
  fs::path p(path);
  std::string name = p.filename().string();
  if (profile) {
    for (const auto& [kind, mapping] : profile->kinds) {
      for (const std::string& pattern : mapping.file_patterns) {
        if (GlobMatch(pattern, name)) return kind;
      }
    }
  }
  std::string stem = ToLowerAscii(p.stem().string());
  std::string folder = ToLowerAscii(p.parent_path().filename().string());
  // Longest name first, so "case_events_x" is not taken for "cases".
  std::optional<Kind> best;
  size_t best_length = 0;
  for (const KindSpec& spec : AllKinds()) {
    std::string_view k = spec.name;
    bool match =
        stem == k || (stem.size() > k.size() && stem.starts_with(k) &&
                      std::string_view("_-. ").find(stem[k.size()]) != std::string_view::npos);
    if (match && k.size() > best_length) {
      best = spec.kind;
      best_length = k.size();
    }
  }
  if (best) return best;
  return KindFromName(folder);
}

Result<std::unique_ptr<OpenedSource>> OpenedSource::Open(const SourceFile& file,
                                                         const SourceOptions& options,
                                                         std::shared_ptr<const TimeZone> zone) {
  std::unique_ptr<OpenedSource> source(new OpenedSource());
  source->path_ = file.path;
  FileSystem& files = options.files != nullptr ? *options.files : RealFileSystem();
  auto mapped = files.Map(file.path);
  if (!mapped.ok()) return mapped.problem();
  source->file_ = std::move(*mapped);
  source->bytes_ = source->file_->bytes().size();
  // A large file's pages are let go once checked, and again as its rows are read: the file
  // counts against the process's memory only a little at a time.
  const MappedFile& in = *source->file_;
  auto decoded =
      DecodeToUtf8(in.bytes(), [&in](size_t begin, size_t end) { in.Release(begin, end); });
  if (!decoded.ok()) {
    Problem p = decoded.problem();
    p.place.file = file.path;
    return p;
  }
  source->decoded_ = std::move(*decoded);
  source->encoding_ = source->decoded_.encoding;
  source->reader_ = std::make_unique<CsvReader>(source->decoded_.text());

  CsvRecord header;
  if (!source->reader_->Next(&header) || Trim(source->decoded_.text()).empty()) {
    return MakeProblem("the file is empty: it has not even a header row", {}, Place{file.path});
  }
  if (!header.ok()) {
    return MakeProblem("the header row is malformed: " + header.error, {},
                       Place{file.path, header.line, header.error_column});
  }
  std::vector<std::string_view> names = header.fields;
  source->header_text_ = std::string(header.raw);

  std::optional<Kind> kind = KindFromFileName(file.path, options.profile);
  if (!kind) {
    // Recognise the kind by its header: the kind whose columns the header names best.
    int best = 0;
    bool tie = false;
    for (const KindSpec& spec : AllKinds()) {
      const KindMapping* m = options.profile ? options.profile->For(spec.kind) : nullptr;
      if (!MapHeader(spec, names, m, file.path, header.line).ok()) continue;
      int known = CountKnownColumns(spec, names, m);
      if (known > best) {
        best = known;
        kind = spec.kind;
        tie = false;
      } else if (known == best) {
        tie = true;
      }
    }
    if (!kind || tie) {
      return MakeProblem(
          "cannot tell which kind of records this file holds: name it after its kind "
          "(messages.csv, orders_2024-01.csv, …), put it in a folder named after the kind, or "
          "give a --profile whose file patterns match it",
          {}, Place{file.path});
    }
  }
  source->kind_ = *kind;
  const KindSpec& spec = SpecOf(*kind);
  if (options.profile) {
    if (const KindMapping* m = options.profile->For(*kind)) {
      source->mapping_ = *m;
      source->has_mapping_ = true;
    }
  }
  if (!options.default_shop.empty() && ColumnIndex(spec, "shop") >= 0 &&
      !source->mapping_.defaults.count("shop")) {
    source->mapping_.kind = *kind;
    source->mapping_.defaults["shop"] = options.default_shop;
    source->has_mapping_ = true;
  }
  const KindMapping* mapping = source->has_mapping_ ? &source->mapping_ : nullptr;
  auto map = MapHeader(spec, names, mapping, file.path, header.line);
  if (!map.ok()) return map.problem();
  source->parser_ =
      std::make_unique<RowParser>(spec, std::move(*map), mapping, std::move(zone), file.path);
  return source;
}

bool OpenedSource::Next(Record* out, bool* good, std::vector<Problem>* problems,
                        std::string_view* raw) {
  if (!reader_->Next(&row_)) return false;
  *raw = row_.raw;
  if (!decoded_.uses_owned) {
    constexpr size_t kReleaseEvery = size_t{32} << 20;
    const auto at = static_cast<size_t>(row_.raw.data() - file_->bytes().data());
    if (at - released_ >= kReleaseEvery) {
      file_->Release(released_, at);
      released_ = at;
    }
  }
  *good = parser_->Parse(row_, out, problems);
  return true;
}

}  // namespace csperf
