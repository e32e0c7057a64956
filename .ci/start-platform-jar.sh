# Sourced, not run: the one way every check starts the platform jar and waits until it listens.
#   source .ci/start-platform-jar.sh
#   start_platform_jar "$work" --sandbox        # flags after the first go to the jar
#   echo "$PLATFORM_URL (pid $PLATFORM_PID)"    # stdout in $work/out, stderr in $work/err
#   trap 'stop_platform_jar; rm -rf "$work"' EXIT   # stops it and waits until it has exited
# Fails loudly — with the end of the platform's stderr — when the jar exits before listening or
# does not listen within PLATFORM_START_SECONDS (default 120: a cold JVM on a busy 2-core runner).
start_platform_jar() {
  local work=$1
  shift
  mkdir -p "$work"
  java -jar platform-stub/target/platform-stub.jar --port 0 --data-dir "$work/data" "$@" \
    >"$work/out" 2>"$work/err" &
  PLATFORM_PID=$!
  local deadline=$((SECONDS + ${PLATFORM_START_SECONDS:-120}))
  until grep -q '^Royalty Desk platform listening on ' "$work/out" 2>/dev/null; do
    if ! kill -0 "$PLATFORM_PID" 2>/dev/null; then
      echo "the platform jar exited before listening; its stderr ends:" >&2
      tail -n 40 "$work/err" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "the platform jar did not listen within ${PLATFORM_START_SECONDS:-120} s; its stderr ends:" >&2
      tail -n 40 "$work/err" >&2
      kill -9 "$PLATFORM_PID" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
  PLATFORM_URL=$(sed -n 's/^Royalty Desk platform listening on //p' "$work/out" | head -n 1)
  export PLATFORM_PID PLATFORM_URL
}

# Stops the jar started above — SIGTERM (a clean stop) unless a signal is given — and returns once
# it has exited, so nothing writes into its folder while the caller removes it (an `rm -rf` right
# after `kill` once met files the stopping platform was still writing: "Directory not empty").
stop_platform_jar() {
  local signal=${1:-TERM}
  [[ -n "${PLATFORM_PID:-}" ]] || return 0
  kill "-$signal" "$PLATFORM_PID" 2>/dev/null || return 0
  for _ in $(seq 600); do
    kill -0 "$PLATFORM_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$PLATFORM_PID" 2>/dev/null || true
  wait "$PLATFORM_PID" 2>/dev/null || true
}
