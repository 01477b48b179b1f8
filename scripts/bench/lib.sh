# Helpers for the benchmark scripts: start a partition server or proxy in the background on free ports,
# wait for the line that announces its URL, remember its pid, and stop everything on exit.
# shellcheck shell=bash
BENCH_PIDS=()
BENCH_DIR=$(mktemp -d)
bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$BENCH_DIR"
}
trap bench_cleanup EXIT

# bench_start NAME LINE_KEY COMMAND...   → sets BENCH_URL and BENCH_PID
bench_start() {
  local name="$1" key="$2"; shift 2
  "$@" >"$BENCH_DIR/$name.out" 2>"$BENCH_DIR/$name.err" &
  BENCH_PID=$!
  BENCH_PIDS+=("$BENCH_PID")
  for _ in $(seq 1 600); do
    if grep -q "^$key " "$BENCH_DIR/$name.out" 2>/dev/null; then break; fi
    if ! kill -0 "$BENCH_PID" 2>/dev/null; then echo "$name died:" >&2; tail -20 "$BENCH_DIR/$name.err" >&2; exit 1; fi
    sleep 0.1
  done
  BENCH_URL=$(grep -oP "^$key \K\S+" "$BENCH_DIR/$name.out" | head -1)
}

bench_line() { grep -oP "^$2 \K\S+" "$BENCH_DIR/$1.out" | head -1; }
