#include "cpu/exc_loop.h"

#include <stdio.h>

#include "machine/machine.h"

void exc_loop_check(cpu_t *cpu, unsigned el, uint32_t esr, uint64_t elr)
{
    machine_t *m = cpu->machine;
    if (m->no_exception_loop_check) return;
    uint64_t retired = cpu->icount + cpu_slice_retired(cpu);
    bool same = cpu->exc_loop.el == el && cpu->exc_loop.esr == esr && cpu->exc_loop.elr == elr &&
                retired - cpu->exc_loop.retired <= 1; /* the faulting instruction counts */
    cpu->exc_loop.el = el;
    cpu->exc_loop.esr = esr;
    cpu->exc_loop.elr = elr;
    cpu->exc_loop.retired = retired;
    cpu->exc_loop.count = same ? cpu->exc_loop.count + 1 : 1;
    if (cpu->exc_loop.count < EXC_LOOP_LIMIT) return;
    uint64_t far = cpu->sr[el == 2 ? SR_FAR_EL2 : SR_FAR_EL1];
    uint64_t vbar = cpu->sr[el == 2 ? SR_VBAR_EL2 : SR_VBAR_EL1];
    fprintf(stderr,
            "avsim: cpu%u is stuck in an exception loop: %u identical exceptions to EL%u with no "
            "instruction completed in between\n"
            "avsim:   PC 0x%016llx  EL%u  ESR_EL%u 0x%08x (EC 0x%02x)  FAR_EL%u 0x%016llx  "
            "VBAR_EL%u 0x%016llx\n"
            "avsim: stopping with exit status %d (-no-exception-loop-check disables this check)\n",
            cpu->index, EXC_LOOP_LIMIT, el, (unsigned long long)elr, el, el, esr, esr >> 26, el,
            (unsigned long long)far, el, (unsigned long long)vbar, EXC_LOOP_EXIT_STATUS);
    machine_request_stop(m, CPU_STOP_ERROR, EXC_LOOP_EXIT_STATUS);
}
