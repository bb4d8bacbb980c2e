// One error vocabulary (base/status.h), checked on the sources: the old error
// types are gone, nothing translates by matching text, and no error is built
// from free text. The compiler already refuses a string where a MessageId is
// wanted; this catches what could creep back (a second Result type, a regex
// catalogue, a message glued together from strings).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Rule {
  const char* why;
  std::regex pattern;
};

std::vector<std::string> breaches_of(const std::vector<Rule>& rules,
                                     std::initializer_list<const char*> folders) {
  std::vector<std::string> out;
  for (const char* folder : folders) {
    const fs::path root = fs::path(HOYO_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      const std::string ext = e.path().extension().string();
      if (ext != ".h" && ext != ".cc") continue;
      // The types themselves.
      if (fs::relative(e.path(), HOYO_SOURCE_DIR) == fs::path("base/status.h")) continue;
      std::ifstream in(e.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      for (const Rule& r : rules) {
        if (std::regex_search(s, r.pattern)) {
          out.push_back(fs::relative(e.path(), HOYO_SOURCE_DIR).string() + ": " + r.why);
        }
      }
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& b : v) s += b + "\n";
  return s;
}

TEST(ErrorVocabulary, OneStatusAndResultForEveryLayer) {
  const std::vector<Rule> rules = {
      {"domain::Result/DomainError are gone: use base::Result and base::Error",
       std::regex(R"(\bDomainError\b|domain::Result\b|domain/result\.h)")},
      {"eventstore::Status/StatusOr are gone: use base::Status and base::Result",
       std::regex(R"(\bStatusOr\b|eventstore::Status\b|eventstore/status\.h|\bis_ok\(\))")},
      {"errors are not optional<...Error>: return a base::Status",
       std::regex(R"(optional<\s*(base::)?Error\s*>)")},
      {"errors are not variant<T, Error>: return a base::Result<T>",
       std::regex(R"(variant<[^;]*\bError\s*>)")},
  };
  const auto breaches =
      breaches_of(rules, {"base", "domain", "eventstore", "backup", "cluster", "processor",
                          "accounts", "projections", "http", "daemon", "tools"});
  EXPECT_TRUE(breaches.empty()) << joined(breaches);
}

TEST(ErrorVocabulary, NoErrorIsBuiltFromFreeText) {
  const std::vector<Rule> rules = {
      {"an Error or Status from a string: give a MessageId",
       std::regex(R"((Error|Status)\s*\{\s*(base::)?ErrorCode::\w+\s*,\s*(std::string\()?")")},
      {"a braced error from a string: give a MessageId",
       std::regex(R"(\{\s*(base::)?ErrorCode::\w+\s*,\s*(std::string\()?")")},
      {"a field error with a text message: give a MessageId",
       std::regex(R"(validation\(\s*[^,()]+,\s*[^,()]+,\s*(std::string\()?")")},
      {"a field error {field, code, text}: give a MessageId",
       std::regex(R"(\(\{?\{\s*"[A-Za-z.]+"\s*,\s*"[a-z_]+"\s*,\s*(std::string\()?")")},
      {"translation by matching text is gone: render a MessageId",
       std::regex(R"(\blocalize\(|message_catalog|i18n/messages\.h)")},
  };
  const auto breaches =
      breaches_of(rules, {"base", "domain", "eventstore", "backup", "cluster", "processor",
                          "accounts", "projections", "http", "daemon", "tools"});
  EXPECT_TRUE(breaches.empty()) << joined(breaches);
}

TEST(ErrorVocabulary, NoRegexTranslatesMessages) {
  const std::vector<Rule> rules = {
      {"std::regex in the HTTP front", std::regex(R"(std::regex|#include <regex>)")},
  };
  const auto breaches = breaches_of(rules, {"http"});
  EXPECT_TRUE(breaches.empty()) << joined(breaches);
}

}  // namespace
