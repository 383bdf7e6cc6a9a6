#!/bin/sh
# One-shot setup run by the `temporal-setup` compose service (temporalio/admin-tools image):
# registers OrderFlow's custom search attributes in the namespace. Safe to run again:
# attributes that already exist with the same type are left alone.
# Env: TEMPORAL_ADDRESS (default temporal:7233), TEMPORAL_NAMESPACE (default "default"),
#      NAMESPACE_RETENTION (unset: the namespace must exist; set, e.g. 30d: created with this
#      retention of closed orders' histories when missing, as compose does on a fresh database),
#      SETUP_MAX_ATTEMPTS (default 60), SETUP_SLEEP_SECONDS (default 2),
#      SETUP_SETTLE_SECONDS (default 10).
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
MAX_ATTEMPTS="${SETUP_MAX_ATTEMPTS:-60}"
SLEEP_SECONDS="${SETUP_SLEEP_SECONDS:-2}"

# name:type pairs; the types are Temporal's IndexedValueType names.
ATTRIBUTES="
OrderStatus:Keyword
OrderStage:Keyword
OrderChannel:Keyword
CustomerId:Keyword
CustomerClass:Keyword
SalesRep:Keyword
PromisedDate:Datetime
OrderLate:Bool
UndeliveredNotices:Int
"

log() { echo "[create-search-attributes] $*"; }

# Retries "$@" until it succeeds: the server may still be starting, and on an existing cluster
# the namespace may be created by someone else a little later.
wait_for() {
  what="$1"; shift
  attempt=1
  until "$@" >/dev/null 2>&1; do
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      log "gave up waiting for $what after $MAX_ATTEMPTS attempts"
      "$@" || true  # show the last error
      exit 1
    fi
    log "waiting for $what ($attempt/$MAX_ATTEMPTS)"
    attempt=$((attempt + 1))
    sleep "$SLEEP_SECONDS"
  done
  log "$what: ready"
}

wait_for "Temporal server at $ADDRESS" \
  temporal operator cluster health --address "$ADDRESS"
if [ -n "${NAMESPACE_RETENTION:-}" ] && ! temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  # A second setup racing this one may create it first: "already" is success too.
  out=$(temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION" 2>&1) ||
    case "$out" in *"already"*) ;; *) log "cannot create namespace '$NAMESPACE': $out"; exit 1 ;; esac
  log "namespace '$NAMESPACE': created (retention $NAMESPACE_RETENTION)"
fi
wait_for "namespace '$NAMESPACE'" \
  temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE"

# Creates one attribute; retries transient errors (e.g. the frontend still warming up),
# because a failed exit here would keep the worker and api from starting at all.
create_attribute() {
  name="$1"; type="$2"
  attempt=1
  while :; do
    if out=$(temporal operator search-attribute create --address "$ADDRESS" \
          --namespace "$NAMESPACE" --name "$name" --type "$type" 2>&1); then
      log "$name ($type): created (or already present)"
      return 0
    fi
    case "$out" in
      # Same name with another type is a real conflict: never paper over it.
      *"different type"*)
        log "$name: exists with a different type than $type: $out"; exit 1 ;;
      *"already exists"*|*"AlreadyExists"*)
        log "$name ($type): already exists"; return 0 ;;
    esac
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      log "$name ($type): failed after $MAX_ATTEMPTS attempts: $out"; exit 1
    fi
    log "$name ($type): attempt $attempt/$MAX_ATTEMPTS failed, retrying: $out"
    attempt=$((attempt + 1))
    sleep "$SLEEP_SECONDS"
  done
}

for pair in $ATTRIBUTES; do
  create_attribute "${pair%%:*}" "${pair#*:}"
done

# Confirm from the server's own list rather than trusting exit codes alone.
listed=$(temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE")
for pair in $ATTRIBUTES; do
  name="${pair%%:*}"
  if ! printf '%s\n' "$listed" | grep -qw "$name"; then
    log "$name is missing from 'search-attribute list':"
    printf '%s\n' "$listed"
    exit 1
  fi
done

# The frontend caches namespace config (where SQL visibility keeps these aliases) for a few
# seconds; give it time so the first workflow start does not see an unknown attribute.
sleep "${SETUP_SETTLE_SECONDS:-10}"
log "all search attributes present in namespace '$NAMESPACE'"
