// The reservations' CSV export over HTTP (O6, issue 17 "CSV exports keep
// numbers as numbers"): after a change that made a stay cheaper, the row's
// 料金 is the new total written as a plain number, while a text cell that a
// spreadsheet would read as a negative amount or a formula is neutralised.
#include <vector>

#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class CsvExportRoutes : public OperatorAndResident {
 protected:
  // The cells of the export's row of reservation `number` (split on commas:
  // the row's cells here hold none), read at position `at`.
  std::vector<std::string> row_of(const std::string& user, const std::string& number,
                                  const std::string& at) {
    Request csv = make(bhttp::verb::get, "/api/operator/reservations.csv?userNumber=" + user, op_);
    csv.set("X-Min-Position", at);
    const std::string text = send(csv).body();
    const auto start = text.find("\r\n" + number + ",");
    EXPECT_NE(start, std::string::npos) << text;
    if (start == std::string::npos) return {};
    const std::string row = text.substr(start + 2, text.find("\r\n", start + 2) - start - 2);
    std::vector<std::string> cells;
    for (std::size_t from = 0;;) {
      const auto comma = row.find(',', from);
      cells.push_back(row.substr(from, comma - from));
      if (comma == std::string::npos) return cells;
      from = comma + 1;
    }
  }
};

TEST_F(CsvExportRoutes, ACheaperChangeExportsItsTotalAsANumberAndNamesAsText) {
  // A user whose name reads like a negative amount.
  Response user = add_resident(op_, "-3350", "マイナス　タロウ");
  ASSERT_EQ(user.result(), bhttp::status::created) << user.body();
  const std::string who(body(user).at("userNumber").as_string());
  const json::array two_adults{json::object{{"adults", 2}, {"children", 0}, {"infants", 0}}};
  Response booked = post("/api/operator/reservations", op_,
                         json::object{{"userNumber", who},
                                      {"facilityId", "ohiradai"},
                                      {"checkIn", day(12)},
                                      {"nights", 1},
                                      {"guests", two_adults}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  const std::int64_t before = body(booked).at("price").at("total").as_int64();

  // One adult fewer: cheaper, a negative difference.
  const json::array one_adult{json::object{{"adults", 1}, {"children", 0}, {"infants", 0}}};
  Response changed = send(bhttp::verb::patch, "/api/operator/reservations/" + number, op_,
                          json::object{{"guests", one_adult}});
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  const std::int64_t after = body(changed).at("price").at("total").as_int64();
  const std::int64_t difference = body(changed).at("priceDifference").as_int64();
  ASSERT_LT(difference, 0);
  EXPECT_EQ(after, before + difference);

  const std::vector<std::string> cells = row_of(who, number, position(changed));
  ASSERT_EQ(cells.size(), 15u);  // the header's 15 columns
  EXPECT_EQ(cells[0], number);
  EXPECT_EQ(cells[2], "'-3350");                // text that looks like a number: neutralised
  EXPECT_EQ(cells[12], std::to_string(after));  // 料金: the new total, a plain number
  EXPECT_EQ(cells[5], "1");                     // 泊数
  EXPECT_EQ(cells[6], "1");                     // 1泊目人数: the change's people
  for (int numeric : {5, 6, 12}) {
    ASSERT_FALSE(cells[numeric].empty());
    EXPECT_TRUE(cells[numeric].find_first_not_of("0123456789") == std::string::npos)
        << "cell " << numeric << ": " << cells[numeric];
  }
}

}  // namespace
}  // namespace hoyo::http
