/* Storage slots of the system-register table (sysreg_table.def). */
#ifndef AVSIM_SYSREG_IDS_H
#define AVSIM_SYSREG_IDS_H

typedef enum {
    SR_NONE, /* no register: "no redirect" in the table's id columns */
#define SR(name, ...) SR_##name,
#include "sysreg/sysreg_table.def"
#undef SR
    SR_COUNT
} sysreg_id_t;

#endif
