#!/usr/bin/env bash
# Builds the .deb, installs it with apt on this machine, and runs the installed programs: the version, and one
# headless check against the installed simulated stack.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
(cd "$build" && cpack -G DEB > /dev/null)
deb=$(ls -t "$build"/duo-doctor_*.deb | head -n 1)
dpkg-deb --info "$deb" | grep -E "Depends|Package|Version"
sudo_or_not=(); [ "$(id -u)" -eq 0 ] || sudo_or_not=(sudo)
"${sudo_or_not[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "./$deb" > /dev/null
/usr/bin/duo-doctor --version
/usr/bin/duo-doctor-sim healthy > /tmp/duo-doctor-sim.json &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s /tmp/duo-doctor-sim.json ] && break; sleep 0.1; done
read -r gateway endpoint resolve key < <(python3 -c "import json; d=json.load(open('/tmp/duo-doctor-sim.json')); print(d['gateway_url'], d['model_endpoint'], d['resolve'][0], d['model_key'])")
MODEL_KEY=$key /usr/bin/duo-doctor check --gateway-url "$gateway" --model-name mistral --model-endpoint "$endpoint" \
    --model-identifier custom_openai/mistralai/Mistral-7B-Instruct-v0.3 --model-key-env MODEL_KEY --resolve "$resolve" | tail -n 1
echo "installed package: ok"
