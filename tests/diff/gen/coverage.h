/* Counting the test instructions generated, per class and encoding group. */
#ifndef DIFF_COVERAGE_H
#define DIFF_COVERAGE_H

#include <stdint.h>
#include <stdio.h>

struct coverage_key {
    const char *cls;
    const char *name;
    uint64_t count;
};

/* The key for (cls, name), created on first use. Exits on exhaustion. */
struct coverage_key *coverage_key(const char *cls, const char *name);

/* Writes "class<TAB>name<TAB>count" lines, sorted by class then name. */
void coverage_write(FILE *f);

#endif
