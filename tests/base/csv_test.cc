// CSV cells that open safely in a spreadsheet: text that could start a
// formula is neutralised, numbers stay numbers.
#include "base/csv.h"

#include <gtest/gtest.h>

namespace hoyo::base {
namespace {

TEST(Csv, TextThatCouldStartAFormulaIsNeutralised) {
  EXPECT_EQ(csv_text("=HYPERLINK(\"http://evil\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  EXPECT_EQ(csv_text("+81 3"), "'+81 3");
  EXPECT_EQ(csv_text("-2+3"), "'-2+3");
  EXPECT_EQ(csv_text("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_text("\tcmd"), "'\tcmd");
  EXPECT_EQ(csv_text("\r=1"), "\"'\r=1\"");
}

TEST(Csv, OrdinaryTextIsKeptAndQuotedOnlyWhenItMustBe) {
  EXPECT_EQ(csv_text("港 花子"), "港 花子");
  EXPECT_EQ(csv_text("10000012"), "10000012");
  EXPECT_EQ(csv_text("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_text("2027-03-01"), "2027-03-01");
  EXPECT_EQ(csv_text(""), "");
}

TEST(Csv, NumbersStayNumbersEvenNegative) {
  EXPECT_EQ(csv_number(-3200), "-3200");
  // A price difference (issue 17) is written as a number: as text it would be
  // taken for a formula and neutralised.
  EXPECT_EQ(csv_number(-1200), "-1200");
  EXPECT_EQ(csv_text("-1200"), "'-1200");
  EXPECT_EQ(CsvRow().text("=x").number(-5).empty().text("ok").take(), "'=x,-5,,ok\r\n");
}

}  // namespace
}  // namespace hoyo::base
