#!/usr/bin/env bash
# avsim with a terminal as its stdin (a pseudo-terminal made by script(1)) must
# pass keystrokes to the guest as a serial line does: the keystroke program
# (guest/tests/uart_rx_keys.c) shows its prompt (no newline) before any key is
# typed and prints the same on the terminal as with a pipe (no local echo, "a"
# and "b" before Enter, Enter as CR), and avsim leaves the terminal's settings
# as it found them, also when killed by SIGTERM.
#
# Usage: run.sh AVSIM UART_RX_KEYS_ELF
set -u

[ $# -eq 2 ] || { echo "usage: $0 AVSIM UART_RX_KEYS_ELF" >&2; exit 2; }
avsim=$1
elf=$2
command -v script >/dev/null || { echo "FAILED: script (util-linux) is needed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmd="$avsim -M virt -cpu max -m 128M -nographic -semihosting -kernel $elf"
failed=0
keys() { sleep 1; printf ab; sleep .5; printf '\r'; sleep 2; }
keys | timeout -k 5 60 $cmd >"$tmp/pipe.raw" 2>&1
pipe_status=$?
tr -d '\r' <"$tmp/pipe.raw" >"$tmp/pipe.out" # the guest ends lines with CR LF
# On the terminal, the keys are typed once the prompt has appeared.
coproc session {
    timeout -k 5 60 script -qec "stty -g >$tmp/stty.0; $cmd; echo \$? >$tmp/status; stty -g >$tmp/stty.1" \
        /dev/null
}
session_pid=$session_PID
exec {from_tty}<&"${session[0]}" {to_tty}>&"${session[1]}" # bash closes the coproc's own fds when it ends
out=""
while IFS= read -r -N 1 -t 20 c <&"$from_tty"; do
    out+=$c
    [[ $out == *"keys? " ]] && break
done
if [[ $out != *"keys? " ]]; then
    echo "FAILED: no prompt within 20 s of output silence (got '$out')"
    failed=1
fi
printf ab >&"$to_tty"
sleep .5
printf '\r' >&"$to_tty"
{ printf %s "$out"; cat <&"$from_tty"; } >"$tmp/tty.raw"
wait "$session_pid"
exec {from_tty}<&- {to_tty}>&-
tr -d '\r' <"$tmp/tty.raw" >"$tmp/tty.out" # and the terminal adds CRs
echo "--- on a terminal:"
cat "$tmp/tty.out"
if [ "$pipe_status" -ne 0 ] || [ "$(cat "$tmp/status" 2>/dev/null)" != 0 ]; then
    echo "FAILED: exit status $pipe_status with a pipe, $(cat "$tmp/status" 2>/dev/null) on a terminal"
    failed=1
fi
if ! diff -u --label pipe --label terminal "$tmp/pipe.out" "$tmp/tty.out"; then
    echo "FAILED: the terminal's output differs from the pipe's"
    failed=1
fi
if ! cmp -s "$tmp/stty.0" "$tmp/stty.1"; then
    echo "FAILED: terminal settings not restored after exit"
    failed=1
fi

# Killed while waiting for input: the settings are restored too.
sleep 3 | timeout -k 5 60 script -qec "stty -g >$tmp/kill.0; $cmd </dev/tty & pid=\$!; sleep 1;
    kill -TERM \$pid; wait \$pid; echo \$? >$tmp/kill.status; stty -g >$tmp/kill.1" /dev/null >/dev/null
if [ "$(cat "$tmp/kill.status" 2>/dev/null)" != 143 ]; then
    echo "FAILED: avsim did not die of SIGTERM (status $(cat "$tmp/kill.status" 2>/dev/null))"
    failed=1
elif ! cmp -s "$tmp/kill.0" "$tmp/kill.1"; then
    echo "FAILED: terminal settings not restored after SIGTERM"
    failed=1
fi
[ "$failed" -eq 0 ] && echo "passed"
exit "$failed"
