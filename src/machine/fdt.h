/* Device tree for the virt board, generated with libfdt from virt_memmap. */
#ifndef AVSIM_FDT_H
#define AVSIM_FDT_H

#include "common.h"

typedef struct {
    uint64_t ram_base, ram_size;
    unsigned ncpus;
    bool boot_el2;        /* PSCI method "smc", 5 timer PPIs; else "hvc", 4 PPIs */
    int gic_version;      /* 3 */
    const char *bootargs; /* may be NULL */
    bool has_initrd;
    uint64_t initrd_start, initrd_end;
} fdt_params_t;

/*
 * Builds the DTB into buf (size bytes). The tree's totalsize is the whole buffer:
 * unused space stays inside it for in-place edits, as in QEMU's 1 MiB blob.
 * Returns that total size, or -1 with err set.
 */
int fdt_build(const fdt_params_t *p, void *buf, size_t size, char *err, size_t errlen);

/*
 * Takes a user DTB (-dtb): validates it, replaces its memory node(s) by one
 * matching p, and sets /chosen bootargs and initrd properties, as QEMU does.
 * Returns the total size (size), or -1 with err set.
 */
int fdt_amend_user(const fdt_params_t *p, const void *in, size_t in_size, void *buf, size_t size,
                   char *err, size_t errlen);

#endif
