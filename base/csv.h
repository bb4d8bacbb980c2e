// CSV cells as spreadsheets read them (RFC 4180 quoting, CRLF rows), safe to
// open: a text cell that a spreadsheet would take for a formula (one that
// begins with =, +, -, @, a tab or a carriage return; a registered name such
// as "=HYPERLINK(...)") is neutralised with a leading apostrophe, which
// spreadsheets show as text. Numbers are written as numbers, through
// csv_number, so a negative amount stays a number and not a formula.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoyo::base {

// A text cell: neutralised if it could start a formula, then quoted when it
// holds a comma, a quote or a line break.
std::string csv_text(std::string_view s);
// A numeric cell, as digits with an optional minus sign.
std::string csv_number(std::int64_t n);

// One row: cells separated by commas, ended by CRLF.
class CsvRow {
 public:
  CsvRow& text(std::string_view s);
  CsvRow& number(std::int64_t n);
  CsvRow& empty();
  // The row with its CRLF; the row is left empty for reuse.
  std::string take();

 private:
  void next();
  std::string out_;
  bool first_ = true;
};

}  // namespace hoyo::base
