/* Writing the case blob the guest harness runs (diff_layout.h). */
#ifndef DIFF_BLOB_H
#define DIFF_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "builder.h"

struct blob {
    uint8_t *data;
    size_t size, capacity;
    uint32_t ncases, added, nimages, images_added;
    size_t table_off, states_off, images_off;
};

/* A blob for ncases cases, nimages of them with explicit memory images. */
void blob_init(struct blob *bl, uint32_t ncases, uint32_t nimages, uint32_t flags);

/*
 * Adds the case b, cut after its first cut body words (see layout_case),
 * with the memory image (DIFF_DATA_SIZE bytes) or, if NULL, b->mem_seed.
 * Returns the laid-out code.
 */
const struct laid_case *blob_add(struct blob *bl, uint32_t id, const struct builder *b,
                                 unsigned cut, const uint8_t *image);

/* Writes the blob to path and frees it; exits with a message on failure. */
void blob_save(struct blob *bl, const char *path);

#endif
