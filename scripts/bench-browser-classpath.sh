# Sourced by the browser benchmarks (camera, delegation): builds the browser's test classes and sets $cp to
# their class path. Expects to run from the repository's root with set -euo pipefail.
scripts/ensure-system.sh
mvn -B -q -ntp -Dstyle.color=never -DskipTests install
mvn -B -q -ntp -Dstyle.color=never -pl browser test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
