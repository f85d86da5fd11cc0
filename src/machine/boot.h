/* Direct kernel boot: places kernel, initrd and DTB and computes the entry state. */
#ifndef AVSIM_BOOT_H
#define AVSIM_BOOT_H

#include "machine/loader.h"
#include "machine/options.h"

typedef struct {
    uint64_t pc;
    uint64_t x0; /* DTB address for Image/raw boots, 0 for ELF */
    unsigned el; /* 2 with virtualization=on, else 1 */
    loaded_image_t image;
    uint64_t dtb_addr, dtb_size; /* dtb_size 0: no DTB loaded (ELF that leaves no room) */
    uint64_t initrd_start, initrd_size;
} boot_info_t;

/*
 * Loads everything -kernel/-initrd/-dtb name into ram, with the placement rules
 * of QEMU virt (initrd at max(RAM + min(RAM/2, 128 MiB), image end), DTB at the next
 * 2 MiB boundary after it; for ELF the DTB at the RAM base if it fits below the
 * image). Writes -M virt,dumpdtb=FILE if asked. Returns 0, or -1 with err set.
 */
int boot_load(const avsim_options_t *opt, guest_ram_t *ram, boot_info_t *out, char *err,
              size_t errlen);

#endif
