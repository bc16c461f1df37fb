#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Release check of the Debian package on a brand-new minimal Debian 12: installs elu_*.deb with
# apt (which must pull in every dependency from its Depends and Recommends), then runs what a user
# runs first: elu-lab --help and --version, elu-bench --version, one short training run, and a
# program built against the installed library with find_package(elu) and with pkg-config.
#
#   tools/check-deb.sh build/elu_0.2.0_amd64.deb
#
# Needs root, debootstrap and Debian's registry. The minimal base system is cached in
# /var/cache/elu-check-deb (about a minute the first time).
set -euo pipefail
deb=$(realpath "${1:?usage: tools/check-deb.sh ELU_DEB}")
src=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "check-deb: needs root" >&2; exit 2; }

cache=/var/cache/elu-check-deb; base=$cache/bookworm-minbase.tar
mkdir -p "$cache"
if [ ! -s "$base" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq; apt-get install -y -qq debootstrap >/dev/null; }
  tmp=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$tmp/root" http://deb.debian.org/debian >"$tmp/log" 2>&1 \
    || { tail -5 "$tmp/log"; exit 2; }
  tar -C "$tmp/root" -cf "$base.part" . && mv "$base.part" "$base" && rm -rf "$tmp"
fi

root=$(mktemp -d /tmp/elu-check-deb.XXXX)
cleanup() {
  for m in dev proc; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp -a /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/" 2>/dev/null || true
mkdir -p "$root/check"
cp "$deb" "$root/check/"
cp -r "$src/tests/consumer" "$root/check/consumer"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"

chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive bash -euo pipefail -c '
cd /check
apt-get update -qq
apt-get install -y -qq ./elu_*.deb >/dev/null
echo "== installed: $(dpkg-query -W -f "\${Package} \${Version}" elu)"
elu-lab --help | head -3
elu-lab --version
elu-bench --version
elu-lab train --epochs 1 --train-subset 2000 --eval-subset 1000 --threads 1 --out /check/run \
  | tail -2
test -s /check/run/metrics.json
# A user program: the compiler and CMake are the user'"'"'s, not dependencies of the package.
apt-get install -y -qq --no-install-recommends g++ cmake >/dev/null
cmake -S consumer -B consumer-build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build consumer-build >/dev/null
echo "find_package(elu): $(consumer-build/consumer)"
g++ -std=c++20 consumer/main.cc $(pkg-config --cflags --libs elu) -o consumer-pc
echo "pkg-config elu:    $(./consumer-pc)"
'
echo "check-deb: $(basename "$deb") works on a new Debian 12"
