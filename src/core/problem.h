// Expected failures as values: every problem with the input says where it is and why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace csperf {

// What kind of failure a problem is: a front-end branches on it (the command line's exit
// status, the server's HTTP status), a person reads the reason.
enum class ProblemCode {
  kBadInput,     // a bad file, row, option, template or request: fix the input
  kNotFound,     // what was asked for does not exist (a store, an agent, a cycle)
  kForbidden,    // the acting user may not do this
  kConflict,     // it clashes with what is there (the same id twice, a changed record)
  kWrongState,   // not in this state (rating a closed cycle)
  kTooLarge,     // over a size limit
  kUnavailable,  // the store or a file cannot be reached or written now (disk full, locked)
};

// The code's name in problem lists and logs: "bad_input", "not_found", ….
const char* ProblemCodeName(ProblemCode code);

// Where a problem sits. Empty file / zero line means "not tied to that level".
struct Place {
  std::string file;
  int64_t line = 0;   // 1-based physical line where the record starts; 0 = whole file
  int column = 0;     // 1-based column (field index) in the row; 0 = whole row
  std::string field;  // column name or path, e.g. "sent_at" or "shops.main.session_gap"
};

struct Problem {
  Place place;
  std::string value;   // the offending text, possibly shortened
  std::string reason;  // what is wrong and, where possible, what to do
  ProblemCode code = ProblemCode::kBadInput;

  // "messages.csv:12:4 (sent_at) '2024-13-01': month 13 is not a month"
  std::string ToString() const;
};

Problem MakeProblem(std::string reason, std::string value = {}, Place place = {});
// The same with a code other than bad input.
Problem MakeProblem(ProblemCode code, std::string reason, std::string value = {}, Place place = {});

// A value or the problem that prevented it. Used wherever failure is an expected outcome.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Problem problem) : state_(std::move(problem)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Problem& problem() const { return std::get<1>(state_); }
  Problem& problem() { return std::get<1>(state_); }

 private:
  std::variant<T, Problem> state_;
};

// For operations that return nothing on success.
class Status {
 public:
  Status() = default;
  Status(Problem problem) : problem_(std::move(problem)) {}  // NOLINT
  static Status Ok() { return Status(); }
  bool ok() const { return !problem_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Problem& problem() const { return *problem_; }

 private:
  std::optional<Problem> problem_;
};

// Shortens a value for display in a report, on a UTF-8 character boundary.
std::string ShortenForReport(std::string_view value, size_t max_bytes = 60);

}  // namespace csperf
