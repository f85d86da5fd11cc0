/* Program exit, PSCI and semihosting. */
#include "exception.h"
#include "libc.h"
#include "platform.h"
#include "sysreg.h"

static bool semihosting_absent;

bool semihosting_missing(void)
{
    return semihosting_absent;
}

/*
 * Called by the exception dispatcher first: the HLT in semihost_call is
 * UNDEFINED (EC 0) when semihosting is off. Returns true if it was that.
 */
bool semihosting_probe_fault(struct exc_frame *frame)
{
    extern char semihost_trap[];

    if ((frame->vector & 3) != EXC_SYNC || ESR_EC(frame->esr) != EC_UNKNOWN ||
        frame->elr != (uint64_t)(uintptr_t)semihost_trap)
        return false;
    semihosting_absent = true;
    frame->x[0] = (uint64_t)-1;
    frame->elr += 4;
    return true;
}

int64_t psci_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
    switch (current_el()) {
    case 2: return (int64_t)smc_call(fid, a1, a2, a3);
    case 1: return (int64_t)hvc_call(fid, a1, a2, a3);
    default: return PSCI_NOT_SUPPORTED;
    }
}

void exit(int status)
{
    /* The parameter block of SYS_EXIT_EXTENDED: reason, subcode. */
    uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)status};

    semihost_call(SEMIHOST_SYS_EXIT_EXTENDED, (uint64_t)(uintptr_t)block);
    if (status != 0) printf("*** exit status %d (no semihosting to report it) ***\n", status);
    psci_system_off();
}
