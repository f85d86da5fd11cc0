/* Kernel, initrd and DTB loading into guest RAM, as QEMU's -kernel does. */
#ifndef AVSIM_LOADER_H
#define AVSIM_LOADER_H

#include "common.h"

typedef struct {
    uint8_t *host;
    uint64_t base, size;
} guest_ram_t;

typedef enum { IMAGE_ELF, IMAGE_LINUX, IMAGE_RAW } image_kind_t;

typedef struct {
    image_kind_t kind;
    uint64_t entry;      /* first instruction executed */
    uint64_t start, end; /* [start, end): memory the image occupies (Image: includes image_size) */
} loaded_image_t;

/*
 * Loads -kernel: ELF64 AArch64 (PT_LOAD segments at their physical addresses),
 * Linux arm64 Image (magic "ARM\x64", placed at 2 MiB-aligned RAM base +
 * text_offset, +2 MiB if text_offset < 4 KiB), else a raw binary at RAM + 0x80000.
 * Refuses truncated, wrong-architecture, overlapping or non-fitting images with a
 * clear message in err. Returns 0 or -1.
 */
int load_kernel(const char *path, guest_ram_t *ram, loaded_image_t *out, char *err, size_t errlen);

/* Reads a whole file into RAM at addr. *size_out receives its size. Returns 0 or -1. */
int load_file_at(const char *path, guest_ram_t *ram, uint64_t addr, uint64_t *size_out, char *err,
                 size_t errlen);

/* Reads a whole file into a malloc'd buffer (max_size limit). Returns 0 or -1. */
int read_whole_file(const char *path, uint64_t max_size, uint8_t **data, uint64_t *size, char *err,
                    size_t errlen);

#endif
