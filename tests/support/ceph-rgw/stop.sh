#!/bin/bash
# Stop the daemons started by start.sh (only the pids it recorded).
#   bash stop.sh [DIR]      (default /tmp/ceph-rgw)
DIR=${1:-/tmp/ceph-rgw}
for f in "$DIR"/run/rgw.mypid "$DIR"/run/osd.*.mypid "$DIR"/run/mon.a.mypid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$f"
done
echo "stopped ceph daemons of $DIR"
