#!/bin/bash
# Test support, adapted from the workplace's ceph-rgw tool: a throw-away single-node Ceph
# (Debian 12 "pacific" 16.2.x) with a RADOS Gateway that speaks S3 + STS (AssumeRole) and
# VERIFIES SigV4. Buckets are created by the tests themselves, signed by Shomei.
#   apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common
#   bash start.sh [DIR] [RGW_PORT]    (defaults /tmp/ceph-rgw 7480)
#   bash stop.sh  [DIR]
# Wipes DIR, bootstraps mon (127.0.0.1:$MON_PORT, default 6789) + 1 memstore
# OSD (RAM, 1 GiB) + radosgw on 127.0.0.1:RGW_PORT; cephx off; no mgr.
# Creates: user 'tester'  AK=AKIDTESTER0000000001
#                         SK=TesterSecretKey0000000000000000000000001
#          role arn:aws:iam:::role/application_abc/component_xyz/S3Access
#          (trust: user tester may sts:AssumeRole; policy: s3:*)
# Everything runs as background processes whose pids are in DIR/run/*.mypid.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/ceph-rgw}
PORT=${2:-7480}
MON_PORT=${MON_PORT:-6789}
AK=AKIDTESTER0000000001
SK=TesterSecretKey0000000000000000000000001
case "$DIR" in /tmp/*) ;; *) echo "refusing: DIR must be under /tmp" >&2; exit 2;; esac
[ -d "$DIR/run" ] && bash "$HERE/stop.sh" "$DIR" || true
rm -rf "$DIR"; mkdir -p "$DIR"/{run,log,mon.a,osd.0,rgw}
cd "$DIR"
FSID=$(/usr/bin/python3 -c 'import uuid; print(uuid.uuid4())')
cat > ceph.conf <<EOF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
ms bind ipv6 = false
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon data avail warn = 1
osd crush chooseleaf type = 0
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
crash dir = $DIR/log
mon data = $DIR/mon.\$id
osd data = $DIR/osd.\$id
keyring = $DIR/keyring
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $DIR/rgw
rgw sts key = abcdefghijklmnop
rgw s3 auth use sts = true
rgw dns name = localhost
EOF
C="-c $DIR/ceph.conf"
monmaptool --create --add a 127.0.0.1:$MON_PORT --fsid "$FSID" monmap >/dev/null
ceph-authtool --create-keyring keyring --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-mon $C --mkfs -i a --monmap monmap
nohup ceph-mon $C -i a -f > log/mon.a.stdout 2>&1 & echo $! > run/mon.a.mypid
for i in $(seq 30); do timeout 5 ceph $C -s >/dev/null 2>&1 && break; sleep 1; done
OSDUUID=$(/usr/bin/python3 -c 'import uuid; print(uuid.uuid4())')
ID=$(timeout 20 ceph $C osd new "$OSDUUID")
ceph-osd $C -i "$ID" --mkfs --osd-uuid "$OSDUUID" > log/osd.mkfs.log 2>&1
# a freshly started OSD sometimes dies at init ("mon_cmd_maybe_osd_create fail:
# 'wrong fsid'") when it talks to the mon too early: start it, wait until it is up, retry
for try in 1 2 3 4 5; do
  sleep 2
  nohup ceph-osd $C -i "$ID" -f >> log/osd.$ID.stdout 2>&1 & echo $! > run/osd.$ID.mypid
  for i in $(seq 30); do
    kill -0 "$(cat run/osd.$ID.mypid)" 2>/dev/null || break
    timeout 5 ceph $C osd stat 2>/dev/null | grep -q '1 up' && break 2
    sleep 1
  done
  echo "osd.$ID not up (try $try), restarting" >&2
  kill "$(cat run/osd.$ID.mypid)" 2>/dev/null || true
done
nohup radosgw $C -n client.rgw.a -f > log/rgw.stdout 2>&1 & echo $! > run/rgw.mypid
for i in $(seq 90); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 http://127.0.0.1:$PORT/ || true)" = 200 ] && break; sleep 1
done
A="timeout 30 radosgw-admin $C -n client.admin"
$A user create --uid=tester --display-name=Tester --access-key=$AK --secret-key=$SK > log/user.json 2>/dev/null
$A caps add --uid=tester --caps="roles=*" >/dev/null 2>&1
$A role create --role-name=S3Access --path=/application_abc/component_xyz/ \
  --assume-role-policy-doc='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam:::user/tester"]},"Action":["sts:AssumeRole"]}]}' > log/role.json 2>/dev/null
$A role-policy put --role-name=S3Access --policy-name=Policy1 \
  --policy-doc='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"arn:aws:s3:::*"}]}' >/dev/null 2>&1
echo "Ceph RGW $(radosgw --version | awk '{print $3}') ready: http://127.0.0.1:$PORT"
