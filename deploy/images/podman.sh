# podman as it works on these machines (sourced): no Docker engine, no user namespaces for a
# rootless engine, cgroup v1 in a sandbox. vfs storage, builds with chroot isolation, runs with
# runc on cgroupfs, explicit ulimits (crun cannot raise RLIMIT_NOFILE here) and the host network.
SISL_PODMAN=(podman --storage-driver=vfs --runtime=runc --cgroup-manager=cgroupfs)
# `podman run` on the host network with explicit limits (deploy/up.sh execs it to own the pid).
SISL_PODMAN_RUN=("${SISL_PODMAN[@]}" run --ulimit=nofile=4096:4096 --ulimit=nproc=4096:4096
  --network=host)
sisl_podman() {
  "${SISL_PODMAN[@]}" "$@"
}
sisl_podman_build() {  # args of podman build
  sisl_podman build --format=docker --isolation=chroot "$@"
}
sisl_podman_run() {  # args of podman run
  "${SISL_PODMAN_RUN[@]}" "$@"
}
command -v podman >/dev/null && command -v runc >/dev/null ||
  apt-get install -y -qq --no-install-recommends podman runc >/dev/null
