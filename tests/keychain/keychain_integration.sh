#!/usr/bin/env bash
# The real OS keychain: GNOME Keyring's Secret Service inside this dbus-run-session. Saves a profile with a token and a
# key, reads them back in new processes, and proves neither reached a file.
set -euo pipefail
work=$(mktemp -d)
trap 'kill "${sim:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
# Without an unlocked login collection every write fails at once.
echo "duo-doctor-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null

"$DUO_SIM_BIN" healthy --record "$work/requests.jsonl" > "$work/sim.json" &
sim=$!
for _ in $(seq 50); do [ -s "$work/sim.json" ] && break; sleep 0.1; done
field() { python3 -c "import json,sys; d=json.load(open('$work/sim.json')); v=d['$1']; print(v[0] if isinstance(v, list) else v)"; }
token=$(field gitlab_token); key=$(field model_key)

TOKEN_VAR=$token KEY_VAR=$key "$DUO_DOCTOR_BIN" profiles save staging \
    --gitlab-url "$(field gitlab_url)" --gitlab-token-env TOKEN_VAR --gateway-url "$(field gateway_url)" \
    --model-name mistral --model-endpoint "$(field model_endpoint)" --model-identifier "$(field model_identifier)" \
    --deployment-name "$(field deployment_name)" --model-key-env KEY_VAR --resolve "$(field resolve)"

# A new process, no secret in its environment: they must come from the keychain.
set +e
"$DUO_DOCTOR_BIN" check --profile staging --format json > "$work/report.json" 2> "$work/stderr.txt"
code=$?
set -e
[ "$code" -eq 0 ] || { echo "check --profile exited $code: $(cat "$work/stderr.txt")"; exit 1; }
python3 - "$work/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
status = {c["id"]: c["status"] for c in report["checks"]}
assert report["target"]["model_key_set"] and report["target"]["gitlab_token_set"], report["target"]
for check in ("gitlab.token", "model.auth", "model.completion", "gateway.model_request"):
    assert status[check] == "pass", (check, status[check])
PY
grep -q "Bearer $key" "$work/requests.jsonl" || { echo "the model server never saw the key from the keychain"; exit 1; }

# The profile remembers the run; no secret is in any file under the config directory.
"$DUO_DOCTOR_BIN" profiles --format json | python3 -c "import json,sys; p=json.load(sys.stdin)['profiles'][0]; assert p['last_run']['fail']==0, p"
if grep -rqF -e "$key" -e "$token" "$XDG_CONFIG_HOME"; then echo "a secret reached the config directory"; exit 1; fi

# The keychain holds both entries under the profile's id; delete removes them with the file.
[ "$(secret-tool search --all server duo-doctor 2>&1 | grep -c '^attribute.user = ')" -eq 2 ] || {
    echo "expected two keychain entries:"; secret-tool search --all server duo-doctor; exit 1; }
"$DUO_DOCTOR_BIN" profiles delete staging
if secret-tool search --all server duo-doctor 2>&1 | grep -q '^attribute.user = '; then
    echo "delete left keychain entries behind"; exit 1; fi
echo "keychain integration: ok"
