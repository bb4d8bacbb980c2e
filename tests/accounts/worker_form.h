// A worker's online registration (M9, POST /api/registrations) as the
// multipart/form-data body a browser sends: every field valid, the proof
// document as its `proof` file part.
#pragma once

#include <string>
#include <utility>

namespace hoyo::accounts::testing {

inline constexpr const char* kWorkerFormBoundary = "hoyoWorkerForm7MA4YWxkTrZu0gW";

// The Content-Type header of worker_form's body.
inline std::string worker_form_type() {
  return std::string("multipart/form-data; boundary=") + kWorkerFormBoundary;
}

// One part; with `file_name`, a file of `file_type`.
inline std::string form_part(const std::string& name, const std::string& value,
                             const std::string& file_name = {},
                             const std::string& file_type = "image/png") {
  std::string out = std::string("--") + kWorkerFormBoundary +
                    "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
  if (!file_name.empty()) out += "; filename=\"" + file_name + "\"\r\nContent-Type: " + file_type;
  return out + "\r\n\r\n" + value + "\r\n";
}

// The whole body: `kana` and `email` vary per applicant; `proof`, when not
// empty, is sent as `file_name` of `file_type`.
inline std::string worker_form(const std::string& kana, const std::string& email,
                               const std::string& proof,
                               const std::string& file_name = "shoumei.png",
                               const std::string& file_type = "image/png") {
  const std::pair<const char*, std::string> fields[] = {{"nameKanji", "高輪 一郎"},
                                                        {"nameKana", kana},
                                                        {"birthDate", "1990-05-17"},
                                                        {"postalCode", "108-0074"},
                                                        {"address", "東京都港区高輪1-1-1"},
                                                        {"phone", "03-1234-5678"},
                                                        {"email", email},
                                                        {"category", "worker"},
                                                        {"workplaceName", "港商事"},
                                                        {"workplaceAddress", "東京都港区芝1-1-1"},
                                                        {"consent", "true"}};
  std::string body;
  for (const auto& [k, v] : fields) body += form_part(k, v);
  if (!proof.empty()) body += form_part("proof", proof, file_name, file_type);
  return body + "--" + kWorkerFormBoundary + "--\r\n";
}

}  // namespace hoyo::accounts::testing
