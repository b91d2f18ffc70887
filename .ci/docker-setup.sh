#!/usr/bin/env bash
# A Docker engine for the Lambda Docker-executor tests, with no registry access needed:
# docker.io from Debian, dockerd on vfs without iptables or a bridge (containers use --network host),
# and a local image `standin-lambda-host:local` imported from a tiny root filesystem. The host's /usr (Python,
# Node, libc) is bind-mounted read-only into containers by the executor (STANDIN_LAMBDA_DOCKER_HOST_RUNTIMES=1).
set -euo pipefail

if ! command -v dockerd >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io
fi

if ! docker info >/dev/null 2>&1; then
  nohup dockerd --storage-driver=vfs --iptables=false --bridge=none >/tmp/standin-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start:"; tail -20 /tmp/standin-dockerd.log; exit 1; }
fi

IMAGE=standin-lambda-host:local
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  # A merged-/usr skeleton: the executor bind-mounts the host's /usr (and the interpreter's prefix) read-only,
  # so the image itself holds no binaries at all.
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs"/{usr,etc,tmp,var/task,var/runtime,opt,proc,sys,dev,root}
  for d in bin lib lib64 sbin; do ln -s "usr/$d" "$rootfs/$d"; done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  tar -C "$rootfs" -c . | docker import - "$IMAGE" >/dev/null
  rm -rf "$rootfs"
fi
echo "docker engine ready: $(docker version --format '{{.Server.Version}}'), image $IMAGE"
