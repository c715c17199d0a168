#!/usr/bin/env bash
# Throw-away certificates for the TLS tests, made with openssl at test time in DIR:
#   ca.pem/ca.key (a private CA), valid.* (127.0.0.1, by the CA), expired.* (by the CA, validity in 2020),
#   wronghost.* (for wrong.example, by the CA), selfsigned.* (127.0.0.1, self-signed),
#   inspect-ca.* and inspected.* (127.0.0.1, by "Example TLS Inspection Proxy CA").
set -euo pipefail
dir=$1
cd "$dir"
quiet() { "$@" > /dev/null 2>&1; }
ca() { # name subject
    quiet openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$1.key" -out "$1.pem" -subj "$2" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}
ca ca "/CN=Duo Doctor Test CA"
ca inspect-ca "/CN=Example TLS Inspection Proxy CA"
mkdir -p db && : > db/index.txt && echo 1000 > db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
dir = $dir
database = \$dir/db/index.txt
serial = \$dir/db/serial
new_certs_dir = \$dir/db
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
CNF
leaf() { # name signer subject san [start end]
    quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$3" -addext "subjectAltName=$4"
    local dates=(-days 30)
    [ $# -ge 6 ] && dates=(-startdate "$5" -enddate "$6")
    quiet openssl ca -batch -config ca.cnf -cert "$2.pem" -keyfile "$2.key" -in "$1.csr" -out "$1.pem" -notext "${dates[@]}"
}
leaf valid ca "/CN=127.0.0.1" "IP:127.0.0.1"
leaf expired ca "/CN=127.0.0.1" "IP:127.0.0.1" 20200101000000Z 20200201000000Z
leaf wronghost ca "/CN=wrong.example" "DNS:wrong.example"
leaf inspected inspect-ca "/CN=127.0.0.1" "IP:127.0.0.1"
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout selfsigned.key -out selfsigned.pem -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1"
for name in valid expired wronghost inspected selfsigned; do [ -s "$name.pem" ] || { echo "no $name.pem"; exit 1; }; done
