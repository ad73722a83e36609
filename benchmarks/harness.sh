# Sourced by benchmarks/load/run.sh, benchmarks/soak/run.sh and benchmarks/webhook-fanout/run.sh: wrk from Debian's package, and a Release publish.

ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk (Debian's package)"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
    else sudo apt-get install -y -q wrk >/dev/null; fi
  fi
}

# publish <project> <output folder> <log>: a Release build for this machine's runtime, precompiled (ReadyToRun) as the
# container image is; every server the benchmarks compare is published the same way. Its log shown only if it fails.
publish() {
  dotnet publish "$1" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$2" --nologo -v q >>"$3" 2>&1 || { tail -20 "$3"; exit 1; }
}
