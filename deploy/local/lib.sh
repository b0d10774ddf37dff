# Shared functions of the deploy/local scripts. Sourced, never run.
TWINLINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TWINLINE_STATE="${TWINLINE_STATE:-$TWINLINE_ROOT/.twinline}"
MVNW="$TWINLINE_ROOT/mvnw"

log() { printf '[twinline] %s\n' "$*" >&2; }
die() { printf '[twinline] error: %s\n' "$*" >&2; exit 1; }

# Builds the given modules (and what they depend on) when an artifact is missing.
# Usage: build_if_missing MODULE ARTIFACT_PATH [MODULE ARTIFACT_PATH ...]
build_if_missing() {
  local modules=() missing=0
  while [ $# -ge 2 ]; do
    modules+=("$1")
    [ -e "$TWINLINE_ROOT/$1/$2" ] || missing=1
    shift 2
  done
  if [ "$missing" = 1 ]; then
    local list; list=$(IFS=,; echo "${modules[*]}")
    log "building $list (first build downloads dependencies and takes a few minutes)"
    (cd "$TWINLINE_ROOT" && "$MVNW" -q -B -pl "$list" -am -DskipTests package) || die "build failed"
  fi
}

# Prints the runtime class path of a plain (non-Quarkus) module, building it when needed.
module_classpath() {
  local module="$1" cpfile="$TWINLINE_ROOT/$1/target/runtime-classpath.txt"
  if [ ! -s "$cpfile" ] || [ ! -d "$TWINLINE_ROOT/$module/target/classes" ]; then
    log "building $module"
    (cd "$TWINLINE_ROOT" && "$MVNW" -q -B -pl "$module" -am -DskipTests package \
      dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime) \
      || die "build of $module failed"
  fi
  printf '%s:%s' "$TWINLINE_ROOT/$module/target/classes" "$(cat "$cpfile")"
}

# Waits until URL answers 2xx, up to SECONDS.
wait_for_http() {
  local url="$1" seconds="${2:-60}" i=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -ge $((seconds * 2)) ] && return 1; sleep 0.5
  done
}
