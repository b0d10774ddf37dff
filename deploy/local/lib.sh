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

# True when something listens on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until 127.0.0.1:PORT accepts connections, up to SECONDS.
wait_for_port() {
  local port="$1" seconds="${2:-60}" i=0
  until port_open "$port"; do
    i=$((i + 1)); [ "$i" -ge $((seconds * 2)) ] && return 1; sleep 0.5
  done
}

# Starts NAME in the background, its output in .twinline/logs/NAME.log and its pid in .twinline/run/NAME.pid.
start_background() {
  local name="$1"; shift
  mkdir -p "$TWINLINE_STATE/run" "$TWINLINE_STATE/logs"
  nohup "$@" >> "$TWINLINE_STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$TWINLINE_STATE/run/$name.pid"
}

is_running() {
  local pidfile="$TWINLINE_STATE/run/$1.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# Stops NAME politely, then firmly after 20 s.
stop_process() {
  local name="$1" pidfile="$TWINLINE_STATE/run/$1.pid" pid i
  pid="$(cat "$pidfile" 2>/dev/null)" || return 0
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
}
