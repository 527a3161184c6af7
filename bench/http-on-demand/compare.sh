#!/bin/sh
# `seam --version` and a warm `seam plugins list`, whole process, for two Seam trees side by side
# (an installation or a build tree: bin/, lib/, libexec/): BEFORE maps libcurl at start-up, AFTER
# loads it at the first HTTP request (bench/README.md, "A host that pays only for what it uses").
# Each tree lists its own bundled plugins from a registry cache of its own, warmed first. ROUNDS
# rounds alternate the trees, so drift in the machine's load hits both; hyperfine reports each
# run's median and minimum wall time and its mean user+system time.
#   [RUNS=200] bench/http-on-demand/compare.sh BEFORE AFTER [ROUNDS]
set -eu
before=$1 after=$2 rounds=${3:-3} runs=${RUNS:-200}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # NAME TREE COMMAND...: one hyperfine run of COMMAND with TREE's bin/seam
  name=$1 tree=$2
  shift 2
  HOME=$work/$name XDG_DATA_HOME=$work/$name/data XDG_CACHE_HOME=$work/$name/cache \
    SEAM_REGISTRY=$work/$name/registry.cache \
    hyperfine -N --style none --warmup 10 --runs "$runs" --export-json "$work/$name.json" \
    "$tree/bin/seam $*"
  python3 - "$work/$name.json" "$name" "seam $*" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]:6}  {sys.argv[3]:18}  median {r['median'] * 1e3:6.2f} ms  "
      f"min {r['min'] * 1e3:6.2f} ms  user+sys {(r['user'] + r['system']) * 1e3:6.2f} ms")
PY
}

for name in before after; do
  mkdir -p "$work/$name"
  tree=$before; [ "$name" = after ] && tree=$after
  HOME=$work/$name XDG_DATA_HOME=$work/$name/data XDG_CACHE_HOME=$work/$name/cache \
    SEAM_REGISTRY=$work/$name/registry.cache "$tree/bin/seam" plugins list >/dev/null
done
round=1
while [ "$round" -le "$rounds" ]; do
  echo "== round $round"
  for args in "--version" "plugins list"; do
    run before "$before" $args
    run after "$after" $args
  done
  round=$((round + 1))
done
