/*
 * Runs single Advanced SIMD instruction words on a real AArch64 implementation
 * (QEMU user mode) to record reference results for the host unit test
 * test_simd.c; see gen_simd_vectors.py. Not part of the build.
 *
 * stdin, hexadecimal:
 *   S idx fpcr x0 x1 v0lo v0hi ... v31lo v31hi  defines input state idx (< 64)
 *   R insn idx                                   runs insn from state idx
 * stdout per run: "insn v0lo v0hi x0 fpsr" after the instruction, or "insn UNDEF".
 * Every run starts from V0-V31, X0, X1 and FPCR of its state and FPSR = 0.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

struct state {
    uint64_t v[64]; /* V0..V31, low then high half */
    uint64_t x0, x1, fpcr, fpsr;
};

extern const uint32_t run_template[], run_template_slot[], run_template_end[];

/* x9: the state, x12: its scalar part. V0-V31, X0, X1, FPCR, FPSR loaded; V0, X0, FPSR
 * stored back. */
__asm__(".text\n"
        ".globl run_template, run_template_slot, run_template_end\n"
        "run_template:\n"
        "  mov x9, x0\n"
        "  add x12, x9, #512\n"
        "  ldp q0, q1, [x9]\n"
        "  ldp q2, q3, [x9, #32]\n"
        "  ldp q4, q5, [x9, #64]\n"
        "  ldp q6, q7, [x9, #96]\n"
        "  ldp q8, q9, [x9, #128]\n"
        "  ldp q10, q11, [x9, #160]\n"
        "  ldp q12, q13, [x9, #192]\n"
        "  ldp q14, q15, [x9, #224]\n"
        "  ldp q16, q17, [x9, #256]\n"
        "  ldp q18, q19, [x9, #288]\n"
        "  ldp q20, q21, [x9, #320]\n"
        "  ldp q22, q23, [x9, #352]\n"
        "  ldp q24, q25, [x9, #384]\n"
        "  ldp q26, q27, [x9, #416]\n"
        "  ldp q28, q29, [x9, #448]\n"
        "  ldp q30, q31, [x9, #480]\n"
        "  ldr x10, [x12, #16]\n"
        "  msr fpcr, x10\n"
        "  msr fpsr, xzr\n"
        "  ldp x0, x1, [x12]\n"
        "run_template_slot:\n"
        "  nop\n"
        "  mrs x10, fpsr\n"
        "  str q0, [x9]\n"
        "  str x0, [x12]\n"
        "  str x10, [x12, #24]\n"
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

static struct state states[64];

int main(void)
{
    static uint8_t alt_stack[65536];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof(alt_stack)};
    struct sigaction sa = {.sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    size_t len = (size_t)((const char *)run_template_end - (const char *)run_template);
    size_t slot = (size_t)((const char *)run_template_slot - (const char *)run_template);
    uint8_t *code =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned insn, loaded = 0, idx;
    char kind[2];
    static struct state s;

    if (code == MAP_FAILED || sigaltstack(&ss, NULL) || sigaction(SIGILL, &sa, NULL)) return 1;
    memcpy(code, (const void *)run_template, len);
    while (scanf("%1s", kind) == 1) {
        if (kind[0] == 'S') {
            struct state *t;
            if (scanf("%x", &idx) != 1 || idx >= 64) return 1;
            t = &states[idx];
            if (scanf("%lx %lx %lx", &t->fpcr, &t->x0, &t->x1) != 3) return 1;
            for (int i = 0; i < 64; i++)
                if (scanf("%lx", &t->v[i]) != 1) return 1;
            continue;
        }
        if (scanf("%x %x", &insn, &idx) != 2 || idx >= 64) return 1;
        if (insn != loaded) {
            memcpy(code + slot, &insn, 4);
            __builtin___clear_cache((char *)code, (char *)code + len);
            loaded = insn;
        }
        s = states[idx];
        undefined = 0;
        ((void (*)(struct state *))code)(&s);
        if (undefined)
            printf("%08x UNDEF\n", insn);
        else
            printf("%08x %lx %lx %lx %lx\n", insn, s.v[0], s.v[1], s.x0, s.fpsr);
    }
    return 0;
}
