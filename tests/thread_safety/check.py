#!/usr/bin/env python3
"""Clang's thread-safety analysis over every source that uses base/mutex.h.

The build is g++'s; this reruns clang++ -fsyntax-only with -Wthread-safety
-Werror on each library source that includes base/mutex.h (itself or through
one of the project's headers it includes), with the include paths and
definitions of its entry in compile_commands.json. No objects are written, so
it costs a parse per file, not a second build.

usage: check.py BUILD_DIR/compile_commands.json SOURCE_DIR [CLANG++]
"""
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path, root):
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        return []
    out = []
    for name in INCLUDE.findall(text):
        for base in (root, os.path.dirname(path)):
            candidate = os.path.join(base, name)
            if os.path.isfile(candidate):
                out.append(os.path.normpath(candidate))
                break
    return out


def uses_mutex(path, root, seen):
    """True when `path` includes base/mutex.h, directly or through project headers."""
    if path in seen:
        return False
    seen.add(path)
    for inc in includes(path, root):
        if inc.endswith(os.path.join("base", "mutex.h")):
            return True
        if inc.startswith(root) and uses_mutex(inc, root, seen):
            return True
    return False


def clang_args(entry, clang):
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out = [clang]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-fdiagnostics-color"):
            continue
        out.append(a)
    return out + ["-fsyntax-only", "-Wno-everything", "-Wthread-safety", "-Werror=thread-safety"]


def main():
    db_path, root = sys.argv[1], os.path.realpath(sys.argv[2])
    clang = sys.argv[3] if len(sys.argv) > 3 else "clang++"
    layers = ("base", "domain", "eventstore", "cluster", "processor", "accounts", "projections",
              "http", "daemon", "tools")
    entries = []
    for e in json.load(open(db_path)):
        src = os.path.realpath(os.path.join(e["directory"], e["file"]))
        rel = os.path.relpath(src, root)
        if rel.split(os.sep)[0] in layers and uses_mutex(src, root, set()):
            entries.append((rel, e))
    if not entries:
        print("no source includes base/mutex.h: nothing to check", file=sys.stderr)
        return 1

    def check(item):
        rel, e = item
        p = subprocess.run(clang_args(e, clang), cwd=e["directory"], capture_output=True,
                           text=True)
        return rel, p.returncode, p.stdout + p.stderr

    failed = 0
    jobs = int(os.environ.get("HOYO_CHECK_JOBS", "2"))
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for rel, rc, out in pool.map(check, sorted(entries)):
            print(("ok   " if rc == 0 else "FAIL ") + rel)
            if rc != 0:
                failed += 1
                print(out)
    print(f"{len(entries)} sources checked, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
