#include "export/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "export/column_width.h"
#include "export/output_file.h"

namespace csperf::exporting {
namespace {

constexpr lxw_color_t kHeaderFill = 0xDDEBF7;
constexpr lxw_color_t kEnglishGrey = 0x595959;
constexpr size_t kFormats = static_cast<size_t>(NumberFormat::kHours) + 1;

// The formats of one workbook: two header rows, and every number format for data cells and
// for the totals row.
struct Styles {
  lxw_format* header_zh = nullptr;
  lxw_format* header_en = nullptr;
  std::array<lxw_format*, kFormats> data{};
  std::array<lxw_format*, kFormats> summary{};

  lxw_format* For(const Cell& cell, bool summary_row) const {
    const auto i = static_cast<size_t>(cell.format);
    return summary_row ? summary[i] : data[i];
  }
};

Styles MakeStyles(lxw_workbook* wb) {
  Styles s;
  s.header_zh = workbook_add_format(wb);
  format_set_bold(s.header_zh);
  format_set_bg_color(s.header_zh, kHeaderFill);
  format_set_align(s.header_zh, LXW_ALIGN_CENTER);
  format_set_align(s.header_zh, LXW_ALIGN_VERTICAL_CENTER);
  s.header_en = workbook_add_format(wb);
  format_set_italic(s.header_en);
  format_set_font_color(s.header_en, kEnglishGrey);
  format_set_bg_color(s.header_en, kHeaderFill);
  format_set_bottom(s.header_en, LXW_BORDER_THIN);
  format_set_align(s.header_en, LXW_ALIGN_CENTER);
  format_set_align(s.header_en, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap(s.header_en);  // long English names wrap (column_width.h)
  for (size_t i = 0; i < kFormats; ++i) {
    const char* code = FormatCode(static_cast<NumberFormat>(i));
    s.data[i] = workbook_add_format(wb);
    s.summary[i] = workbook_add_format(wb);
    format_set_bold(s.summary[i]);
    format_set_top(s.summary[i], LXW_BORDER_THIN);
    if (*code != '\0') {
      format_set_num_format(s.data[i], code);
      format_set_num_format(s.summary[i], code);
    }
  }
  return s;
}

// The first error of a sheet, as text.
struct Errors {
  lxw_error first = LXW_NO_ERROR;
  std::string where;
  void Check(lxw_error e, const Sheet& sheet, size_t row, size_t col) {
    if (e == LXW_NO_ERROR || first != LXW_NO_ERROR) return;
    first = e;
    where = sheet.name + "!" + ColumnLetters(col) + std::to_string(row + 1);
  }
};

// Page-header text: "&" is a control character there.
std::string PageHeaderText(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '&' ? std::string("&&") : std::string(1, c);
  return out;
}

void WriteSheet(lxw_worksheet* ws, const Sheet& sheet, const Workbook& workbook,
                const Styles& styles, Errors* errors) {
  const auto header_rows = static_cast<lxw_row_t>(Sheet::kHeaderRows);
  for (size_t col = 0; col < sheet.columns.size(); ++col) {
    const auto c = static_cast<lxw_col_t>(col);
    errors->Check(worksheet_write_string(ws, 0, c, sheet.columns[col].zh.c_str(), styles.header_zh),
                  sheet, 0, col);
    errors->Check(worksheet_write_string(ws, 1, c, sheet.columns[col].en.c_str(), styles.header_en),
                  sheet, 1, col);
    errors->Check(worksheet_set_column(ws, c, c, SuggestedWidth(sheet, col), nullptr), sheet, 0,
                  col);
  }
  size_t data_rows = 0;
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const Row& row = sheet.rows[r];
    if (!row.summary) ++data_rows;
    const auto xr = static_cast<lxw_row_t>(header_rows + r);
    for (size_t col = 0; col < row.cells.size(); ++col) {
      const Cell& cell = row.cells[col];
      const auto xc = static_cast<lxw_col_t>(col);
      lxw_format* format = styles.For(cell, row.summary);
      lxw_error e = LXW_NO_ERROR;
      if (cell.blank) {
        e = worksheet_write_blank(ws, xr, xc, format);
      } else if (!cell.formula.empty()) {
        e = worksheet_write_formula_num(ws, xr, xc, ("=" + cell.formula).c_str(), format,
                                        cell.number);
      } else if (cell.is_number()) {
        e = worksheet_write_number(ws, xr, xc, cell.number, format);
      } else {
        e = worksheet_write_string(ws, xr, xc, cell.text.c_str(), format);
      }
      errors->Check(e, sheet, header_rows + r, col);
    }
  }
  const int frozen = std::min<int>(sheet.frozen_columns, static_cast<int>(sheet.columns.size()));
  worksheet_freeze_panes(ws, header_rows, static_cast<lxw_col_t>(std::max(frozen, 0)));
  if (!sheet.columns.empty()) {
    const auto last_col = static_cast<lxw_col_t>(sheet.columns.size() - 1);
    errors->Check(
        worksheet_autofilter(ws, header_rows - 1, 0,
                             static_cast<lxw_row_t>(header_rows - 1 + data_rows), last_col),
        sheet, header_rows - 1, 0);
  }
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  errors->Check(worksheet_repeat_rows(ws, 0, header_rows - 1), sheet, 0, 0);
  const std::string page_header = "&C" + PageHeaderText(workbook.title + " — " + sheet.name);
  errors->Check(worksheet_set_header(ws, page_header.c_str()), sheet, 0, 0);
  errors->Check(worksheet_set_footer(ws, "&C&P / &N"), sheet, 0, 0);
}

Problem XlsxProblem(const std::string& path, const std::string& reason) {
  return MakeProblem(reason, {}, Place{path});
}

}  // namespace

Status WriteXlsx(const Workbook& workbook, const std::string& path) {
  Status usable = CheckOutputPath(path);
  if (!usable.ok()) return usable;
  Status created = CreatePartial(path);
  if (!created.ok()) return created;
  const std::string partial = PartialPath(path);
  lxw_workbook_options options{};
  lxw_workbook* wb = workbook_new_opt(partial.c_str(), &options);
  if (wb == nullptr) {
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    return XlsxProblem(path, "cannot start the workbook (out of memory?)");
  }

  lxw_doc_properties properties{};
  std::string title = workbook.title;
  std::string author = "csperf";
  properties.title = title.data();
  properties.author = author.data();
  workbook_set_properties(wb, &properties);

  const Styles styles = MakeStyles(wb);
  Errors errors;
  std::string bad_sheet;
  for (size_t i = 0; i < workbook.sheets.size(); ++i) {
    const Sheet& sheet = workbook.sheets[i];
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (ws == nullptr) {
      bad_sheet = sheet.name;
      break;
    }
    WriteSheet(ws, sheet, workbook, styles, &errors);
    if (static_cast<int>(i) == workbook.active_sheet) worksheet_activate(ws);
  }
  // Closing writes the file and frees the workbook, whatever happened above.
  const lxw_error closed = workbook_close(wb);
  std::string reason;
  if (!bad_sheet.empty()) {
    reason = "cannot add the sheet '" + bad_sheet + "'";
  } else if (errors.first != LXW_NO_ERROR) {
    reason = "cannot write cell " + errors.where + ": " + lxw_strerror(errors.first);
  } else if (closed != LXW_NO_ERROR) {
    reason = std::string("cannot write the file: ") + lxw_strerror(closed);
  }
  if (!reason.empty()) {
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    return XlsxProblem(path, reason);
  }
  return CommitPartial(partial, path);
}

}  // namespace csperf::exporting
