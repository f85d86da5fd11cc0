/* Reading and comparing the guest harness output (guest/harness.c). */
#ifndef DIFF_RESULTS_H
#define DIFF_RESULTS_H

#include <stdbool.h>
#include <stdint.h>

#include "../diff_layout.h"

/* One run's output: the case lines (H or F) in order, END, anything else. */
struct run_output {
    char **lines;
    uint32_t *ids;
    unsigned n;
    bool ended;
    uint32_t end_count;
    char **other;
    unsigned nother;
};

/* Reads a run's console output; false if the file cannot be read. */
bool run_output_read(const char *path, struct run_output *out);

void run_output_free(struct run_output *r);

/* The line of case id, or NULL. */
const char *run_output_find(const struct run_output *r, uint32_t id);

/* A parsed full-state line: x0-x30, SP, NZCV; FP state; exceptions; the data buffer. */
struct full_line {
    uint32_t id;
    uint64_t reg[33];
    uint32_t fpcr, fpsr;
    uint64_t v[32][2]; /* bits 63:0, 127:64 */
    uint32_t nexc;
    struct {
        uint32_t esr, offset;
        uint64_t far;
    } exc[DIFF_MAX_EXC];
    uint8_t mem[DIFF_DATA_SIZE];
};

bool parse_full_line(const char *line, struct full_line *out);

/* Prints registers (and the data buffer) of a state. */
void print_state(const struct full_line *r, bool with_memory);

/* Prints what differs between two states; returns the number of differences. */
unsigned print_differences(const struct full_line *a, const char *name_a, const struct full_line *b,
                           const char *name_b);

#endif
