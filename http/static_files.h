// The web pages (http/web/): index.html, app.js and app.css, read once from
// the web root and served from memory. Only these names are served.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace hoyo::http {

// The answer for GET / and the page's assets, or nullopt for other paths.
// `web_root` is read the first time (later calls reuse what was read).
std::optional<Response> static_file(const Request& req, std::string_view path,
                                    const std::string& web_root);

// The web root compiled in: the source tree's http/web.
std::string default_web_root();

}  // namespace hoyo::http
