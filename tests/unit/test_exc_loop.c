/* Exception-loop detection (cpu/exc_loop.c): identical synchronous exceptions with nothing
 * retired in between stop the machine with status 3; progress or the option prevents it. */
#include "cpu/exc_loop.h"
#include "cpu/exception.h"
#include "machine/machine.h"
#include "unit.h"

static const uint32_t esr = (0x21u << 26) | (1u << 25) | 0x10; /* instruction abort, external */

/* Takes the same exception n times; `retire` instructions complete before each. */
static void take(cpu_t *cpu, unsigned n, uint64_t retire)
{
    for (unsigned i = 0; i < n && !cpu->machine->stop; i++) {
        cpu->icount += retire;
        cpu->pc = 0x10200;
        exc_take_sync(cpu, 1, esr, 0x10200, true, 0x10200);
    }
}

static machine_t *new_machine(void)
{
    char err[256];
    machine_t *m = machine_create(1ull << 20, 1, false, err, sizeof err);
    CHECK(m != NULL);
    if (m) m->cpus[0]->sr[SR_VBAR_EL1] = 0x10000;
    return m;
}

int main(void)
{
    machine_t *m = new_machine();
    if (!m) return unit_report();
    take(m->cpus[0], EXC_LOOP_LIMIT - 1, 0);
    CHECK(!m->stop);
    take(m->cpus[0], 1, 1); /* the faulting instruction itself may count as retired */
    CHECK(m->stop);
    CHECK_EQ(m->stop_reason, CPU_STOP_ERROR);
    CHECK_EQ(m->exit_status, EXC_LOOP_EXIT_STATUS);
    machine_destroy(m);

    /* Two instructions between exceptions (a handler's ERET and a retry): progress. */
    m = new_machine();
    take(m->cpus[0], 3 * EXC_LOOP_LIMIT, 2);
    CHECK(!m->stop);
    machine_destroy(m);

    /* A different return address restarts the count. */
    m = new_machine();
    take(m->cpus[0], EXC_LOOP_LIMIT - 1, 0);
    exc_take_sync(m->cpus[0], 1, esr, 0x10200, true, 0x10204);
    take(m->cpus[0], EXC_LOOP_LIMIT - 1, 0);
    CHECK(!m->stop);
    machine_destroy(m);

    /* -no-exception-loop-check */
    m = new_machine();
    m->no_exception_loop_check = true;
    take(m->cpus[0], 3 * EXC_LOOP_LIMIT, 0);
    CHECK(!m->stop);
    machine_destroy(m);
    return unit_report();
}
