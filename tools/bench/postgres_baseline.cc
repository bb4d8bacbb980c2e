#include "bench/postgres_baseline.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

namespace hoyo::bench {
namespace {

const char* kBin = "/usr/lib/postgresql/15/bin";

// Runs a shell command, as `postgres` when we are root; returns its output.
bool sh(const std::string& command, std::string* output = nullptr) {
  const std::string full = (geteuid() == 0 ? "runuser -u postgres -- " : "") + command + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  if (!p) return false;
  std::array<char, 4096> buf;
  std::string out;
  while (fgets(buf.data(), buf.size(), p)) out += buf.data();
  const int status = pclose(p);
  if (output) *output = out;
  return status == 0;
}

}  // namespace

PostgresResult run_postgres_booking(const std::string& dir, int clients, int facilities, int days,
                                    int rooms, int seconds) {
  PostgresResult r;
  if (!std::filesystem::exists(std::string(kBin) + "/pgbench")) {
    r.error = "PostgreSQL 15 is not installed (apt-get install postgresql)";
    return r;
  }
  std::filesystem::create_directories(dir + "/sock");
  // The parent scratch directory is private (mkdtemp): let the server user in.
  std::filesystem::permissions(std::filesystem::path(dir).parent_path(),
                               std::filesystem::perms::owner_all |
                                   std::filesystem::perms::group_exec |
                                   std::filesystem::perms::others_exec);
  if (geteuid() == 0 && std::system(("chown -R postgres " + dir).c_str()) != 0) {
    r.error = "cannot hand the directory to the postgres user";
    return r;
  }
  std::string out;
  if (!sh(std::string(kBin) + "/initdb -D " + dir + "/data -A trust -U bench", &out)) {
    r.error = "initdb: " + out;
    return r;
  }
  const std::string options = "-k " + dir + "/sock -c listen_addresses='' -c max_connections=" +
                              std::to_string(clients + 20) +
                              " -c synchronous_commit=on -c fsync=on -c shared_buffers=256MB";
  if (!sh(std::string(kBin) + "/pg_ctl -D " + dir + "/data -l " + dir + "/server.log -w -o \"" +
              options + "\" start",
          &out)) {
    r.error = "pg_ctl start: " + out;
    return r;
  }
  const std::string conn = "-h " + dir + "/sock -U bench";
  const std::string setup =
      "CREATE TABLE inventory (facility int, day int, free int NOT NULL, "
      "PRIMARY KEY (facility, day)); "
      "CREATE TABLE reservations (id bigserial PRIMARY KEY, user_id bigint NOT NULL, "
      "facility int NOT NULL, day int NOT NULL, booked_at timestamptz DEFAULT now()); "
      "INSERT INTO inventory SELECT f, d, " +
      std::to_string(rooms) + " FROM generate_series(1, " + std::to_string(facilities) +
      ") f, generate_series(1, " + std::to_string(days) + ") d;";
  bool ok = sh("psql " + conn + " -d postgres -q -v ON_ERROR_STOP=1 -c \"" + setup + "\"", &out);
  if (ok) {
    std::ofstream script(dir + "/book.sql");
    script << "\\set f random(1, " << facilities << ")\n"
           << "\\set d random(1, " << days << ")\n"
           << "\\set u random(1, 1000000000)\n"
           // One transaction: take a room if one is free, and record the
           // reservation only when the update took one.
           << "BEGIN;\n"
           << "WITH taken AS (UPDATE inventory SET free = free - 1 WHERE facility = :f AND day = "
              ":d AND free > 0 RETURNING facility) INSERT INTO reservations (user_id, facility, "
              "day) SELECT :u, :f, :d FROM taken;\n"
           << "END;\n";
    script.close();
    ok = sh(std::string(kBin) + "/pgbench " + conn + " -n -c " + std::to_string(clients) +
                " -j 2 -T " + std::to_string(seconds) + " -f " + dir + "/book.sql postgres",
            &out);
    std::smatch m;
    if (ok && std::regex_search(out, m, std::regex("tps = ([0-9.]+)"))) {
      r.tps = std::stod(m[1]);
      r.ok = true;
    } else {
      r.error = "pgbench: " + out;
    }
  } else {
    r.error = "psql setup: " + out;
  }
  sh(std::string(kBin) + "/pg_ctl -D " + dir + "/data -m fast -w stop", &out);
  return r;
}

}  // namespace hoyo::bench
