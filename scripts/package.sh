#!/usr/bin/env bash
# Builds the installable Callsafe: a jpackage app image (target/package/image/callsafe) and a Debian package
# (target/package/callsafe_<version>_amd64.deb, installing into /opt/callsafe), both carrying a Java runtime
# and Chromium's natives already unpacked, as are FFmpeg's, JNA's and JOGL's, so nothing is downloaded or
# unpacked at first start and the installed tree is only read.
#   scripts/package.sh              app image and .deb
#   scripts/package.sh --image-only app image only
# CALLSAFE_MVN_OPTS adds Maven options (e.g. -o); CALLSAFE_DEB_COMPRESSION picks dpkg-deb's compressor:
# zstd by default (dpkg >= 1.21.18: Debian 12, Ubuntu 21.10 and later; about 75 s here), gzip for older
# dpkg; xz is smallest but took over 13 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
image_only=false
[ "${1:-}" = --image-only ] && image_only=true

version=0.1.0
out=target/package
rm -rf "$out"
mkdir -p "$out/deps" "$out/input/engine"

step() { echo "[package] $(date +%T) $*" >&2; }

step "building the modules and collecting their runtime dependencies"
# package, not install: the build stays in this checkout (nothing goes into ~/.m2 but downloads)
# shellcheck disable=SC2086
mvn -B -q -ntp -Dstyle.color=never ${CALLSAFE_MVN_OPTS:-} -pl browser -am -DskipTests package \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/$out/deps"
cp browser/target/browser-*.jar "$out/input/"
natives_jar=$(ls "$out"/deps/jcef-natives-linux-amd64-*.jar)
# the natives jar is only the carrier of the tarball unpacked below; the package does not need it
find "$out/deps" -name '*.jar' ! -name 'jcef-natives-*' -exec cp {} "$out/input/" \;

step "unpacking Chromium's natives into the package"
unzip -p "$natives_jar" '*.tar.gz' | tar xz -C "$out/input/engine"
# jcefmaven's mark of a finished unpack; the launcher also skips its install step (callsafe.engineBundled)
touch "$out/input/engine/install.lock"

step "unpacking FFmpeg's (JavaCPP), JNA's and JOGL's natives into the package"
# Loaded from lib/app/natives instead of being unpacked from their jars into ~/.javacpp/cache, ~/.cache/JNA
# or /tmp/jogamp_* at every first start (the launcher's options below point each library there).
natives="$out/input/natives"
mkdir -p "$natives"
jar_of() { ls "$out"/input/$1; }
unzip -q -j -o "$(jar_of 'javacpp-*-linux-x86_64.jar')" 'org/bytedeco/javacpp/linux-x86_64/*.so*' -d "$natives"
unzip -q -j -o "$(jar_of 'ffmpeg-*-linux-x86_64.jar')" 'org/bytedeco/ffmpeg/linux-x86_64/*.so*' -d "$natives"
unzip -q -j -o "$(jar_of 'jna-[0-9]*.jar')" 'com/sun/jna/linux-x86-64/libjnidispatch.so' -d "$natives"
unzip -q -j -o "$(jar_of 'gluegen-rt-*.jar')" 'natives/linux-amd64/*.so' -d "$natives"
unzip -q -j -o "$(jar_of 'jogl-all-*.jar')" 'natives/linux-amd64/*.so' -d "$natives"

step "jpackage: app image"
main_jar=$(basename "$(ls "$out"/input/browser-*.jar)")
jpackage --type app-image --dest "$out/image" --name callsafe --app-version "$version" \
    --vendor Callsafe --description "A browser for calling sites whose media-consent plugin decides who may capture what" \
    --input "$out/input" --main-jar "$main_jar" --main-class dev.callsafe.browser.Launcher \
    --java-options '-Dcallsafe.engineDir=$APPDIR/engine' --java-options '-Dcallsafe.engineBundled=true' \
    --java-options '-Djava.library.path=$APPDIR/natives' --java-options '-Dorg.bytedeco.javacpp.pathsFirst=true' \
    --java-options '-Djna.boot.library.path=$APPDIR/natives' --java-options '-Djna.nounpack=true' \
    --java-options '-Djogamp.gluegen.UseTempJarCache=false'
image="$out/image/callsafe"
du -sh "$image" | sed 's/^/[package] app image: /' >&2
$image_only && exit 0

step "jpackage: Debian package"
# jpackage finds the libraries Chromium links against itself; FFmpeg's device layer (libpulse, inside a jar)
# and the screen capture's libxcb (loaded through JNA) it cannot see, so they are named.
# jpackage hands the tree to dpkg-deb, which takes its compressor from the environment
DPKG_DEB_COMPRESSOR_TYPE="${CALLSAFE_DEB_COMPRESSION:-zstd}" \
jpackage --type deb --dest "$out" --app-image "$image" --name callsafe --app-version "$version" \
    --vendor Callsafe --description "A browser for calling sites whose media-consent plugin decides who may capture what" \
    --install-dir /opt --linux-package-name callsafe --linux-app-category net --linux-menu-group Network \
    --linux-shortcut --linux-package-deps "libpulse0, libxcb-randr0, libxcb-shm0"
ls -sh "$out"/*.deb | sed 's/^/[package] /' >&2
step "done"
