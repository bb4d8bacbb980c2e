#include "base/csv.h"

namespace hoyo::base {

std::string csv_text(std::string_view s) {
  std::string cell;
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    cell = "'";
  }
  cell.append(s);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_number(std::int64_t n) { return std::to_string(n); }

void CsvRow::next() {
  if (!first_) out_ += ',';
  first_ = false;
}

CsvRow& CsvRow::text(std::string_view s) {
  next();
  out_ += csv_text(s);
  return *this;
}

CsvRow& CsvRow::number(std::int64_t n) {
  next();
  out_ += csv_number(n);
  return *this;
}

CsvRow& CsvRow::empty() {
  next();
  return *this;
}

std::string CsvRow::take() {
  std::string row = std::move(out_);
  row += "\r\n";
  out_.clear();
  first_ = true;
  return row;
}

}  // namespace hoyo::base
