// hoyoctl's error lines: the catalogue's sentence for an error (English by
// default, Japanese after --lang ja), never a bare message id.
#pragma once

#include <string>

#include "base/status.h"

namespace hoyo::tools {

// Set once by main from --lang (en or ja).
void set_japanese(bool japanese);
// What set_japanese chose.
bool japanese();

// "hoyoctl: That login already exists."; a validation error's summary is
// followed by each field's own sentence. The store's and the system's
// failures, whose sentence says only "try again later", keep their code, id
// and arguments (the cause) in brackets.
std::string error_line(const base::Error& e);
inline std::string error_line(const base::Status& s) { return error_line(s.error()); }

}  // namespace hoyo::tools
