#include "mail_files.h"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "eventually.h"

namespace hoyo::testing {
namespace {

std::string base64_decode(const std::string& in) {
  std::string clean;
  for (char c : in) {
    if (c != '\r' && c != '\n') clean += c;
  }
  std::string out(clean.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()),
                                static_cast<int>(clean.size()));
  if (n < 0) return {};
  out.resize(n);
  while (!clean.empty() && clean.back() == '=') {  // EVP_DecodeBlock keeps padding bytes
    clean.pop_back();
    if (!out.empty()) out.pop_back();
  }
  return out;
}

}  // namespace

std::vector<MailFile> read_mail_files(const std::string& dir) {
  std::vector<MailFile> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".eml") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    const std::size_t split = all.find("\r\n\r\n");
    if (split == std::string::npos) continue;
    MailFile m;
    const std::string head = all.substr(0, split);
    const std::size_t to = head.find("\r\nTo: ");
    if (to != std::string::npos) m.to = head.substr(to + 6, head.find("\r\n", to + 6) - to - 6);
    m.body = base64_decode(all.substr(split + 4));
    out.push_back(std::move(m));
  }
  return out;
}

std::string mailed_activation_code(const std::string& dir, const std::string& to) {
  const std::string label = "アクティベーションコード: ";
  std::string code;
  (void)eventually([&] {
    for (const MailFile& m : read_mail_files(dir)) {
      const std::size_t at = m.body.find(label);
      if (m.to != to || at == std::string::npos) continue;
      code = m.body.substr(at + label.size(), 19);
      return true;
    }
    return false;
  });
  return code;
}

}  // namespace hoyo::testing
