#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the browser needs (Chromium's libraries, FFmpeg's device layer,
# Xvfb for tests, a JDK and Maven) when they are missing. Needs root (or sudo) to install; otherwise it
# prints the command to run.
set -euo pipefail

packages=(
  # Chromium (CEF) runtime libraries
  libnss3 libatk-bridge2.0-0 libcups2 libxcomposite1 libxdamage1 libxrandr2 libgbm1 libxkbcommon0
  libpango-1.0-0 libcairo2 libasound2 libatspi2.0-0 libdrm2 libxshmfence1 libxtst6 libxi6
  # screen capture: the window stack and MIT-SHM grabs through libxcb (JNA)
  libxcb1 libxcb-shm0 libxcb-randr0 libxcb-xfixes0
  # FFmpeg's device layer (JavaCV) loads libpulse
  libpulse0
  # a virtual display for tests and headless machines, with a window manager; xdotool sends a person's
  # input (XTest) in the end-to-end tests, xprop tells when the window manager is up
  xvfb xauth openbox xdotool x11-utils
  # a real STUN/TURN server for the WebRTC IP-handling tests (each test starts its own on loopback; the
  # package's own daemon stays disabled, as Debian ships it)
  coturn
  # the installed-package test (scripts/test-package.sh) looks at the screen with ImageMagick; the package
  # build needs jpackage's Debian tools
  imagemagick fakeroot
)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Not root: please run  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
