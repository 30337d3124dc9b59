#!/usr/bin/env bash
# Gateway benchmark: keywardend and nginx on loopback, measured with the same wrk settings.
#   1. verify endpoint            vs nginx answering a fixed 200            (target ratio >= 0.8, p99 < 2 ms)
#   2. nginx auth_request → keywardend vs nginx auth_request → trivial 204 (target ratio >= 0.9)
#   3. cached mode (1 s auth cache + nginx limit_req per key id) vs keys in an nginx map (target >= 0.5)
# Usage: run.sh [--smoke] [--build-dir DIR] [--keys N] [--duration 10s] [--connections 32] [--out FILE]
# Everything listens on 127.0.0.1 and is stopped on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
build="$src/build"
keys=10000
duration=10s
connections=32
out=""
smoke=0
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) smoke=1; keys=200; duration=1s; shift ;;
        --build-dir) build=$2; shift 2 ;;
        --keys) keys=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
for tool in wrk nginx; do
    command -v "$tool" >/dev/null || { [ -x "/usr/sbin/$tool" ] || { echo "run.sh: $tool is not installed (scripts/install-deps.sh)" >&2; exit 1; }; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/kw-gateway.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== seeding $keys keys"
"$build/tests/benchmarks/seed_vault" "$work/seed" "$keys" --rate-limit 1000000/s >/dev/null
verifier=$(cat "$work/seed/verifier.token")

"$build/app/keywardend/keywardend" --vault "$work/seed/vault.kwvault" --passphrase-file "$work/seed/passphrase" \
    --listen 127.0.0.1:0 --ready-file "$work/kwd.port" --log-requests false > "$work/kwd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/kwd.port" ] && break; sleep 0.1; done
[ -s "$work/kwd.port" ] || { echo "run.sh: keywardend did not start:" >&2; cat "$work/kwd.log" >&2; exit 1; }
kwd_port=$(cat "$work/kwd.port")

