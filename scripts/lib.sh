# Shared by scripts/run and scripts/test: install what is missing, then build.
# Sourced, not executed.

HOYO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOYO_BUILD="$HOYO_ROOT/build/release"

# Debian packages the build and the tests need.
HOYO_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  librocksdb-dev capnproto libcapnp-dev libssl-dev libargon2-dev liboath-dev libgtest-dev
  libjpeg62-turbo-dev libpng-dev libcurl4-openssl-dev python3-aiosmtpd
  clang libclang-rt-14-dev
  nats-server libnats-dev
  systemd
)

hoyo_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

hoyo_build() {
  cd "$HOYO_ROOT"
  cmake --preset release >/dev/null
  cmake --build --preset release
}

# The npm tools the tests use (playwright-core 1.61, axe-core, @redocly/cli
# 1.34) are pinned to versions that run on Debian 12's Node.js 18; newer
# Node.js works too. Fails with what it needs when the Node.js found is older.
HOYO_NODE_MIN_MAJOR=18
hoyo_check_node() {
  local v major
  v=$(node --version 2>/dev/null) || { echo "scripts: node not found; install Debian's nodejs and npm" >&2; return 1; }
  major=${v#v}
  major=${major%%.*}
  if ((major < HOYO_NODE_MIN_MAJOR)); then
    echo "scripts: Node.js $v found; the browser tests need Node.js $HOYO_NODE_MIN_MAJOR or later (Debian 12's nodejs is 18)" >&2
    return 1
  fi
  echo "scripts: Node.js $v, npm $(npm --version)" >&2
}
