/*
 * Robustness: executes random 32-bit instruction words at EL1 (and with EL2
 * present), with a guest exception handler that skips the faulting
 * instruction. Whatever the words do, avsim must not crash, hang or trip a
 * sanitizer. The CPU state is re-randomised whenever execution leaves the
 * random page or EL1, so every word is reached from varied states.
 *
 * usage: random_insns COUNT SEED
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/codecache.h"
#include "machine/machine.h"
#include "sysreg/sysreg.h"

#define RAM_SIZE (16ull << 20)
#define VECTORS  0x40000000ull /* VBAR_EL1 and VBAR_EL2 */
#define CODE     0x40010000ull /* one page of random words */
#define DATA     0x40100000ull /* registers point around here */

static uint64_t rng_state;
static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static void put32(machine_t *m, uint64_t pa, uint32_t v)
{
    memcpy(m->bus.ram + (pa - m->bus.ram_base), &v, 4);
    code_cache_invalidate(m->code, pa - m->bus.ram_base, 4);
}

/* Each vector entry: ELR_ELx += 4; ERET. x17 is scratch (it is random anyway). */
static void write_vectors(machine_t *m)
{
    static const uint32_t el1[] = {0xd5384031, 0x91001231, 0xd5184031, 0xd69f03e0};
    static const uint32_t el2[] = {0xd53c4031, 0x91001231, 0xd51c4031, 0xd69f03e0};
    for (unsigned v = 0; v < 16; v++)
        for (unsigned i = 0; i < 4; i++) {
            put32(m, VECTORS + v * 0x80 + i * 4, el1[i]);
            put32(m, VECTORS + 0x800 + v * 0x80 + i * 4, el2[i]);
        }
}

static void randomise(cpu_t *c)
{
    for (unsigned r = 0; r < 31; r++) {
        uint64_t k = rnd();
        /* Half the registers point into RAM so loads and stores often succeed. */
        c->x[r] = (k & 1) ? DATA + (rnd() & 0xFFFF) : rnd();
    }
    c->nzcv = (uint32_t)rnd() & 0xF0000000u;
    cpu_set_el_sp(c, 1, 1);
    c->x[REG_SP] = DATA + 0x20000 + (rnd() & 0xFF0);
    c->sr[SR_VBAR_EL1] = VECTORS;
    c->sr[SR_VBAR_EL2] = VECTORS + 0x800;
    c->sr[SR_SCTLR_EL1] = sysreg_table[SR_SCTLR_EL1].reset;
    c->sr[SR_HCR_EL2] = 1ull << 31; /* RW */
    c->daif = 0xF << 6;
    c->state = PE_RUNNING;
    c->pc = CODE + (rnd() & 0xFFC);
}

static int run(uint64_t count, uint64_t seed, bool el2)
{
    char err[128];
    machine_t *m = machine_create(RAM_SIZE, 1, el2, err, sizeof err);
    if (!m) {
        fprintf(stderr, "machine_create: %s\n", err);
        return 1;
    }
    rng_state = seed * 2654435761u + 1;
    write_vectors(m);
    cpu_t *c = m->cpus[0];
    uint64_t executed = 0, resets = 0, exceptions = 0;
    while (executed < count) {
        if (executed % 4096 == 0)
            for (uint64_t a = CODE; a < CODE + 4096; a += 4)
                put32(m, a, (uint32_t)rnd());
        randomise(c);
        resets++;
        /* Run until execution leaves the page of random words (or 64 steps). */
        for (unsigned step = 0; step < 64 && executed < count; step++) {
            uint64_t before = c->icount;
            cpu_run(c, 1);
            executed += c->icount - before ? c->icount - before : 1;
            if (m->stop) { /* PSCI SYSTEM_OFF/RESET: restart the machine state */
                m->stop = false;
                break;
            }
            if (c->pc >= VECTORS && c->pc < VECTORS + 0x1000) {
                exceptions++;
                cpu_run(c, 4); /* the handler: skip and return */
            }
            if (c->state != PE_RUNNING || c->el != 1 || c->pc - CODE >= 4096) break;
        }
    }
    printf("%s: %" PRIu64 " random instructions, %" PRIu64 " states, %" PRIu64
           " exceptions taken\n",
           el2 ? "EL2 present" : "EL1 only", executed, resets, exceptions);
    machine_destroy(m);
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t count = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
    int rc = run(count / 2, seed, false) | run(count - count / 2, seed + 1, true);
    printf("%d passed, %d failed\n", rc ? 0 : 1, rc ? 1 : 0);
    return rc;
}
