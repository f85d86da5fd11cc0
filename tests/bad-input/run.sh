#!/usr/bin/env bash
# Bad input must be refused cleanly: for each malformed image or option, avsim
# must exit with status 1 and a first stderr line starting "avsim:", and never
# crash (status > 128) or hang.
#
# Usage: run.sh AVSIM_BINARY
# All inputs are generated here (fixed seeds), in a temporary directory.
set -u

[ $# -eq 1 ] || { echo "usage: $0 AVSIM_BINARY" >&2; exit 2; }
avsim=$1
[ -x "$avsim" ] || { echo "error: '$avsim' is not an executable" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# ---- Byte helpers: little-endian fields written with printf escapes ----
le() { # le VALUE NBYTES: writes VALUE as NBYTES little-endian bytes (no subshells: fast)
    local v=$1 n=$2 esc="" byte i
    for ((i = 0; i < n; i++)); do
        printf -v byte '\\x%02x' $(((v >> (8 * i)) & 0xff))
        esc+=$byte
    done
    printf %b "$esc"
}
le8() { le "$1" 1; }
le16() { le "$1" 2; }
le32() { le "$1" 4; }
le64() { le "$1" 8; }
zeros() { head -c "$1" /dev/zero; }

# Deterministic pseudo-random bytes (LCG, fixed seed): random_bytes SEED COUNT.
random_bytes() {
    awk -v seed="$1" -v n="$2" 'BEGIN {
        x = seed
        for (i = 0; i < n; i++) {
            x = (x * 1103515245 + 12345) % 2147483648
            printf "%c", int(x / 65536) % 255 + 1
        }
    }'
}

# elf_header MACHINE CLASS PHNUM [PHOFF]: a 64-byte ELF header, little-endian ET_EXEC.
elf_header() {
    local machine=$1 class=$2 phnum=$3 phoff=${4:-64}
    printf '\x7fELF'
    le8 "$class"; printf '\x01\x01'
    zeros 9
    le16 2; le16 "$machine"; le32 1
    le64 0x40100000; le64 "$phoff"; le64 0
    le32 0; le16 64; le16 56; le16 "$phnum"; le16 64; le16 0; le16 0
}

# phdr TYPE OFFSET PADDR FILESZ MEMSZ: one 56-byte ELF64 program header.
phdr() {
    le32 "$1"; le32 5; le64 "$2"; le64 "$3"; le64 "$3"; le64 "$4"; le64 "$5"; le64 0x1000
}

# Linux Image header (64 bytes) with TEXT_OFFSET and IMAGE_SIZE.
image_header() {
    printf 'MZ'; zeros 6; le64 "$1"; le64 "$2"; le64 0xA; zeros 24; le32 0x644D5241; le32 0
}

# ---- Inputs ----
# A valid raw kernel (PSCI SYSTEM_OFF over HVC): used where something else is bad,
# so that a missed refusal ends quickly with status 0 rather than hanging.
printf '\x00\x01\x80\x52\x00\x80\xb0\x72\x02\x00\x00\xd4\x00\x00\x00\x14' >"$tmp/good.bin"
# WFI forever, with no interrupt source enabled: nothing can ever wake the CPU.
printf '\x7f\x20\x03\xd5\xff\xff\xff\x17' >"$tmp/wfi.bin"
: >"$tmp/empty"
random_bytes 42 4096 >"$tmp/random.bin"
{ printf '\x7fELF'; random_bytes 7 4092; } >"$tmp/random-elf"
elf_header 183 2 1 | head -c 40 >"$tmp/truncated-header.elf"
elf_header 183 2 1 >"$tmp/truncated-phdrs.elf"
{ elf_header 183 2 1; phdr 1 0x1000 0x40100000 0x1000 0x1000; zeros 100; } >"$tmp/truncated-segment.elf"
{ elf_header 62 2 1; phdr 1 0x1000 0x400000 0x100 0x100; zeros 8192; } >"$tmp/x86-64.elf"
{ elf_header 183 1 1; zeros 64; } >"$tmp/elf32"
{ elf_header 183 2 1; phdr 1 0x1000 0x80000000 0x10 0x10; zeros 8192; } >"$tmp/outside-ram.elf"
{ elf_header 183 2 1; phdr 1 0x1000 0xFFFFFFFFFFFFF000 0x10 0x2000; zeros 8192; } >"$tmp/wrapping.elf"
{ elf_header 183 2 1; phdr 1 0xFFFFFFFFFFFFFFF0 0x40100000 0x20 0x20; zeros 8192; } >"$tmp/bad-offset.elf"
{ elf_header 183 2 1 0xFFFFFFFFFFFFFFF0; zeros 8192; } >"$tmp/bad-phoff.elf"
{ elf_header 183 2 2; phdr 1 0x1000 0x40100000 0x100 0x100; phdr 1 0x1000 0x40100080 0x100 0x100
  zeros 8192; } >"$tmp/overlap.elf"
{ elf_header 183 2 1; phdr 1 0x1000 0x40100000 0x200 0x100; zeros 8192; } >"$tmp/filesz.elf"
{ image_header 0 0x40000000; zeros 4032; } >"$tmp/image-too-big"       # image_size 1 GiB
{ image_header 0xFFFFFFFFFFFFF000 0x1000; zeros 4032; } >"$tmp/image-offset"
{ image_header 0 0xFFFFFFFFFFFFFFFF; zeros 4032; } >"$tmp/image-wrap"
truncate -s 129M "$tmp/raw-too-big"
truncate -s 65M "$tmp/initrd-too-big"
printf '\x1f\x8b\x08\x00' >"$tmp/kernel.gz"
mkdir "$tmp/dir"

# ---- Cases ----
passed=0
failed=0

# refuse DESCRIPTION ARGS...: avsim ARGS must exit 1 with "avsim:" first on stderr.
refuse() {
    local what=$1 status first
    shift
    timeout -k 5 30 "$avsim" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
    first=$(head -n 1 "$tmp/err")
    if [ "$status" -eq 1 ] && [[ $first == avsim:* ]]; then
        passed=$((passed + 1))
        echo "ok   $what: $first"
        return
    fi
    failed=$((failed + 1))
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        echo "FAIL $what: timed out"
    elif [ "$status" -gt 128 ]; then
        echo "FAIL $what: crashed (status $status)"
    else
        echo "FAIL $what: status $status, stderr: ${first:-(empty)}"
    fi
    sed 's/^/     | /' "$tmp/err" | head -n 20
}

# accept DESCRIPTION ARGS...: avsim ARGS (with a kernel that powers off) must exit 0.
accept() {
    local what=$1 status
    shift
    timeout -k 5 30 "$avsim" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok   $what: accepted"
        return
    fi
    failed=$((failed + 1))
    echo "FAIL $what: status $status, stderr: $(head -n 1 "$tmp/err")"
}

m=(-M virt -cpu max -m 128M -nographic)
good=(-kernel "$tmp/good.bin")

# Kernels
refuse "empty kernel" "${m[@]}" -kernel "$tmp/empty"
refuse "missing kernel file" "${m[@]}" -kernel "$tmp/nonexistent"
refuse "kernel is a directory" "${m[@]}" -kernel "$tmp/dir"
refuse "kernel is /dev/zero" "${m[@]}" -kernel /dev/zero
mkfifo "$tmp/fifo"
refuse "kernel is a FIFO" "${m[@]}" -kernel "$tmp/fifo"
refuse "random bytes after ELF magic" "${m[@]}" -kernel "$tmp/random-elf"
refuse "truncated ELF header" "${m[@]}" -kernel "$tmp/truncated-header.elf"
refuse "truncated ELF program headers" "${m[@]}" -kernel "$tmp/truncated-phdrs.elf"
refuse "truncated ELF segment" "${m[@]}" -kernel "$tmp/truncated-segment.elf"
refuse "x86-64 ELF (generated)" "${m[@]}" -kernel "$tmp/x86-64.elf"
for host_elf in /bin/true /bin/sh; do
    [ -f "$host_elf" ] && refuse "host ELF $host_elf" "${m[@]}" -kernel "$host_elf"
done
refuse "ELF32" "${m[@]}" -kernel "$tmp/elf32"
refuse "ELF segment outside RAM" "${m[@]}" -kernel "$tmp/outside-ram.elf"
refuse "ELF segment wrapping around" "${m[@]}" -kernel "$tmp/wrapping.elf"
refuse "ELF segment offset past the file" "${m[@]}" -kernel "$tmp/bad-offset.elf"
refuse "ELF program header offset past the file" "${m[@]}" -kernel "$tmp/bad-phoff.elf"
refuse "overlapping ELF segments" "${m[@]}" -kernel "$tmp/overlap.elf"
refuse "ELF p_filesz > p_memsz" "${m[@]}" -kernel "$tmp/filesz.elf"
refuse "Image larger than RAM" "${m[@]}" -kernel "$tmp/image-too-big"
refuse "Image with huge text_offset" "${m[@]}" -kernel "$tmp/image-offset"
refuse "Image with huge image_size" "${m[@]}" -kernel "$tmp/image-wrap"
refuse "raw image larger than RAM" "${m[@]}" -kernel "$tmp/raw-too-big"
refuse "raw kernel in too little RAM" -M virt -m 1M -kernel "$tmp/good.bin"
refuse "gzip kernel" "${m[@]}" -kernel "$tmp/kernel.gz"
refuse "no -kernel" "${m[@]}"

# initrd and DTB files
refuse "missing initrd" "${m[@]}" "${good[@]}" -initrd "$tmp/nonexistent"
refuse "empty initrd" "${m[@]}" "${good[@]}" -initrd "$tmp/empty"
refuse "initrd larger than the RAM left" "${m[@]}" "${good[@]}" -initrd "$tmp/initrd-too-big"
refuse "random bytes as -dtb" "${m[@]}" "${good[@]}" -dtb "$tmp/random.bin"
refuse "empty -dtb" "${m[@]}" "${good[@]}" -dtb "$tmp/empty"
refuse "missing -dtb" "${m[@]}" "${good[@]}" -dtb "$tmp/nonexistent"
refuse "dumpdtb to an unwritable path" -M "virt,dumpdtb=$tmp/nonexistent/x.dtb" "${good[@]}"

# Options
refuse "unknown option" "${m[@]}" "${good[@]}" -foo
refuse "unknown double-dash option" "${m[@]}" "${good[@]}" --bogus
refuse "stray argument" "${m[@]}" "${good[@]}" disk.img
refuse "missing option argument" "${m[@]}" -kernel
refuse "gic-version=2" -M virt,gic-version=2 "${good[@]}"
refuse "gic-version=4" -M virt,gic-version=4 "${good[@]}"
refuse "unknown machine" -M sbsa-ref "${good[@]}"
refuse "unknown machine property" -M virt,secure=on "${good[@]}"
refuse "bad virtualization value" -M virt,virtualization=maybe "${good[@]}"
refuse "-cpu cortex-a57" -M virt -cpu cortex-a57 "${good[@]}"
refuse "-smp 0" "${m[@]}" -smp 0 "${good[@]}"
refuse "-smp 99" "${m[@]}" -smp 99 "${good[@]}"
refuse "-smp garbage" "${m[@]}" -smp lots "${good[@]}"
refuse "-m 0" -M virt -m 0 "${good[@]}"
refuse "-m 256G" -M virt -m 256G "${good[@]}"
refuse "-m garbage" -M virt -m 12X "${good[@]}"
refuse "-m 16E (overflow)" -M virt -m 16E "${good[@]}"
refuse "unknown -d category" "${m[@]}" -d bogus "${good[@]}"
refuse "semihosting target=gdb" "${m[@]}" -semihosting-config enable=on,target=gdb "${good[@]}"
refuse "-icount shift=99" "${m[@]}" -icount shift=99 "${good[@]}"
refuse "-icount garbage" "${m[@]}" -icount fast "${good[@]}"
refuse "-icount align (not supported)" "${m[@]}" -icount shift=3,align=on "${good[@]}"
refuse "-accel kvm" "${m[@]}" -accel kvm "${good[@]}"
refuse "-accel tb-size garbage" "${m[@]}" -accel tcg,tb-size=lots "${good[@]}"
refuse "-accel thread=many" "${m[@]}" -accel tcg,thread=many "${good[@]}"
refuse "thread=multi with -icount 3" "${m[@]}" -accel tcg,thread=multi -icount 3 "${good[@]}"
refuse "thread=multi with the cache model" "${m[@]}" -accel tcg,thread=multi -cache mode=on "${good[@]}"
accept "thread=multi" "${m[@]}" -smp 2 -accel tcg,thread=multi "${good[@]}"
refuse "a guest nothing can wake" "${m[@]}" -kernel "$tmp/wfi.bin"
refuse "a guest nothing can wake, thread=multi" "${m[@]}" -smp 2 -accel tcg,thread=multi -kernel "$tmp/wfi.bin"
refuse "-cache mode=maybe" "${m[@]}" -cache mode=maybe "${good[@]}"
refuse "-cache unknown property" "${m[@]}" -cache mode=on,l3=1M:8 "${good[@]}"
refuse "-cache no value" "${m[@]}" -cache mode "${good[@]}"
refuse "-cache l1d sets not a power of two" "${m[@]}" -cache l1d=48K:4 "${good[@]}"
refuse "-cache l1d no ways" "${m[@]}" -cache l1d=64K "${good[@]}"
refuse "-cache l1d 0 ways" "${m[@]}" -cache l1d=64K:0 "${good[@]}"
refuse "-cache l2 2048 ways" "${m[@]}" -cache l2=512K:2048 "${good[@]}"
refuse "-cache l2 size garbage" "${m[@]}" -cache l2=lots:8 "${good[@]}"
refuse "-cache l2 size overflow" "${m[@]}" -cache l2=99999999999:8 "${good[@]}"
refuse "-cache line=48" "${m[@]}" -cache line=48 "${good[@]}"
refuse "-cache line=4096" "${m[@]}" -cache line=4096 "${good[@]}"
refuse "-cache dic without idc" "${m[@]}" -cache mode=on,dic=on "${good[@]}"
refuse "-cache stop without check" "${m[@]}" -cache mode=on,stop=on "${good[@]}"
refuse "-cache idc=maybe" "${m[@]}" -cache idc=maybe "${good[@]}"

# Repeated options: the last occurrence wins and only it is validated (as in QEMU).
accept "-smp 99 -smp 2" "${m[@]}" -smp 99 -smp 2 "${good[@]}"
accept "-m 0 -m 128M" -M virt -m 0 -m 128M "${good[@]}"
accept "-cpu cortex-a57 -cpu max" -M virt -cpu cortex-a57 -cpu max "${good[@]}"
accept "gic-version=2 then gic-version=3" -M virt,gic-version=2 -M virt,gic-version=3 "${good[@]}"
refuse "-smp 2 -smp 99" "${m[@]}" -smp 2 -smp 99 "${good[@]}"
refuse "-smp 2 -smp 0" "${m[@]}" -smp 2 -smp 0 "${good[@]}"
refuse "-m 128M -m 0" -M virt -m 128M -m 0 "${good[@]}"
refuse "-m 128M -m 256G" -M virt -m 128M -m 256G "${good[@]}"
refuse "gic-version=3 then gic-version=2" -M virt,gic-version=3 -M virt,gic-version=2 "${good[@]}"
accept "-cache line=48 then mode=on" "${m[@]}" -cache line=48 -cache mode=on "${good[@]}"
refuse "-cache mode=on then mode=bad" "${m[@]}" -cache mode=on -cache mode=bad "${good[@]}"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
