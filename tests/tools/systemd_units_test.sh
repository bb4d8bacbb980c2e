#!/bin/sh
# The shipped systemd units (packaging/), checked by systemd itself without
# running them (this machine's init need not be systemd): `systemd-analyze
# verify` must accept each unit with no warning at all (it exits 0 on an
# unknown key or a bad value and only prints it, so any output fails), and
# `systemd-analyze security --offline=true` must rate hoyod's exposure at
# most 2.0 and the backup job's at most 5.0 (hoyod 1.5 and the backup job 4.7
# when this was written: docs/operations.md, "What the unit does").
# Arguments: the source tree, hoyod, hoyoctl. The units name the binaries
# under /opt/hoyo (docs/operations.md); the copies checked here name these.
set -eu
src=$1 hoyod=$2 hoyoctl=$3
command -v systemd-analyze >/dev/null || {
  echo "systemd-analyze is missing: scripts/test installs the systemd package" >&2
  exit 1
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for unit in hoyod.service hoyo-backup.service hoyo-backup.timer; do
  sed -e "s#/opt/hoyo/build/release/daemon/hoyod#$hoyod#g" \
      -e "s#/opt/hoyo/build/release/tools/hoyoctl#$hoyoctl#g" \
      -e "s#/opt/hoyo#$src#g" "$src/packaging/$unit" >"$dir/$unit"
done
cd "$dir"
status=0
if ! out=$(systemd-analyze verify --man=no hoyod.service hoyo-backup.service \
             hoyo-backup.timer 2>&1) || [ -n "$out" ]; then
  echo "systemd-analyze verify does not accept the units as they are:" >&2
  echo "$out" >&2
  status=1
fi
check_exposure() {  # unit, the most exposure allowed, in tenths
  if ! systemd-analyze security --offline=true --threshold="$2" "$1" >"$dir/$1.security" 2>&1; then
    echo "$1 is more exposed than $2 tenths allow:" >&2
    cat "$dir/$1.security" >&2
    status=1
  else
    tail -n 1 "$dir/$1.security"
  fi
}
check_exposure hoyod.service 20
check_exposure hoyo-backup.service 50
exit $status
