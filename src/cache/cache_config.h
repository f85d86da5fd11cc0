/*
 * Configuration of the cache model: `-cache` (docs/caches.md). The geometry is also what
 * CLIDR_EL1, CCSIDR_EL1 and CTR_EL0 report (cpu/impdef.c), in every mode.
 */
#ifndef AVSIM_CACHE_CONFIG_H
#define AVSIM_CACHE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    CACHE_OFF,   /* memory always coherent, no cache state (the default) */
    CACHE_ON,    /* the modelled caches: stale data shows */
    CACHE_CHECK, /* on, plus the coherence checker */
} cache_mode_t;

typedef struct {
    uint32_t bytes, ways;
} cache_geom_t;

typedef struct {
    cache_mode_t mode;
    cache_geom_t l1i, l1d, l2;
    uint32_t line; /* line size in bytes, every level */
    bool idc, dic; /* CTR_EL0.IDC / DIC advertised (and honoured) */
    bool stop;     /* check: stop at the first report */
    bool help;     /* -cache help */
} cache_config_t;

/* The defaults (cpu/impdef.h): mode off, Cortex-A76-like geometry, IDC = DIC = 0. */
void cache_config_default(cache_config_t *c);

/*
 * Parses "mode=on,l1d=64K:4,..." over the defaults. Returns 0, or -1 with a one-line
 * message in err (without the "avsim: " prefix).
 */
int cache_config_parse(cache_config_t *c, const char *arg, char *err, size_t errlen);

/* Prints the -cache properties and the defaults. */
void cache_config_print_help(void);

/* Sets of a cache of this geometry. */
static inline uint32_t cache_geom_sets(const cache_geom_t *g, uint32_t line)
{
    return g->bytes / (g->ways * line);
}

#endif
