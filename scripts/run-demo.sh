#!/usr/bin/env bash
# Opens KeyWarden on the demo vault, creating it on first use. Until the desktop console lands, the
# "console" is kwctl: the demo organisation is created with it and listed.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KW_BUILD_DIR:-build}
kwctl="$build_dir/app/kwctl/kwctl"
demo_dir=${KW_DEMO_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/keywarden}
vault="$demo_dir/demo.kwvault"
mkdir -p "$demo_dir"
chmod 700 "$demo_dir"
pass="$demo_dir/demo.passphrase"
[ -f "$pass" ] || (umask 077; echo "keywarden-demo" > "$pass")
k() { "$kwctl" --vault "$vault" --passphrase-file "$pass" "$@"; }

if [ ! -f "$vault" ]; then
    echo "Creating the demo vault at $vault"
    k vault init >/dev/null
    k project create payments --team platform --prefix pay >/dev/null
    k project create search --team discovery --prefix srch >/dev/null
    k project create mobile --team apps --prefix mob >/dev/null
    id() { k key create --json "$@" | sed -n 's/^ *"id": "\(key_[A-Za-z0-9]*\)".*/\1/p' | head -1; }
    root=$(id --project payments --env prod --name "payments gateway (root)" --owner alice@example.com --tag pci)
    for svc in checkout refunds ledger; do
        child=$(id --project payments --env prod --name "$svc service" --service "$svc" --parent "$root" \
                   --expires-in 90d --owner alice@example.com)
        id --project payments --env prod --name "$svc worker" --service "$svc" --parent "$child" --expires-in 30d >/dev/null
    done
    id --project payments --env staging --name "staging gateway" --expires-in 14d >/dev/null
    id --project payments --env prod --name "gateway standby" --backup --owner alice@example.com >/dev/null
    idx=$(id --project search --env prod --name "indexer" --service indexer --expires-in 60d --owner bob@example.com)
    id --project search --env prod --name "query api" --service query --depends-on "$idx" --expires-in 60d >/dev/null
    id --project search --env dev --name "local dev" --expires-in 7d --owner bob@example.com >/dev/null
    for i in 1 2 3; do
        id --project mobile --env prod --name "ios build $i" --service appstore --expires-in $((i * 20))d --tag ci >/dev/null
    done
    old=$(id --project mobile --env prod --name "android legacy" --service playstore)
    k key suspend "$old" --reason "pending migration to new signing flow" >/dev/null
    leaked=$(id --project mobile --env dev --name "leaked test key")
    k key revoke "$leaked" --reason "found in a public gist" --incident INC-2041 >/dev/null
fi

echo "KeyWarden demo vault: $vault (passphrase in $pass)"
echo
k project list
echo
k key list
echo
k audit verify
