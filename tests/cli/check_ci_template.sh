#!/bin/bash
# The shipped .gitlab-ci.yml template is valid YAML, reports JUnit, and uses only flags duo-doctor check knows.
set -euo pipefail
template="$DUO_SOURCE_DIR/packaging/gitlab-ci/duo-doctor.gitlab-ci.yml"
python3 - "$template" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
job = doc[".duo-doctor"]
assert job["artifacts"]["reports"]["junit"] == "results.xml", "no JUnit report"
assert doc["duo-doctor"]["extends"] == ".duo-doctor"
assert len(doc["duo-doctor"]["parallel"]["matrix"]) >= 2
PY
help=$("$DUO_DOCTOR_BIN" check --help)
# The flags of the duo-doctor command in the job's script (not curl's or apt's).
command=$(python3 -c 'import sys, yaml; print("\n".join(l for l in yaml.safe_load(open(sys.argv[1]))[".duo-doctor"]["script"] if "duo-doctor check" in l))' "$template")
[ -n "$command" ] || { echo "no duo-doctor check in the script"; exit 1; }
for flag in $(grep -o -- '--[a-z][a-z-]*' <<<"$command" | sort -u); do
    grep -q -- "$flag" <<<"$help" || { echo "the template uses $flag, which duo-doctor check does not know"; exit 1; }
done
# Secrets only through the environment: never a token on the command line.
if grep -nE -- '--(gitlab-token|model-key) ' "$template"; then echo "a secret on the command line"; exit 1; fi
echo "template ok"
