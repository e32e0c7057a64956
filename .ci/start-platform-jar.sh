# Sourced, not run: the one way every check starts the platform jar and waits until it listens.
#   source .ci/start-platform-jar.sh
#   start_platform_jar "$work" --sandbox        # flags after the first go to the jar
#   echo "$PLATFORM_URL (pid $PLATFORM_PID)"    # stdout in $work/out, stderr in $work/err
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
