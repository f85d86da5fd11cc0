/* Instruction fetch: from a PC to its decoded page. */
#ifndef AVSIM_FETCH_H
#define AVSIM_FETCH_H

#include "cpu/codecache.h"

/*
 * Translates pc for execution and returns the decoded page that holds it,
 * setting cpu->fetch_host. On a PC alignment fault or an instruction abort,
 * takes the exception (cpu->next_pc = vector) and returns NULL.
 */
decoded_page_t *fetch_page(cpu_t *cpu, uint64_t pc);

#endif
