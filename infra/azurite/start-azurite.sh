#!/usr/bin/env bash
# Installs (once, into the shared cache) and starts the Azurite blob emulator for local development.
#
#   infra/azurite/start-azurite.sh [--port N] [--location DIR] [-- extra azurite-blob args]
#
# Environment: AZURITE_PORT (default 10000), AZURITE_LOCATION (default <repo>/.azurite),
#              GRAINFLOW_CACHE (default ~/.cache/grainflow; Azurite goes to $GRAINFLOW_CACHE/azurite,
#              the same directory the test fixture uses).
# Listens on 127.0.0.1 only. Runs in the foreground; Ctrl+C stops it.
set -euo pipefail

readonly AZURITE_VERSION="3.37.0"
readonly ACCOUNT="devstoreaccount1"
readonly ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${AZURITE_PORT:-10000}"
location="${AZURITE_LOCATION:-$repo_root/.azurite}"
cache_dir="${GRAINFLOW_CACHE:-$HOME/.cache/grainflow}/azurite"
extra_args=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --location) location="$2"; shift 2 ;;
    --) shift; extra_args=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  echo "Invalid port: $port" >&2
  exit 2
fi

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "'$1' is not on PATH. Install Node.js 18 or later with npm (e.g. 'sudo apt-get install nodejs npm', or https://nodejs.org)." >&2
    exit 1
  fi
}

installed_version() {
  local manifest="$cache_dir/node_modules/azurite/package.json"
  [[ -x "$cache_dir/node_modules/.bin/azurite-blob" && -f "$manifest" ]] || return 0
  node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

require node
if [[ "$(installed_version)" != "$AZURITE_VERSION" ]]; then
  require npm
  mkdir -p "$cache_dir"
  # Same lock file as the test fixture, so a script and a test run never install at the same time.
  exec 9>"$cache_dir/.install.lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
  if [[ "$(installed_version)" != "$AZURITE_VERSION" ]]; then
    echo "Installing azurite@$AZURITE_VERSION into $cache_dir ..."
    npm install --prefix "$cache_dir" "azurite@$AZURITE_VERSION" --no-audit --no-fund
  fi
  exec 9>&-
fi

mkdir -p "$location"

if [[ "$port" == "10000" ]]; then
  connection_string="UseDevelopmentStorage=true"
else
  connection_string="DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$port/$ACCOUNT;"
fi

cat <<INFO
Azurite $AZURITE_VERSION blob service: http://127.0.0.1:$port/$ACCOUNT
Data directory: $location
Connection string:
  $connection_string
INFO

exec "$cache_dir/node_modules/.bin/azurite-blob" \
  --blobHost 127.0.0.1 --blobPort "$port" --location "$location" \
  --skipApiVersionCheck --loose --silent "${extra_args[@]}"
