# Shared by scripts/run and scripts/test: install what is missing, then build.
# Sourced, not executed.

HOYO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOYO_BUILD="$HOYO_ROOT/build/release"

# Debian packages the build and the tests need.
HOYO_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  librocksdb-dev capnproto libcapnp-dev libssl-dev libargon2-dev libgtest-dev
  libjpeg62-turbo-dev libpng-dev libcurl4-openssl-dev python3-aiosmtpd
  clang libclang-rt-14-dev
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
