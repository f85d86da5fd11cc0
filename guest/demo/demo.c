/*
 * avsim's demo guest: a banner, two exceptions taken and returned from with
 * ERET (SVC, BRK), then power-off through PSCI SYSTEM_OFF — no semihosting,
 * so it runs without -semihosting.
 */
#include "guest.h"

static void on_sync_exception(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr);

    printf("  exception taken to EL%u: ESR 0x%08lx, class 0x%02x (%s), immediate 0x%lx\n", f->el,
           f->esr, ec, esr_class_name(ec), f->esr & 0xffff);
    exc_skip_instruction(f);
}

int main(void)
{
    printf("avsim demo: hello from EL%u\n", current_el());
    set_sync_handler(on_sync_exception);

    printf("executing SVC #0x42\n");
    __asm__ volatile("svc #0x42");
    printf("executing BRK #0x7\n");
    __asm__ volatile("brk #0x7");
    printf("back from both exceptions\n");

    int64_t version = psci_call(PSCI_VERSION, 0, 0, 0);
    printf("PSCI version %ld.%ld, powering off with SYSTEM_OFF\n", (long)(version >> 16),
           (long)(version & 0xffff));
    psci_system_off();
}
