/*
 * Runs single A64 instruction words on a real AArch64 implementation (QEMU
 * user mode) to record reference results for the host unit tests; see
 * gen_dp_vectors.py. Not part of the build.
 *
 * stdin, one line per run (hex): insn x0 x1 x2 x3 sp nzcv
 * stdout: insn pc x0 x1 x2 x3 sp nzcv after the instruction, or "insn UNDEF".
 * The instruction runs with X0-X3, SP and NZCV set from the line.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

struct state {
    uint64_t x[4], sp, nzcv;
};

void run_template(struct state *s);
extern const uint32_t run_template_slot[], run_template_end[];

__asm__(".text\n"
        ".globl run_template, run_template_slot, run_template_end\n"
        "run_template:\n"
        "  mov x9, x0\n"
        "  mov x11, sp\n"
        "  ldp x0, x1, [x9]\n"
        "  ldp x2, x3, [x9, #16]\n"
        "  ldp x10, x12, [x9, #32]\n"
        "  mov sp, x10\n"
        "  msr nzcv, x12\n"
        "run_template_slot:\n"
        "  nop\n"
        "  mrs x12, nzcv\n"
        "  mov x10, sp\n"
        "  mov sp, x11\n"
        "  stp x0, x1, [x9]\n"
        "  stp x2, x3, [x9, #16]\n"
        "  stp x10, x12, [x9, #32]\n"
        "  ret\n"
        "run_template_end:\n");

static volatile int undefined;

static void on_sigill(int sig, siginfo_t *info, void *uc_void)
{
    ucontext_t *uc = uc_void;
    (void)sig;
    (void)info;
    undefined = 1;
    uc->uc_mcontext.pc += 4;
}

int main(void)
{
    static uint8_t alt_stack[65536];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof(alt_stack)};
    struct sigaction sa = {.sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    size_t len = (size_t)((const char *)run_template_end - (const char *)run_template);
    size_t slot = (size_t)((const char *)run_template_slot - (const char *)run_template);
    uint8_t *code =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned insn, loaded = 0;
    struct state s;

    if (code == MAP_FAILED || sigaltstack(&ss, NULL) || sigaction(SIGILL, &sa, NULL)) return 1;
    memcpy(code, (const void *)run_template, len);
    while (scanf("%x %lx %lx %lx %lx %lx %lx", &insn, &s.x[0], &s.x[1], &s.x[2], &s.x[3], &s.sp,
                 &s.nzcv) == 7) {
        if (insn != loaded) {
            memcpy(code + slot, &insn, 4);
            __builtin___clear_cache((char *)code, (char *)code + len);
            loaded = insn;
        }
        undefined = 0;
        ((void (*)(struct state *))code)(&s);
        if (undefined)
            printf("%08x UNDEF\n", insn);
        else
            printf("%08x %lx %lx %lx %lx %lx %lx %lx\n", insn, (unsigned long)(code + slot), s.x[0],
                   s.x[1], s.x[2], s.x[3], s.sp, s.nzcv);
    }
    return 0;
}
