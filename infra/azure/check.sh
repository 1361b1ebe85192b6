#!/usr/bin/env bash
# Compiles, lints and format-checks the Azure template with the Bicep CLI, then tests the silo image's entrypoint.
# Fails on any error and on any warning. Run by .ci/run ("== infra"); needs the .NET SDK and, the first time, the
# NuGet package source (nothing else from the network: the template uses only Bicep's built-in resource types).
#
#   infra/azure/check.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool_project="$here/tools/BicepCli.csproj"

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "infra check: the Bicep CLI comes from Azure.Bicep.CommandLine.linux-x64, which runs on x86-64 Linux only." >&2
  exit 2
fi

# The Bicep CLI is a native binary in a NuGet package: restoring the tool project puts it in the packages folder.
dotnet restore "$tool_project" --verbosity quiet
packages_root="$(dotnet msbuild "$tool_project" -getProperty:NuGetPackageRoot)"
version="$(dotnet msbuild "$tool_project" -getProperty:BicepCliVersion)"
bicep="${packages_root%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "infra check: restoring $tool_project did not produce $bicep." >&2
  exit 1
fi
# NuGet does not promise to keep a file's executable bit when it extracts a package.
[[ -x "$bicep" ]] || chmod +x "$bicep"
"$bicep" --version

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
output="$scratch/diagnostics.txt"
status=0

# run <what> <command...>: runs a Bicep command, keeps its output for the warning scan, and notes a failure.
run() {
  local what="$1"
  shift
  if ! "$@" >> "$output" 2>&1; then
    echo "infra check: $what failed." >&2
    status=1
  fi
}

cd "$here"
templates=(main.bicep modules/*.bicep)

# Linting main.bicep lints the modules it uses too.
run "bicep lint main.bicep" "$bicep" lint --no-restore main.bicep
run "bicep build main.bicep" "$bicep" build --no-restore main.bicep --outdir "$scratch"
# The parameters file reads these variables; the values only need to satisfy the template's constraints.
run "bicep build-params main.bicepparam" env GRAINFLOW_SILO_IMAGE=example.invalid/grainflow-silo:check \
  GRAINFLOW_CONTROL_TOKEN=not-a-real-token-only-for-the-check "$bicep" build-params --no-restore main.bicepparam --outdir "$scratch"

for file in "${templates[@]}" main.bicepparam; do
  if ! "$bicep" format "$file" --stdout | diff -u "$file" - > /dev/null; then
    echo "infra check: $file is not formatted as 'bicep format' writes it; run: $bicep format infra/azure/$file" >&2
    status=1
  fi
done

# Diagnostics are lines "<file>(line,col) : Error|Warning|Info <code>: <message>".
if grep -E '\([0-9]+,[0-9]+\) : (Error|Warning) ' "$output" >&2; then
  echo "infra check: the Bicep diagnostics above must be fixed (warnings count as errors)." >&2
  status=1
elif [[ $status -ne 0 ]]; then
  cat "$output" >&2
fi
[[ $status -eq 0 ]] && echo "bicep: build, build-params, lint and format clean"

"$here/tests/silo-entrypoint-test.sh" || status=1
exit "$status"
