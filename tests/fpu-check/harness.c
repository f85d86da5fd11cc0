/*
 * Runs single A64 instruction words on QEMU user mode (qemu-aarch64 10+,
 * -cpu max) for fpu-check: reads struct fpc_state records on stdin, executes
 * each record's instruction with X0-X3, V0-V3, FPCR, FPSR and NZCV taken from
 * it and writes the record back with the state afterwards (undef = 1 when the
 * instruction raised SIGILL). With reloc set, X1 is an offset into the record's
 * memory buffer, which loads and stores access. Built with aarch64-linux-gnu-gcc -static.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "fpc_state.h"

void run_template(struct fpc_state *s);
extern const uint32_t run_template_slot[], run_template_end[];

/* x9 holds the record; offsets follow struct fpc_state. */
__asm__(".text\n"
        ".globl run_template, run_template_slot, run_template_end\n"
        "run_template:\n"
        "  mov x9, x0\n"
        "  ldr w10, [x9, #4]\n"
        "  msr fpcr, x10\n"
        "  ldr w10, [x9, #8]\n"
        "  msr fpsr, x10\n"
        "  ldr w10, [x9, #12]\n"
        "  msr nzcv, x10\n"
        "  ldp q0, q1, [x9, #48]\n"
        "  ldp q2, q3, [x9, #80]\n"
        "  ldp x0, x1, [x9, #16]\n"
        "  ldp x2, x3, [x9, #32]\n"
        "run_template_slot:\n"
        "  nop\n"
        "  mrs x10, nzcv\n"
        "  str w10, [x9, #12]\n"
        "  mrs x10, fpsr\n"
        "  str w10, [x9, #8]\n"
        "  stp x0, x1, [x9, #16]\n"
        "  stp x2, x3, [x9, #32]\n"
        "  stp q0, q1, [x9, #48]\n"
        "  stp q2, q3, [x9, #80]\n"
        "  msr fpcr, xzr\n"
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

static int read_full(void *buf, size_t len)
{
    for (size_t got = 0; got < len;) {
        ssize_t n = read(0, (char *)buf + got, len - got);
        if (n <= 0) return 0;
        got += (size_t)n;
    }
    return 1;
}

static int write_full(const void *buf, size_t len)
{
    for (size_t done = 0; done < len;) {
        ssize_t n = write(1, (const char *)buf + done, len - done);
        if (n <= 0) return 0;
        done += (size_t)n;
    }
    return 1;
}

int main(void)
{
    static uint8_t alt_stack[65536];
    static struct fpc_state batch[FPC_BATCH];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof(alt_stack)};
    struct sigaction sa = {.sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    size_t len = (size_t)((const char *)run_template_end - (const char *)run_template);
    size_t slot = (size_t)((const char *)run_template_slot - (const char *)run_template);
    uint8_t *code =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t loaded = 0, count;

    if (code == MAP_FAILED || sigaltstack(&ss, NULL) || sigaction(SIGILL, &sa, NULL)) return 1;
    memcpy(code, (const void *)run_template, len);
    while (read_full(&count, sizeof count) && count <= FPC_BATCH &&
           read_full(batch, count * sizeof batch[0])) {
        for (uint32_t i = 0; i < count; i++) {
            struct fpc_state *s = &batch[i];
            if (s->insn != loaded) {
                memcpy(code + slot, &s->insn, 4);
                __builtin___clear_cache((char *)code, (char *)code + len);
                loaded = s->insn;
            }
            undefined = 0;
            if (s->reloc) s->x[1] += (uint64_t)(uintptr_t)s->mem;
            ((void (*)(struct fpc_state *))code)(s);
            if (s->reloc) s->x[1] -= (uint64_t)(uintptr_t)s->mem;
            s->undef = undefined;
        }
        if (!write_full(batch, count * sizeof batch[0])) return 1;
    }
    return 0;
}
