/* Coverage keys: an open-addressing table of interned (class, name) pairs. */
#include "coverage.h"

#include <stdlib.h>
#include <string.h>

#define TABLE_SIZE 65536 /* power of two, well above the number of groups */

static struct coverage_key table[TABLE_SIZE];
static unsigned used;

static uint32_t hash_str(uint32_t h, const char *s)
{
    while (*s)
        h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

struct coverage_key *coverage_key(const char *cls, const char *name)
{
    uint32_t h = hash_str(hash_str(2166136261u, cls), name);

    for (unsigned i = h & (TABLE_SIZE - 1);; i = (i + 1) & (TABLE_SIZE - 1)) {
        struct coverage_key *k = &table[i];
        if (!k->cls) {
            if (++used > TABLE_SIZE / 2) {
                fprintf(stderr, "diffgen: too many coverage keys\n");
                exit(1);
            }
            k->cls = strdup(cls);
            k->name = strdup(name);
            if (!k->cls || !k->name) {
                fprintf(stderr, "diffgen: out of memory\n");
                exit(1);
            }
            return k;
        }
        if (!strcmp(k->cls, cls) && !strcmp(k->name, name)) return k;
    }
}

static int by_class_then_name(const void *a, const void *b)
{
    const struct coverage_key *x = *(const struct coverage_key *const *)a;
    const struct coverage_key *y = *(const struct coverage_key *const *)b;
    int c = strcmp(x->cls, y->cls);
    return c ? c : strcmp(x->name, y->name);
}

void coverage_write(FILE *f)
{
    static const struct coverage_key *sorted[TABLE_SIZE];
    unsigned n = 0;

    for (unsigned i = 0; i < TABLE_SIZE; i++)
        if (table[i].cls && table[i].count) sorted[n++] = &table[i];
    qsort(sorted, n, sizeof(sorted[0]), by_class_then_name);
    for (unsigned i = 0; i < n; i++)
        fprintf(f, "%s\t%s\t%llu\n", sorted[i]->cls, sorted[i]->name,
                (unsigned long long)sorted[i]->count);
}
