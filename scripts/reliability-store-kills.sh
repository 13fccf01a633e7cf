#!/usr/bin/env bash
# Store under kills: SIGKILLs a child JVM saving the permission store at random moments, N rounds on one
# profile, and checks after each that the store holds the last saved state or the one being saved, whole.
#   scripts/reliability-store-kills.sh [rounds, default 1000] [random seed]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp ${CALLSAFE_MVN_FLAGS:-} -Dstyle.color=never -pl permissions test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="permissions/target/test-classes:permissions/target/classes:$(cat permissions/target/test-classpath.txt)"
exec java -cp "$cp" dev.callsafe.permissions.StoreKillRounds "$@"
