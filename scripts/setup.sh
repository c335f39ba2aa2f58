#!/usr/bin/env bash
# Installs the system packages Causeway needs on Debian/Ubuntu, only those that are missing.
#   scripts/setup.sh build    a C compiler (ring, blake3), pkg-config, and iproute2 (the local network
#                             test builds its own network namespaces with `ip`)
#   scripts/setup.sh run      + the libraries the window loads at run time (X11/Wayland, EGL/Mesa, fontconfig)
#   scripts/setup.sh screen   + Xvfb and ImageMagick, to run the real window headless and take screenshots
#   scripts/setup.sh fuzz     build + a C++ compiler (libFuzzer, for scripts/fuzz.sh)
set -euo pipefail

level="${1:-build}"
packages=(gcc libc6-dev pkg-config iproute2)
if [[ "$level" == run || "$level" == screen ]]; then
  packages+=(libx11-6 libxcursor1 libxi6 libxrandr2 libxkbcommon0 libxkbcommon-x11-0 libegl1 libegl-mesa0
             libgl1-mesa-dri libwayland-client0 libwayland-egl1 libfontconfig1 fonts-dejavu-core)
fi
if [[ "$level" == screen ]]; then
  packages+=(xvfb imagemagick xdotool)
fi
if [[ "$level" == fuzz ]]; then
  packages+=(g++)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "Causeway needs these system packages, and this is not a Debian-like system: ${missing[*]}" >&2
  echo "Install their equivalents with your package manager, then run this again." >&2
  exit 1
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "Causeway needs these system packages: ${missing[*]}" >&2
    echo "Run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing system packages: ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
