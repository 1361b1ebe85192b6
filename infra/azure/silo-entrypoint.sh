#!/bin/sh
# The silo image's entrypoint: runs grainflow-silo with the container's arguments, and for `serve` adds
# --advertised-address with this container's own IPv4 address unless the arguments give one.
#
# Why: Orleans silos call each other at the address each one advertises in the membership table, so every replica must
# advertise its own. Azure Container Apps gives a replica no environment variable holding its IP address, but, like
# any Kubernetes pod, the replica's /etc/hosts maps its host name to that address: looking our own host name up there
# (what `hostname -i` does) finds it.
set -eu

silo_dll=/app/grainflow-silo.dll

# The first IPv4 address other than loopback that /etc/hosts gives our host name (Kubernetes and Docker write it
# there), else what the resolver says.
own_ipv4() {
  host_name="$(cat /proc/sys/kernel/hostname)"
  address="$(awk -v name="$host_name" '
    $1 ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ && $1 !~ /^127\./ { for (i = 2; i <= NF && $i !~ /^#/; i++) if ($i == name) { print $1; exit } }
  ' /etc/hosts)"
  if [ -z "$address" ]; then
    address="$(getent ahostsv4 "$host_name" | awk 'NR == 1 { print $1 }')"
  fi
  echo "$address"
}

needs_address=false
if [ "${1:-}" = "serve" ]; then
  needs_address=true
  for argument in "$@"; do
    case "$argument" in
      --advertised-address | --advertised-address=*) needs_address=false ;;
    esac
  done
fi

if [ "$needs_address" = true ]; then
  address="$(own_ipv4 || true)"
  case "$address" in
    "" | 127.*)
      echo "silo-entrypoint: cannot find this container's own IPv4 address (its host name resolves to '${address:-nothing}'); pass --advertised-address <ip>." >&2
      exit 2
      ;;
  esac
  set -- "$@" --advertised-address "$address"
fi

exec dotnet "$silo_dll" "$@"
