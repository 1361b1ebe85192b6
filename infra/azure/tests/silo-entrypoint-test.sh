#!/usr/bin/env bash
# Tests infra/azure/silo-entrypoint.sh without Docker: each case runs it with sh, as the image does, in fresh UTS,
# mount and network namespaces (unshare, as root) with a host name and an /etc/hosts of its own, as a Container Apps
# replica has, and with a fake `dotnet` first on PATH that records the command line the silo would get.
#
#   infra/azure/tests/silo-entrypoint-test.sh
#
# Prints one line per case and a count; exits 1 when a case fails.
set -euo pipefail

entrypoint="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/silo-entrypoint.sh"
if [[ $EUID -ne 0 ]] || ! command -v unshare >/dev/null; then
  echo "silo-entrypoint-test: needs root and unshare (util-linux) to give each case its own host name and /etc/hosts." >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
cat > "$work/bin/dotnet" <<'FAKE'
#!/bin/sh
printf '%s\n' "$@"
FAKE
chmod +x "$work/bin/dotnet"

passed=0
failed=0

# run_replica <hosts file content> <host name> <entrypoint args...>: prints the fake dotnet's arguments, one a line,
# then the entrypoint's exit code as "exit=<n>"; the entrypoint's standard error goes to $work/stderr.
run_replica() {
  printf '%b' "$1" > "$work/hosts"
  local host_name="$2"
  shift 2
  local status=0
  # shellcheck disable=SC2016 # the inner sh expands these, from its own arguments
  unshare --uts --mount --net sh -c \
    'mount --bind "$1" /etc/hosts && echo "$2" > /proc/sys/kernel/hostname && shift 2 && exec "$@"' \
    sh "$work/hosts" "$host_name" env PATH="$work/bin:$PATH" sh "$entrypoint" "$@" 2> "$work/stderr" || status=$?
  echo "exit=$status"
}

# check <name> <expected output> <actual output>
check() {
  if [[ "$2" == "$3" ]]; then
    echo "PASS $1"
    passed=$((passed + 1))
  else
    echo "FAIL $1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/    /' || true
    sed 's/^/    stderr: /' "$work/stderr"
    failed=$((failed + 1))
  fi
}

hosts='127.0.0.1 localhost\n10.1.2.3 grainflow-silo-7d9f-xk2p\n'

check "serve gets the replica's own address" \
  "$(printf '%s\n' /app/grainflow-silo.dll serve --cluster-id c1 --advertised-address 10.1.2.3 exit=0)" \
  "$(run_replica "$hosts" grainflow-silo-7d9f-xk2p serve --cluster-id c1)"

check "serve skips a loopback line for its host name (as Debian's 127.0.1.1)" \
  "$(printf '%s\n' /app/grainflow-silo.dll serve --advertised-address 10.1.2.4 exit=0)" \
  "$(run_replica '127.0.0.1 localhost\n127.0.1.1 replica-b\n# 10.0.0.9 replica-b\n10.1.2.4 other replica-b\n' replica-b serve)"

check "serve keeps an --advertised-address it was given" \
  "$(printf '%s\n' /app/grainflow-silo.dll serve --advertised-address 10.9.9.9 --silo-port 1 exit=0)" \
  "$(run_replica "$hosts" grainflow-silo-7d9f-xk2p serve --advertised-address 10.9.9.9 --silo-port 1)"

check "serve keeps an --advertised-address=<ip> it was given" \
  "$(printf '%s\n' /app/grainflow-silo.dll serve --advertised-address=10.9.9.9 exit=0)" \
  "$(run_replica "$hosts" grainflow-silo-7d9f-xk2p serve --advertised-address=10.9.9.9)"

check "other commands pass through unchanged, even where no address can be found" \
  "$(printf '%s\n' /app/grainflow-silo.dll wordcount --input 'a b.txt' exit=0)" \
  "$(run_replica '127.0.0.1 localhost\n' unknown-host wordcount --input 'a b.txt')"

check "serve refuses to advertise a loopback address" \
  "exit=2" \
  "$(run_replica '127.0.0.1 localhost loopback-host\n' loopback-host serve)"
check "  and says what to do" "yes" "$(grep -q 'pass --advertised-address <ip>' "$work/stderr" && echo yes || echo no)"

check "serve refuses to start when its host name does not resolve" \
  "exit=2" \
  "$(run_replica '127.0.0.1 localhost\n' unknown-host serve)"

echo "silo entrypoint: $passed of $((passed + failed)) cases passed"
[[ $failed -eq 0 ]]
