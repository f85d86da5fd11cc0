# gdb-multiarch drives guest/tests/gdb_target.c through a GDB stub; run-gdb-test.sh runs it
# against avsim and against QEMU 10 (`$avsim` is 1 or 0): everything outside `if $avsim` is
# what both must do alike. Each check prints PASS or FAIL; an error ends the script before DONE.
set pagination off
set confirm off
set print pretty off

# expect CONDITION NAME (no spaces in either)
define expect
  if $arg0
    echo PASS $arg1\n
  else
    echo FAIL $arg1\n
  end
end

# Runs a GDB command with a SIGINT (what Ctrl-C does) sent to GDB after half a second.
python
import os, signal, threading
def interrupt_after(seconds):
    threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
end

# ---- Stopped at the ELF entry (-S) ----
expect $pc==_start stopped-at-entry
expect ($cpsr>>2&3)==2 starts-at-el2
info threads

# ---- Breakpoint at a symbol; registers ----
break gdb_bump
continue
expect $pc==gdb_bump break-at-symbol
expect $x0==1 argument-in-x0
expect $_thread==1 first-cpu
info registers x0 x1 sp pc cpsr
expect $sp!=0 sp-read
# The link register returns into main.
expect $x30>main&&$x30<main+0x400 lr-in-main

# ---- Single step ----
stepi
expect $pc==gdb_bump+4 stepi
nexti
expect $pc==gdb_bump+8 nexti

# ---- Memory: read, write, read back through the stub ----
expect gdb_counter==0 read-variable
set var gdb_scratch[1] = 0x1122334455667788
expect gdb_scratch[1]==0x1122334455667788 write-read-64
set var *(unsigned char *)((char *)&gdb_scratch[2] + 3) = 0xab
expect gdb_scratch[2]==0xab000000 write-byte
set $u = *(unsigned short *)((char *)&gdb_scratch[1] + 1)
expect $u==0x6677 unaligned-read
x/2gx &gdb_scratch[1]
x/4i $pc

# ---- Write watchpoint: stops at the store, GDB steps it and shows the new value ----
delete
watch gdb_counter
continue
expect gdb_counter==1 watch-write-hit
expect $pc>=gdb_bump&&$pc<gdb_bump+0x20 watch-in-bump
delete
# ---- Read watchpoint: the next call reads the counter ----
rwatch gdb_counter
continue
expect $pc>=gdb_bump&&$pc<gdb_bump+0x20 rwatch-in-bump
expect gdb_counter==1 rwatch-before-write
delete

# ---- Write registers: the arguments of gdb_add, and its result ----
break gdb_add
continue
expect $x0==40&&$x1==2 add-arguments
set $x0 = 100
set $x1 = 23
finish
expect $x0==123 register-write-result

# ---- FP/SIMD registers ----
break gdb_scale
continue
expect $v0.d.f[0]==1.5 v0-double
expect $d1.f==4.0 d1-alias
expect $fpcr==0 fpcr-read
set $v1.d.f[0] = 8.0
finish
expect $d0.f==12.0 fp-register-write

# ---- Ctrl-C: the guest spins until the debugger clears gdb_spin ----
break gdb_wait
continue
set var gdb_spin = 1
delete
python interrupt_after(0.5)
continue
# The stop may be reported for either CPU (QEMU names CPU 1): CPU 0 is the one in the loop.
thread 1
expect $pc>=gdb_wait&&$pc<gdb_wait+0x20 interrupted-in-loop
set var gdb_spin = 0

# ---- Second CPU: a thread of its own ----
break gdb_on_cpu1
continue
expect $_thread==2 second-cpu-hit
expect $x0==1 second-cpu-mpidr
info threads
thread 1
expect $_thread==1 switch-to-cpu0
expect $pc!=gdb_on_cpu1 cpu0-elsewhere
thread 2
expect $pc==gdb_on_cpu1 cpu1-still-at-break
delete

# ---- EL1 under stage 2: system registers; memory through the EL1 translation ----
break gdb_at_el1
continue
expect ($cpsr>>2&3)==1 guest-at-el1
expect ($HCR_EL2&1)==1 hcr-el2-vm
set $u = (unsigned long)s2.root | (5ul << 48)
expect $VTTBR_EL2==$u vttbr-el2
set $u = (unsigned long)s1.root
expect $TTBR0_EL1==$u ttbr0-el1
expect $x0==0x5ec0de el1-argument
# VA 0x80000000 maps (stage 1, then stage 2) to `data`, which is elsewhere.
set $u = *(unsigned long *)0x80000000
expect $u==0x5ec0de read-through-s1-s2
set var *(unsigned long *)0x80000008 = 77
expect data[1]==77 write-through-s1-s2
if $avsim
  # avsim's names for the EL1 registers (QEMU calls these SCTLR and VBAR).
  expect ($SCTLR_EL1&1)==1 sctlr-el1-m
  expect $CurrentEL==4 currentel
  python
el = gdb.execute("monitor el", to_string=True)
print(el)
ok = "EL1h" in el and "regime EL1&0: stage 1 on, stage 2 on, VMID 0x5" in el
print("PASS monitor-el" if ok else "FAIL monitor-el")
t = gdb.execute("monitor translate 0x80000008", to_string=True)
print(t)
pa = int(gdb.parse_and_eval("(unsigned long)&data[1]"))
ok = "stage 1: IPA 0x0000000080000008, level 3, 4KiB page" in t and \
     ("stage 2: PA  0x%016x" % pa) in t and ("final:   PA  0x%016x" % pa) in t
print("PASS monitor-translate" if ok else "FAIL monitor-translate")
t = gdb.execute("monitor translate 0x80002000", to_string=True)
print(t)
ok = "stage 2: translation fault, level 3" in t
print("PASS monitor-translate-fault" if ok else "FAIL monitor-translate-fault")
s = gdb.execute("monitor stats", to_string=True)
print(s)
ok = "cpu1: 81 instructions" in s and "cpu0: ERET at EL2: 1" in s
print("PASS monitor-stats" if ok else "FAIL monitor-stats")
end
  p/x $VBAR_EL2
end
# Stage 2 does not map that page: the stub answers E14 and GDB reports it.
python
try:
    gdb.execute("x/gx 0x80002000", to_string=True)
    print("FAIL unmapped-read")
except gdb.MemoryError:
    print("PASS unmapped-read")
end
delete

# ---- To the end: the program exits normally ----
continue
expect $_exitcode==0 exit-status
echo DONE\n
