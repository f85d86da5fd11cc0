/* `-cache` properties (QEMU property-list syntax) and their defaults. */
#include "cache/cache_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu/impdef.h"

void cache_config_default(cache_config_t *c)
{
    memset(c, 0, sizeof *c);
    c->mode = CACHE_OFF;
    c->l1i = (cache_geom_t){IMPDEF_L1I_BYTES, IMPDEF_L1I_WAYS};
    c->l1d = (cache_geom_t){IMPDEF_L1D_BYTES, IMPDEF_L1D_WAYS};
    c->l2 = (cache_geom_t){IMPDEF_L2_BYTES, IMPDEF_L2_WAYS};
    c->line = IMPDEF_LINE_BYTES;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Decimal bytes with an optional K or M (binary) suffix, below 2^32. */
static int parse_bytes(const char *s, const char *end, uint32_t *out)
{
    uint64_t v = 0;
    if (s == end || *s < '0' || *s > '9') return -1;
    for (; s < end && *s >= '0' && *s <= '9'; s++) {
        v = v * 10 + (uint64_t)(*s - '0');
        if (v >> 32) return -1;
    }
    if (s < end) {
        char suffix = (char)(*s | 0x20);
        if (s + 1 != end && !(s + 2 == end && (s[1] | 0x20) == 'b')) return -1;
        if (suffix == 'k')
            v <<= 10;
        else if (suffix == 'm')
            v <<= 20;
        else if (suffix != 'b' || s + 1 != end)
            return -1;
    }
    if (v == 0 || v >> 32) return -1;
    *out = (uint32_t)v;
    return 0;
}

/* SIZE:WAYS */
static int parse_geom(const char *v, cache_geom_t *g)
{
    const char *colon = strchr(v, ':');
    uint32_t ways;
    if (!colon || parse_bytes(v, colon, &g->bytes) ||
        parse_bytes(colon + 1, colon + 1 + strlen(colon + 1), &ways))
        return -1;
    g->ways = ways;
    return 0;
}

static int parse_onoff(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) return *out = true, 0;
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) return *out = false, 0;
    return -1;
}

static bool pow2(uint64_t v)
{
    return v && !(v & (v - 1));
}

/* CCSIDR_EL1 without FEAT_CCIDX holds at most 1024 ways and 32768 sets; set indexing needs a
 * power of two. */
static int check_geom(const char *name, const cache_geom_t *g, uint32_t line, char *err,
                      size_t errlen)
{
    if (g->ways < 1 || g->ways > 1024)
        return fail(err, errlen, "-cache: %s: %u ways (use 1 to 1024)", name, g->ways);
    if (g->bytes % ((uint64_t)g->ways * line))
        return fail(err, errlen,
                    "-cache: %s: %u bytes is not a multiple of %u ways of %u-byte lines", name,
                    g->bytes, g->ways, line);
    uint32_t sets = cache_geom_sets(g, line);
    if (!pow2(sets) || sets > 32768)
        return fail(err, errlen,
                    "-cache: %s: %u sets (size / (ways * line)) must be a power of two, "
                    "at most 32768",
                    name, sets);
    return 0;
}

int cache_config_parse(cache_config_t *c, const char *arg, char *err, size_t errlen)
{
    char item[256];
    const char *p = arg;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n >= sizeof item) return fail(err, errlen, "-cache: property too long");
        memcpy(item, p, n);
        item[n] = '\0';
        p += n + (p[n] == ',');
        if (!strcmp(item, "help") || !strcmp(item, "?")) {
            c->help = true;
            continue;
        }
        char *v = strchr(item, '=');
        if (!v) return fail(err, errlen, "-cache: expected property=value, got '%s'", item);
        *v++ = '\0';
        int bad = 0;
        if (!strcmp(item, "mode")) {
            if (!strcmp(v, "off"))
                c->mode = CACHE_OFF;
            else if (!strcmp(v, "on"))
                c->mode = CACHE_ON;
            else if (!strcmp(v, "check"))
                c->mode = CACHE_CHECK;
            else
                return fail(err, errlen, "-cache: mode=%s (use off, on or check)", v);
        } else if (!strcmp(item, "l1i")) {
            bad = parse_geom(v, &c->l1i);
        } else if (!strcmp(item, "l1d")) {
            bad = parse_geom(v, &c->l1d);
        } else if (!strcmp(item, "l2")) {
            bad = parse_geom(v, &c->l2);
        } else if (!strcmp(item, "line")) {
            bad = parse_bytes(v, v + strlen(v), &c->line);
        } else if (!strcmp(item, "idc")) {
            bad = parse_onoff(v, &c->idc);
        } else if (!strcmp(item, "dic")) {
            bad = parse_onoff(v, &c->dic);
        } else if (!strcmp(item, "stop")) {
            bad = parse_onoff(v, &c->stop);
        } else {
            return fail(err, errlen, "-cache: unknown property '%s' (see -cache help)", item);
        }
        if (bad) return fail(err, errlen, "-cache: invalid value '%s' for %s", v, item);
    }
    if (c->help) return 0;
    if (!pow2(c->line) || c->line < 16 || c->line > 2048)
        return fail(err, errlen, "-cache: line=%u (use a power of two from 16 to 2048)", c->line);
    if (check_geom("l1i", &c->l1i, c->line, err, errlen) ||
        check_geom("l1d", &c->l1d, c->line, err, errlen) ||
        check_geom("l2", &c->l2, c->line, err, errlen))
        return -1;
    /* CTR_EL0.DIC = 1 without IDC = 1 would say fetches see data a clean to the PoU still has
     * to push out (caches-and-attributes.md, CTR_EL0). */
    if (c->dic && !c->idc) return fail(err, errlen, "-cache: dic=on needs idc=on");
    if (c->stop && c->mode != CACHE_CHECK)
        return fail(err, errlen, "-cache: stop=on needs mode=check");
    return 0;
}

void cache_config_print_help(void)
{
    cache_config_t d;
    cache_config_default(&d);
    printf(
        "-cache properties (docs/caches.md):\n"
        "  mode=off|on|check  off: memory always coherent (default); on: model L1I/L1D per CPU\n"
        "                     and a shared L2, stale data visible; check: on, and report every\n"
        "                     stale read, stale execution and lost write (-d cache)\n"
        "  l1i=SIZE:WAYS      L1 instruction cache (default %uK:%u)\n"
        "  l1d=SIZE:WAYS      L1 data cache (default %uK:%u)\n"
        "  l2=SIZE:WAYS       unified L2, the Point of Unification (default %uK:%u)\n"
        "  line=BYTES         line size of every level, 16 to 2048 (default %u)\n"
        "  idc=on|off         CTR_EL0.IDC: fetches see the data caches, no DC CVAU needed\n"
        "  dic=on|off         CTR_EL0.DIC: instruction caches coherent, no IC needed (needs idc)\n"
        "  stop=on|off        check: stop at the first report, exit status 4\n"
        "SIZE: bytes, or with a K or M suffix. The geometry is what CLIDR_EL1, CCSIDR_EL1 and\n"
        "CTR_EL0 report in every mode.\n",
        d.l1i.bytes / 1024, d.l1i.ways, d.l1d.bytes / 1024, d.l1d.ways, d.l2.bytes / 1024,
        d.l2.ways, d.line);
}
