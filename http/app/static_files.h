// The web pages (http/web/): every file under the web root, read once and
// served from memory with its type by extension. Any other path without a
// file extension is a page of the single-page app (/login, /menu,
// /password-reset/TOKEN, ...) and gets index.html.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/server/message.h"

namespace hoyo::http {

// The answer for GET/HEAD of a page or an asset, or nullopt when there is none.
// `web_root` is read the first time (later calls reuse what was read).
std::optional<Response> static_file(const Request& req, std::string_view path,
                                    const std::string& web_root);

// The web root compiled in: the source tree's http/web.
std::string default_web_root();

}  // namespace hoyo::http
