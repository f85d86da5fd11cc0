/* `-d stats` lines of the cache model (cache/cache_stats.h). */
#include "cache/cache_stats.h"

#include "trace/log.h"

void cache_stats_print(const char *who, const cache_stats_t *s)
{
    static const char *const cmo[CMO_KINDS] = {
        "DC IVAC", "DC CVAC", "DC CVAU", "DC CIVAC", "DC ISW",     "DC CSW",
        "DC CISW", "DC ZVA",  "IC IVAU", "IC IALLU", "IC IALLUIS",
    };
    const struct {
        const char *name;
        const uint64_t *n;
    } rows[] = {
        {"L1D hits", s->l1d_hit},
        {"L1D misses", s->l1d_miss},
        {"L1I hits", s->l1i_hit},
        {"L1I misses", s->l1i_miss},
        {"L2 hits", s->l2_hit},
        {"L2 misses", s->l2_miss},
        {"L1D write-backs", s->l1d_writeback},
        {"L2 write-backs", s->l2_writeback},
        {"L1D evictions", s->l1d_evict},
        {"L1I evictions", s->l1i_evict},
        {"L2 evictions", s->l2_evict},
        {"L1D snoops", s->snoop},
        {"uncached accesses", s->uncached},
    };
    for (unsigned r = 0; r < sizeof rows / sizeof rows[0]; r++)
        for (unsigned el = 0; el < 3; el++)
            if (rows[r].n[el])
                log_printf("%s: cache EL%u %s: %llu\n", who, el, rows[r].name,
                           (unsigned long long)rows[r].n[el]);
    for (unsigned k = 0; k < CMO_KINDS; k++)
        for (unsigned el = 0; el < 3; el++)
            if (s->cmo[k][el])
                log_printf("%s: cache EL%u %s: %llu, lines %llu\n", who, el, cmo[k],
                           (unsigned long long)s->cmo[k][el],
                           (unsigned long long)s->cmo_lines[k][el]);
}