# wrk scripts: each request presents a random key from the seeded set.
cat > "$work/verify.lua" <<LUA
local keys = {}
for line in io.lines("$work/seed/keys.txt") do keys[#keys + 1] = line end
local headers = { ["Authorization"] = "Bearer $verifier", ["Content-Type"] = "application/json" }
request = function()
    local k = keys[math.random(#keys)]
    return wrk.format("POST", "/v1/keys/verify", headers, '{"key":"' .. k .. '","service":"checkout"}')
end
LUA
cat > "$work/gateway.lua" <<LUA
local keys = {}
for line in io.lines("$work/seed/keys.txt") do keys[#keys + 1] = line end
request = function()
    return wrk.format("GET", "/api/resource", { ["X-API-Key"] = keys[math.random(#keys)] })
end
LUA

p_fixed=$(free_port); p_gw=$(free_port); p_ceiling=$(free_port); p_trivial=$(free_port)
p_cached=$(free_port); p_diy=$(free_port)
{
    echo 'map "" $kw_verifier { default "'"$verifier"'"; }'
    echo 'map $http_x_api_key $diy_key_id {'
    echo '    default "";'
    n=0
    while read -r k; do echo "    \"$k\" \"k$n\";"; n=$((n + 1)); done < "$work/seed/keys.txt"
    echo '}'
} > "$work/maps.conf"
chmod 600 "$work/maps.conf"
mkdir -p "$work/nginx/cache" "$work/nginx/tmp"
# As root, nginx would switch its worker to nobody, which cannot write the cache under our temp dir.
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root root;"
cat > "$work/nginx/nginx.conf" <<NGX
$user_line
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    map_hash_bucket_size 128;
    map_hash_max_size 262144;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    upstream keywarden { server 127.0.0.1:$kwd_port; keepalive 64; }
    upstream trivial { server 127.0.0.1:$p_trivial; keepalive 64; }
    include $work/maps.conf;
    proxy_cache_path $work/nginx/cache levels=1:2 keys_zone=keywarden_auth:10m inactive=10s use_temp_path=off;
    limit_req_zone \$kw_key_id zone=keywarden_perkey:20m rate=1000000r/s;
    limit_req_zone \$diy_key_id zone=diy_perkey:20m rate=1000000r/s;

    # 1: nginx answering a fixed 200 (the ceiling for the verify endpoint)
    server { listen 127.0.0.1:$p_fixed; location / { return 200 '{"valid":true,"code":"VALID"}'; } }

    # trivial upstream: what every protected location proxies to
    server { listen 127.0.0.1:$p_trivial; location / { return 204; } }

    # 2a: the real gateway, with the shipped snippets
    server {
        listen 127.0.0.1:$p_gw;
        include $src/installer/nginx/keywarden-auth.conf;
        location /api/ {
            set \$kw_service "checkout";
            include $src/installer/nginx/keywarden-protect.conf;
            proxy_http_version 1.1; proxy_set_header Connection "";
            proxy_pass http://trivial;
        }
    }
    # 2b: the ceiling of the auth_request design: the auth subrequest answered by the trivial upstream
    server {
        listen 127.0.0.1:$p_ceiling;
        location = /_auth { internal; proxy_pass http://trivial/auth; proxy_pass_request_body off;
                            proxy_set_header Content-Length ""; proxy_http_version 1.1; proxy_set_header Connection ""; }
        location /api/ { auth_request /_auth; proxy_http_version 1.1; proxy_set_header Connection "";
                         proxy_pass http://trivial; }
    }
    # 3a: cached mode, with the shipped cached snippet
    server {
        listen 127.0.0.1:$p_cached;
        root $work/nginx;
        include $src/installer/nginx/keywarden-auth-cached.conf;
        location /api/ {
            set \$kw_service "checkout";
            include $src/installer/nginx/keywarden-protect.conf;
            try_files /.keywarden-no-such-file @api_limited;
        }
        location @api_limited {
            limit_req zone=keywarden_perkey burst=1000 nodelay;
            limit_req_status 429;
            proxy_http_version 1.1; proxy_set_header Connection "";
            proxy_set_header X-Key-Id \$kw_key_id;
            proxy_set_header X-API-Key "";
            proxy_pass http://trivial;
        }
    }
    # 3b: the do-it-yourself gateway: keys in an nginx map, limit_req per key
    server {
        listen 127.0.0.1:$p_diy;
        location /api/ {
            if (\$diy_key_id = "") { return 401; }
            limit_req zone=diy_perkey burst=1000 nodelay;
            limit_req_status 429;
            proxy_http_version 1.1; proxy_set_header Connection "";
            proxy_set_header X-Key-Id \$diy_key_id;
            proxy_set_header X-API-Key "";
            proxy_pass http://trivial;
        }
    }
}
NGX
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" > "$work/nginx/stdout.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$p_trivial/" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$p_trivial/" || { echo "run.sh: nginx did not start:" >&2; cat "$work/nginx/stdout.log" "$work/nginx/error.log" >&2; exit 1; }

# Sanity: each path answers as expected before it is measured.
key1=$(head -1 "$work/seed/keys.txt")
check() {
    local want=$1; shift
    local got
    got=$(curl -s -o /dev/null -w '%{http_code}' "$@" || true)
    [ "$got" = "$want" ] || {
        echo "run.sh: expected $want from ${*: -1}, got $got" >&2
        cat "$work/nginx/stdout.log" "$work/nginx/error.log" >&2 2>/dev/null
        exit 1
    }
}
check 200 -X POST -H "Authorization: Bearer $verifier" -d "{\"key\":\"$key1\",\"service\":\"checkout\"}" "http://127.0.0.1:$kwd_port/v1/keys/verify"
check 204 -H "X-API-Key: $key1" "http://127.0.0.1:$p_gw/api/x"
check 401 -H "X-API-Key: kw_live_nope" "http://127.0.0.1:$p_gw/api/x"
check 204 -H "X-API-Key: $key1" "http://127.0.0.1:$p_ceiling/api/x"
check 204 -H "X-API-Key: $key1" "http://127.0.0.1:$p_cached/api/x"
check 204 -H "X-API-Key: $key1" "http://127.0.0.1:$p_diy/api/x"
check 401 -H "X-API-Key: nope" "http://127.0.0.1:$p_diy/api/x"

declare -A rps p99
measure() { # name url script
    local name=$1 url=$2 script=$3
    local output
    output=$(wrk -t1 -c"$connections" -d"$duration" --latency -s "$script" "$url")
    rps[$name]=$(echo "$output" | awk '/Requests\/sec/ {print $2}')
    p99[$name]=$(echo "$output" | awk '$1 == "99%" {print $2}')
    local non2xx
    non2xx=$(echo "$output" | awk '/Non-2xx/ {print $NF}')
    printf '%-22s %12s req/s   p99 %8s%s\n' "$name" "${rps[$name]}" "${p99[$name]}" "${non2xx:+   non-2xx: $non2xx}"
}
echo "== wrk -t1 -c$connections -d$duration, $keys keys"
measure verify "http://127.0.0.1:$kwd_port/v1/keys/verify" "$work/verify.lua"
measure nginx_fixed_200 "http://127.0.0.1:$p_fixed/v1/keys/verify" "$work/verify.lua"
measure gateway "http://127.0.0.1:$p_gw/api/resource" "$work/gateway.lua"
measure gateway_ceiling "http://127.0.0.1:$p_ceiling/api/resource" "$work/gateway.lua"
measure cached "http://127.0.0.1:$p_cached/api/resource" "$work/gateway.lua"
measure diy_map "http://127.0.0.1:$p_diy/api/resource" "$work/gateway.lua"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
summary=$(cat <<TXT
verify endpoint / nginx fixed 200:          $(ratio "${rps[verify]}" "${rps[nginx_fixed_200]}")  (target >= 0.80; verify p99 ${p99[verify]}, target < 2 ms)
gateway via keywardend / auth_request ceiling: $(ratio "${rps[gateway]}" "${rps[gateway_ceiling]}")  (target >= 0.90)
cached mode / keys in an nginx map:         $(ratio "${rps[cached]}" "${rps[diy_map]}")  (target >= 0.50)
TXT
)
echo "== ratios"
echo "$summary"
if [ -n "$out" ]; then
    {
        echo "wrk -t1 -c$connections -d$duration, $keys keys, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
        for n in verify nginx_fixed_200 gateway gateway_ceiling cached diy_map; do
            printf '%s %s req/s p99 %s\n' "$n" "${rps[$n]}" "${p99[$n]}"
        done
        echo "$summary"
    } > "$out"
fi
# A smoke run checks that every path works and is measurable, not the figures.
[ "$smoke" = 1 ] && echo "gateway benchmark smoke run: 1 passed, 0 failed"
exit 0
