#!/usr/bin/env bash
# Drives a simulator's GDB stub with gdb-multiarch in batch mode.
#
# Usage: run-gdb-test.sh avsim|qemu SIMULATOR GUEST_ELF SCRIPT [OPTION...]
#   Starts SIMULATOR (avsim, or qemu-system-aarch64 10+) stopped (-S) with the guest and a GDB
#   stub on a free local port, runs `gdb-multiarch -batch -x SCRIPT` against it with $avsim set
#   to 1 or 0, and passes when the script printed DONE and no FAIL line, and the guest then ran
#   to its end (exit status 0, no failed check in its output). OPTIONs go to the simulator.
#   Exit 77 (skipped) without gdb-multiarch, or for qemu without QEMU 10.
set -u
[ $# -ge 4 ] || { echo "usage: $0 avsim|qemu SIMULATOR GUEST_ELF SCRIPT [OPTION...]" >&2; exit 2; }
kind=$1 sim=$2 elf=$3 script=$4
shift 4
command -v gdb-multiarch >/dev/null || { echo "gdb-multiarch not installed: skipped"; exit 77; }
if [ "$kind" = qemu ]; then
    command -v "$sim" >/dev/null && "$sim" --version | head -n1 | grep -Eq 'version (1[0-9]|[2-9][0-9])\.' ||
        { echo "QEMU 10 or later not installed: skipped"; exit 77; }
fi
[ -f "$elf" ] || { echo "error: guest program '$elf' not found" >&2; exit 2; }

tmp=$(mktemp -d)
sim_pid=
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
opts=(-M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic -semihosting -smp 2
      -kernel "$elf" -gdb "tcp:127.0.0.1:$port" -S "$@")
# QEMU: no NIC (its option ROM may be missing), and no SVE, so that the FP/SIMD registers are
# V0-V31 as on avsim (with SVE, GDB's V registers are views of the Z registers).
[ "$kind" = qemu ] && opts=("${opts[@]/#max/max,sve=off}" -nic none)
echo "$kind: $sim ${opts[*]}"
"$sim" "${opts[@]}" </dev/null >"$tmp/sim.out" 2>"$tmp/sim.err" &
sim_pid=$!
# Wait until the stub listens (this probe connection comes and goes, as a client may).
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

avsim=0
[ "$kind" = avsim ] && avsim=1
timeout -k 5 120 gdb-multiarch -batch -nx -ex "set \$avsim = $avsim" -ex "file $elf" \
    -ex "target remote 127.0.0.1:$port" -x "$script" >"$tmp/gdb.out" 2>&1
gdb_status=$?
# The script ends with the guest's exit; give the simulator a moment to be gone.
for _ in $(seq 100); do
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$sim_pid" 2>/dev/null; then
    sim_status=timeout
else
    wait "$sim_pid"
    sim_status=$?
fi
sim_pid=

cat "$tmp/gdb.out"
echo "--- $kind console:"
cat "$tmp/sim.out"
[ -s "$tmp/sim.err" ] && { echo "--- $kind stderr:"; cat "$tmp/sim.err"; }
pass=$(grep -c '^PASS ' "$tmp/gdb.out")
fail=$(grep -c '^FAIL ' "$tmp/gdb.out")
echo "--- $pass checks passed, $fail failed; gdb exit status $gdb_status, $kind exit status $sim_status"
ok=1
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ] || ok=0
grep -q '^DONE$' "$tmp/gdb.out" || { echo "FAILED: the script did not reach its end"; ok=0; }
[ "$sim_status" = 0 ] || { echo "FAILED: $kind did not exit with status 0"; ok=0; }
grep -Eq '^[0-9]+ passed, 0 failed' "$tmp/sim.out" || { echo "FAILED: the guest's own checks"; ok=0; }
[ "$ok" = 1 ] && echo "PASSED" && exit 0
exit 1
