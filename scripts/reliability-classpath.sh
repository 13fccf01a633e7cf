# Sourced by the reliability and profile commands: builds the browser's test classes in the reactor (no install into
# ~/.m2) and sets $cp to their class path. Expects to run from the repository's root with set -euo pipefail.
# CALLSAFE_MVN_FLAGS passes extra Maven flags (e.g. -o).
scripts/ensure-system.sh
mvn -B -q -ntp -Dstyle.color=never ${CALLSAFE_MVN_FLAGS:-} -pl browser -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="browser/target/test-classes:browser/target/classes:$(cat browser/target/test-classpath.txt)"
