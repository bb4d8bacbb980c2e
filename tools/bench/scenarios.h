// The hoyo-bench scenarios. Each parses its own options and returns the exit code.
#pragma once

namespace hoyo::bench {

int run_append(int argc, char** argv);
int run_read(int argc, char** argv);
int run_book(int argc, char** argv);
int run_restart(int argc, char** argv);
int run_draw(int argc, char** argv);
int run_replay(int argc, char** argv);
int run_http(int argc, char** argv);
int run_http_book(int argc, char** argv);
int run_cluster_book(int argc, char** argv);
int run_fanout(int argc, char** argv);

}  // namespace hoyo::bench
