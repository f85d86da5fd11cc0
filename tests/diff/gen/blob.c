/*
 * Blob layout: header, case table, states, memory images, then the code of
 * each case (8-byte aligned). LDR (literal) test words read up to 1 KiB
 * around their case, so the code starts at least 1 KiB into the blob and
 * 1 KiB of zeros follows it.
 */
#include "blob.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LITERAL_REACH 1024

static void *at(struct blob *bl, size_t off)
{
    return bl->data + off;
}

static void reserve(struct blob *bl, size_t size)
{
    if (size <= bl->capacity) return;
    size_t capacity = bl->capacity ? bl->capacity : 1 << 20;
    while (capacity < size)
        capacity *= 2;
    uint8_t *data = realloc(bl->data, capacity);
    if (!data) {
        fprintf(stderr, "diffgen: out of memory\n");
        exit(1);
    }
    memset(data + bl->capacity, 0, capacity - bl->capacity);
    bl->data = data;
    bl->capacity = capacity;
}

void blob_init(struct blob *bl, uint32_t ncases, uint32_t nimages, uint32_t flags)
{
    *bl = (struct blob){.ncases = ncases, .nimages = nimages};
    bl->table_off = sizeof(struct diff_header);
    bl->states_off = bl->table_off + ncases * sizeof(struct diff_case);
    bl->images_off = bl->states_off + ncases * sizeof(struct diff_state);
    bl->size = (bl->images_off + nimages * DIFF_DATA_SIZE + 7) & ~(size_t)7;
    if (bl->size < LITERAL_REACH) bl->size = LITERAL_REACH;
    reserve(bl, bl->size + LITERAL_REACH);
    *(struct diff_header *)at(bl, 0) = (struct diff_header){.magic = DIFF_MAGIC,
                                                            .version = DIFF_VERSION,
                                                            .ncases = ncases,
                                                            .flags = flags,
                                                            .table_off = (uint32_t)bl->table_off,
                                                            .runs = DIFF_RUNS};
}

const struct laid_case *blob_add(struct blob *bl, uint32_t id, const struct builder *b,
                                 unsigned cut, const uint8_t *image)
{
    static struct laid_case laid;
    uint32_t index = bl->added++;
    uint32_t code_off = (uint32_t)bl->size, mem_off = 0;

    if (index >= bl->ncases || (image && bl->images_added >= bl->nimages)) {
        fprintf(stderr, "diffgen: internal error: blob overflow\n");
        exit(1);
    }
    if (image) {
        mem_off = (uint32_t)(bl->images_off + bl->images_added++ * DIFF_DATA_SIZE);
        memcpy(at(bl, mem_off), image, DIFF_DATA_SIZE);
    }
    layout_case(b, cut, code_off, &laid);
    reserve(bl, bl->size + laid.nwords * 4 + LITERAL_REACH);
    memcpy(at(bl, code_off), laid.words, laid.nwords * 4);
    bl->size += laid.nwords * 4;
    uint32_t state_off = (uint32_t)(bl->states_off + index * sizeof(struct diff_state));
    memcpy(at(bl, state_off), &b->state, sizeof(b->state));
    struct diff_case c = {.id = id,
                          .code_off = code_off,
                          .code_bytes = laid.nwords * 4,
                          .state_off = state_off,
                          .mem_off = mem_off,
                          .mem_seed = b->mem_seed};
    memcpy(at(bl, bl->table_off + index * sizeof(c)), &c, sizeof(c));
    return &laid;
}

void blob_save(struct blob *bl, const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t size = bl->size + LITERAL_REACH; /* zeros after the last case */

    if (bl->added != bl->ncases) {
        fprintf(stderr, "diffgen: internal error: %u of %u cases added\n", bl->added, bl->ncases);
        exit(1);
    }
    if (!f || fwrite(bl->data, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "diffgen: cannot write %s\n", path);
        exit(1);
    }
    free(bl->data);
    bl->data = NULL;
}
