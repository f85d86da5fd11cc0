/*
 * QEMU-compatible command line. Options may be spelt with one or two dashes
 * (-kernel, --kernel); the last occurrence of an option wins, except that -M
 * lists are merged as QEMU merges -machine properties (the last value of each
 * property wins). Values are validated after the whole command line is read, so
 * only the values that take effect are checked: "-smp 99 -smp 2" is accepted, as in
 * QEMU. Without -M the machine is virt. Anything avsim cannot honour is refused
 * rather than silently ignored.
 */
#include "machine/options.h"
#include "machine/errbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu/codecache.h"
#include "gdb/gdb.h"
#include "machine/virt_memmap.h"
#include "timer/timer.h"
#include "trace/log.h"

#define MIB (1ull << 20)

/* Largest RAM that ends at or below the high memory map (256 GiB; virt-board.md §3.2). */
#define RAM_MAX (virt_memmap[VIRT_RAM].size)

/* QEMU rounds -m up to a multiple of 8 KiB. */
#define RAM_ALIGN 8192ull

/* Longest property item (e.g. dumpdtb=FILE) we accept inside one comma-separated list. */
#define ITEM_MAX 4096

/*
 * The values that take effect, collected while parsing and validated afterwards:
 * the last argument of each single-valued option, the last value of each -M
 * property (empty if not given).
 */
typedef struct {
    const char *memory, *smp, *cpu, *icount, *accel, *cache;
    char machine_type[ITEM_MAX], virtualization[ITEM_MAX], gic_version[ITEM_MAX];
} pending_t;

/*
 * Walks a QEMU property list "a,b=c,d=e,,f": copies the next item into item
 * (",," unescaped to ','), splits it at the first '=' (value NULL if none) and
 * advances *p. Returns 1 for an item, 0 at the end, -1 if an item is too long.
 */
static int next_item(const char **p, char item[ITEM_MAX], char **value)
{
    const char *s = *p;
    if (!*s) return 0;
    size_t n = 0;
    for (;;) {
        if (s[0] == ',' && s[1] == ',') {
            s++;
        } else if (s[0] == ',' || s[0] == '\0') {
            break;
        }
        if (n + 1 >= ITEM_MAX) return -1;
        item[n++] = *s++;
    }
    item[n] = '\0';
    *p = *s ? s + 1 : s;
    char *eq = strchr(item, '=');
    *value = NULL;
    if (eq) {
        *eq = '\0';
        *value = eq + 1;
    }
    return 1;
}

/* QEMU's boolean property spellings. Returns 0 or -1. */
static int parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"on", "yes", "true", "y"};
    static const char *const no[] = {"off", "no", "false", "n"};
    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (!strcmp(s, yes[i])) return *out = true, 0;
        if (!strcmp(s, no[i])) return *out = false, 0;
    }
    return -1;
}

static bool is_help(const char *s)
{
    return !strcmp(s, "help") || !strcmp(s, "?");
}

/* Strict decimal unsigned number, no sign, no trailing text. */
static int parse_uint(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *s - '0', &v)) return -1;
    }
    *out = v;
    return 0;
}

/*
 * QEMU size syntax: decimal number with an optional fraction and an optional
 * binary suffix B/K/M/G/T/P/E (any case); a bare number is in MiB. Returns 0,
 * or -1 if malformed or not below 2^64.
 */
static int parse_size(const char *s, uint64_t *out)
{
    uint64_t whole = 0, frac = 0, frac_div = 1;
    const char *p = s;
    if (*p < '0' || *p > '9') return -1;
    for (; *p >= '0' && *p <= '9'; p++)
        if (__builtin_mul_overflow(whole, 10, &whole) ||
            __builtin_add_overflow(whole, *p - '0', &whole))
            return -1;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9') return -1;
        for (; *p >= '0' && *p <= '9'; p++) {
            if (frac_div >= 1000000000000000000ull) continue; /* further digits are noise */
            frac = frac * 10 + (uint64_t)(*p - '0');
            frac_div *= 10;
        }
    }
    static const char suffixes[] = "bkmgtpe";
    unsigned shift = 20;
    if (*p) {
        const char *c = strchr(suffixes, *p | 0x20);
        if (!c || p[1]) return -1;
        shift = 10 * (unsigned)(c - suffixes);
    }
    uint64_t mul = 1ull << shift, v;
    if (__builtin_mul_overflow(whole, mul, &v)) return -1;
    /* frac / frac_div < 1 and mul <= 2^60, so this product fits in 128 bits. */
    uint64_t frac_bytes = (uint64_t)((unsigned __int128)frac * mul / frac_div);
    if (__builtin_add_overflow(v, frac_bytes, &v)) return -1;
    *out = v;
    return 0;
}

static int opt_machine_type(avsim_options_t *o, const char *type, errbuf_t *e)
{
    if (is_help(type)) {
        o->help_machine = true;
        return 0;
    }
    if (strcmp(type, "virt") != 0)
        return fail(e, "unsupported machine '%s' (only 'virt' is supported; see -M help)", type);
    return 0;
}

static int opt_gic_version(avsim_options_t *o, const char *v, errbuf_t *e)
{
    if (!strcmp(v, "3")) {
        o->gic_version = 3;
        return 0;
    }
    if (!strcmp(v, "2")) return fail(e, "GICv2 is not supported yet; use gic-version=3");
    if (!strcmp(v, "4")) return fail(e, "GICv4 is not supported; use gic-version=3");
    if (!strcmp(v, "host") || !strcmp(v, "max"))
        return fail(e, "gic-version=%s is not supported; use gic-version=3", v);
    return fail(e, "invalid gic-version '%s' (use gic-version=3)", v);
}

static int opt_machine(pending_t *pend, avsim_options_t *o, const char *arg, errbuf_t *e)
{
    static char dumpdtb_path[ITEM_MAX]; /* -M keeps the last dumpdtb= for the process */
    char item[ITEM_MAX], *val;
    const char *p = arg;
    bool first = true;
    int r;
    if (!*arg) return fail(e, "-M needs a machine name (use -M virt)");
    while ((r = next_item(&p, item, &val)) > 0) {
        if (!val && first) {
            strcpy(pend->machine_type, item);
        } else if (!val) {
            return fail(e, "-M: expected property=value, got '%s'", item);
        } else if (!strcmp(item, "type")) {
            strcpy(pend->machine_type, val);
        } else if (!strcmp(item, "virtualization")) {
            strcpy(pend->virtualization, val);
        } else if (!strcmp(item, "gic-version")) {
            strcpy(pend->gic_version, val);
        } else if (!strcmp(item, "dumpdtb")) {
            if (!*val) return fail(e, "dumpdtb needs a file name");
            strcpy(dumpdtb_path, val);
            o->dumpdtb = dumpdtb_path;
        } else {
            return fail(e,
                        "unsupported virt property '%s' (supported: virtualization, "
                        "gic-version, dumpdtb)",
                        item);
        }
        first = false;
    }
    if (r < 0) return fail(e, "-M: property list item too long");
    return 0;
}

/* Validates the -M properties that take effect. */
static int check_machine(const pending_t *pend, avsim_options_t *o, errbuf_t *e)
{
    if (*pend->machine_type && opt_machine_type(o, pend->machine_type, e)) return -1;
    if (*pend->virtualization && parse_bool(pend->virtualization, &o->virtualization))
        return fail(e, "invalid value '%s' for virtualization (use on or off)",
                    pend->virtualization);
    if (*pend->gic_version && opt_gic_version(o, pend->gic_version, e)) return -1;
    return 0;
}

static int opt_cpu(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    if (is_help(arg)) {
        o->help_cpu = true;
        return 0;
    }
    if (!strncmp(arg, "max,", 4))
        return fail(e, "CPU properties are not supported ('-cpu %s'); use -cpu max", arg);
    if (strcmp(arg, "max") != 0)
        return fail(e, "unsupported CPU model '%s' (only 'max' is supported; see -cpu help)", arg);
    o->cpu_model = "max";
    return 0;
}

/*
 * The value of an option with one property (-m, -smp), given as VALUE or KEY=VALUE (QEMU's implied
 * key): copied to buf, *value = buf, or NULL when arg is empty; the last item wins. Returns 0, or
 * -1 with the error in e (usage: what to write instead).
 */
static int single_prop(const char *opt, const char *key, const char *usage, const char *arg,
                       char buf[ITEM_MAX], const char **value, errbuf_t *e)
{
    char item[ITEM_MAX], *val;
    const char *p = arg;
    bool first = true;
    int r;
    *value = NULL;
    while ((r = next_item(&p, item, &val)) > 0) {
        if (!val && first)
            strcpy(buf, item);
        else if (val && !strcmp(item, key))
            strcpy(buf, val);
        else
            return fail(e, "%s: '%s' is not supported (use %s)", opt, item, usage);
        *value = buf;
        first = false;
    }
    if (r < 0) return fail(e, "%s: argument too long", opt);
    return 0;
}

/*
 * The key of a property-list item: a first item without '=' is the value of the option's implied
 * key (QEMU's). Returns NULL, with the error in e, for any other item without a value.
 */
static const char *prop_key(const char *opt, const char *implied, char *item, char **val,
                            bool first, errbuf_t *e)
{
    if (!*val && first) {
        *val = item;
        return implied;
    }
    if (!*val) {
        fail(e, "%s: expected property=value, got '%s'", opt, item);
        return NULL;
    }
    return item;
}

static int opt_memory(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    char size_buf[ITEM_MAX];
    const char *size;
    if (single_prop("-m", "size", "-m SIZE", arg, size_buf, &size, e)) return -1;
    if (!size) return fail(e, "-m needs a size, e.g. -m 128M");
    uint64_t bytes;
    if (parse_size(size, &bytes))
        return fail(e, "invalid RAM size '%s' (examples: 128M, 1G, 512; a plain number is MiB)",
                    size);
    if (bytes == 0) return fail(e, "RAM size must be positive (-m %s)", size);
    if (bytes > RAM_MAX)
        return fail(e,
                    "RAM size '%s' is too large: at most %llu GiB fits below the high memory "
                    "map at 256 GiB",
                    size, (unsigned long long)(RAM_MAX >> 30));
    o->ram_size = (bytes + RAM_ALIGN - 1) & ~(RAM_ALIGN - 1);
    return 0;
}

static int opt_smp(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    char count_buf[ITEM_MAX];
    const char *count;
    if (single_prop("-smp", "cpus", "-smp N", arg, count_buf, &count, e)) return -1;
    uint64_t n;
    if (!count || parse_uint(count, &n)) return fail(e, "invalid CPU count '%s' (use -smp N)", arg);
    if (n == 0) return fail(e, "-smp %s: at least one CPU is needed", arg);
    if (n > AVSIM_MAX_CPUS)
        return fail(e, "-smp %s: at most %d CPUs are supported", arg, AVSIM_MAX_CPUS);
    o->smp = (unsigned)n;
    return 0;
}

static int opt_semihosting_config(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    char item[ITEM_MAX], *val;
    const char *p = arg;
    bool first = true, enable = true; /* as in QEMU, giving the option enables it */
    int r;
    while ((r = next_item(&p, item, &val)) > 0) {
        const char *key = prop_key("-semihosting-config", "enable", item, &val, first, e);
        if (!key) return -1;
        if (!strcmp(key, "enable")) {
            if (parse_bool(val, &enable))
                return fail(e, "-semihosting-config: invalid value '%s' for enable", val);
        } else if (!strcmp(key, "target")) {
            if (strcmp(val, "native") != 0 && strcmp(val, "auto") != 0)
                return fail(e, "-semihosting-config: target=%s is not supported (use native)", val);
        } else {
            return fail(e, "-semihosting-config: '%s' is not supported (supported: enable, target)",
                        key);
        }
        first = false;
    }
    if (r < 0) return fail(e, "-semihosting-config: argument too long");
    o->semihosting = enable;
    return 0;
}

/*
 * -icount [shift=]N|auto[,sleep=off]: guest time (timer/timer.h). shift=N (0-10) counts
 * 2^N ns of counter time per instruction, deterministically, and skips idle time as
 * QEMU's sleep=off does; shift=auto makes the counter follow the host clock.
 */
static int opt_icount(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    char item[ITEM_MAX], *val;
    const char *p = arg;
    bool first = true;
    int r;
    while ((r = next_item(&p, item, &val)) > 0) {
        const char *key = prop_key("-icount", "shift", item, &val, first, e);
        if (!key) return -1;
        uint64_t n;
        if (!strcmp(key, "shift")) {
            if (!strcmp(val, "auto"))
                o->icount_shift = ICOUNT_HOST_CLOCK;
            else if (!parse_uint(val, &n) && n <= ICOUNT_SHIFT_MAX)
                o->icount_shift = (int)n;
            else
                return fail(e, "-icount: invalid shift '%s' (use 0 to %d, or auto)", val,
                            ICOUNT_SHIFT_MAX);
        } else if (!strcmp(key, "sleep")) {
            if (strcmp(val, "off") != 0)
                return fail(e,
                            "-icount: sleep=%s is not supported (icount mode skips idle "
                            "time; shift=auto follows the host clock)",
                            val);
        } else {
            return fail(e, "-icount: '%s' is not supported (supported: shift, sleep=off)", key);
        }
        first = false;
    }
    if (r < 0) return fail(e, "-icount: argument too long");
    if (first) return fail(e, "-icount needs a shift, e.g. -icount shift=3 or -icount auto");
    return 0;
}

/* Largest -accel tb-size (MiB): 1 TiB. */
#define TB_SIZE_MAX_MIB (1ull << 20)

/*
 * -accel [accel=]tcg[,tb-size=N][,thread=single|multi]: avsim is its own TCG. tb-size bounds the
 * host memory of decoded code to N MiB (cpu/codecache.h), as it bounds QEMU's translation cache; 0
 * keeps the default. thread=multi runs each CPU in its own host thread (machine/threads.h).
 */
static int opt_accel(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    char item[ITEM_MAX], *val;
    const char *p = arg;
    bool first = true;
    int r;
    while ((r = next_item(&p, item, &val)) > 0) {
        const char *key = prop_key("-accel", "accel", item, &val, first, e);
        if (!key) return -1;
        uint64_t n;
        if (!strcmp(key, "accel")) {
            if (strcmp(val, "tcg") != 0)
                return fail(e, "-accel %s is not supported (use -accel tcg)", val);
        } else if (!strcmp(key, "tb-size")) {
            if (parse_uint(val, &n) || n > TB_SIZE_MAX_MIB)
                return fail(e, "-accel: invalid tb-size '%s' (MiB, 0 to %llu; 0: the default)", val,
                            TB_SIZE_MAX_MIB);
            o->tb_size_mib = n;
        } else if (!strcmp(key, "thread")) {
            if (strcmp(val, "single") != 0 && strcmp(val, "multi") != 0)
                return fail(e, "-accel: invalid thread '%s' (single or multi)", val);
            o->thread_multi = !strcmp(val, "multi");
        } else {
            return fail(e, "-accel: '%s' is not supported (supported: tb-size, thread)", key);
        }
        first = false;
    }
    if (r < 0) return fail(e, "-accel: argument too long");
    if (first) return fail(e, "-accel needs an accelerator: -accel tcg");
    return 0;
}

static int opt_log(avsim_options_t *o, const char *arg, errbuf_t *e)
{
    if (is_help(arg)) {
        o->help_log = true;
        return 0;
    }
    const char *bad = NULL;
    int64_t mask = log_parse(arg, &bad);
    if (mask < 0) return fail(e, "unknown log category '%s' (see -d help)", bad ? bad : arg);
    o->log_mask = (uint32_t)mask;
    return 0;
}

typedef enum {
    OPT_MACHINE,
    OPT_CPU,
    OPT_MEMORY,
    OPT_SMP,
    OPT_KERNEL,
    OPT_INITRD,
    OPT_APPEND,
    OPT_DTB,
    OPT_NOGRAPHIC,
    OPT_SEMIHOSTING,
    OPT_SEMIHOSTING_CONFIG,
    OPT_NO_REBOOT,
    OPT_NO_EXCEPTION_LOOP_CHECK,
    OPT_ICOUNT,
    OPT_ACCEL,
    OPT_GDB,
    OPT_GDB_DEFAULT,
    OPT_START_STOPPED,
    OPT_CACHE,
    OPT_LOG,
    OPT_LOGFILE,
    OPT_TRACE_FILE,
    OPT_STATS_FILE,
    OPT_VERSION,
    OPT_HELP,
} option_id_t;

static const struct {
    const char *name;
    option_id_t id;
    bool has_arg;
} option_table[] = {
    {"M", OPT_MACHINE, true},
    {"machine", OPT_MACHINE, true},
    {"cpu", OPT_CPU, true},
    {"m", OPT_MEMORY, true},
    {"smp", OPT_SMP, true},
    {"kernel", OPT_KERNEL, true},
    {"initrd", OPT_INITRD, true},
    {"append", OPT_APPEND, true},
    {"dtb", OPT_DTB, true},
    {"nographic", OPT_NOGRAPHIC, false},
    {"semihosting", OPT_SEMIHOSTING, false},
    {"semihosting-config", OPT_SEMIHOSTING_CONFIG, true},
    {"no-reboot", OPT_NO_REBOOT, false},
    {"no-exception-loop-check", OPT_NO_EXCEPTION_LOOP_CHECK, false},
    {"icount", OPT_ICOUNT, true},
    {"accel", OPT_ACCEL, true},
    {"gdb", OPT_GDB, true},
    {"s", OPT_GDB_DEFAULT, false},
    {"S", OPT_START_STOPPED, false},
    {"cache", OPT_CACHE, true},
    {"d", OPT_LOG, true},
    {"D", OPT_LOGFILE, true},
    {"trace-file", OPT_TRACE_FILE, true},
    {"stats-file", OPT_STATS_FILE, true},
    {"version", OPT_VERSION, false},
    {"h", OPT_HELP, false},
    {"help", OPT_HELP, false},
};

static int apply(pending_t *pend, avsim_options_t *o, option_id_t id, const char *arg, errbuf_t *e)
{
    switch (id) {
    case OPT_MACHINE: return opt_machine(pend, o, arg, e);
    case OPT_CPU: pend->cpu = arg; return 0;
    case OPT_MEMORY: pend->memory = arg; return 0;
    case OPT_SMP: pend->smp = arg; return 0;
    case OPT_KERNEL: o->kernel = arg; return 0;
    case OPT_INITRD: o->initrd = arg; return 0;
    case OPT_APPEND: o->append = arg; return 0;
    case OPT_DTB: o->dtb = arg; return 0;
    case OPT_NOGRAPHIC: o->nographic = true; return 0;
    case OPT_SEMIHOSTING: o->semihosting = true; return 0;
    case OPT_SEMIHOSTING_CONFIG: return opt_semihosting_config(o, arg, e);
    case OPT_NO_REBOOT: o->no_reboot = true; return 0;
    case OPT_NO_EXCEPTION_LOOP_CHECK: o->no_exception_loop_check = true; return 0;
    case OPT_ICOUNT: pend->icount = arg; return 0;
    case OPT_ACCEL: pend->accel = arg; return 0;
    case OPT_GDB: o->gdb = arg; return 0;
    case OPT_GDB_DEFAULT: o->gdb = GDB_DEFAULT_DEV; return 0;
    case OPT_START_STOPPED: o->start_stopped = true; return 0;
    case OPT_CACHE: pend->cache = arg; return 0;
    case OPT_LOG: return opt_log(o, arg, e);
    case OPT_LOGFILE: o->logfile = arg; return 0;
    case OPT_TRACE_FILE: o->trace_file = arg; return 0;
    case OPT_STATS_FILE: o->stats_file = arg; return 0;
    case OPT_VERSION: o->version = true; return 0;
    case OPT_HELP: o->help = true; return 0;
    }
    return fail(e, "internal error: unhandled option");
}

static void set_defaults(avsim_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->gic_version = 3; /* QEMU's default is 2, which avsim does not implement */
    o->cpu_model = "max";
    o->ram_size = 128 * MIB;
    o->smp = 1;
    o->icount_shift = ICOUNT_SHIFT_DEFAULT;
    cache_config_default(&o->cache);
}

int options_parse(avsim_options_t *opt, int argc, char **argv, char *err, size_t errlen)
{
    errbuf_t e = {err, errlen};
    pending_t pend = {0};
    set_defaults(opt);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            return fail(&e, "unexpected argument '%s' (options start with '-'; see --help)", a);
        const char *name = a + (a[1] == '-' ? 2 : 1);
        size_t k;
        for (k = 0; k < ARRAY_SIZE(option_table); k++)
            if (!strcmp(option_table[k].name, name)) break;
        if (k == ARRAY_SIZE(option_table)) return fail(&e, "unknown option '%s' (see --help)", a);
        const char *arg = NULL;
        if (option_table[k].has_arg) {
            if (i + 1 >= argc) return fail(&e, "option '%s' needs an argument", a);
            arg = argv[++i];
        }
        if (apply(&pend, opt, option_table[k].id, arg, &e)) return -1;
    }
    if (check_machine(&pend, opt, &e)) return -1;
    if (pend.cpu && opt_cpu(opt, pend.cpu, &e)) return -1;
    if (pend.memory && opt_memory(opt, pend.memory, &e)) return -1;
    if (pend.smp && opt_smp(opt, pend.smp, &e)) return -1;
    if (pend.icount && opt_icount(opt, pend.icount, &e)) return -1;
    if (pend.accel && opt_accel(opt, pend.accel, &e)) return -1;
    if (opt->gdb && gdb_check_dev(opt->gdb, err, errlen)) return -1;
    /* QEMU's -S alone waits for a monitor command; avsim has no monitor, only the debugger. */
    if (opt->start_stopped && !opt->gdb)
        return fail(&e, "-S needs -gdb DEV or -s: only a debugger can start the machine");
    if (pend.cache && cache_config_parse(&opt->cache, pend.cache, err, errlen)) return -1;
    if (opt->thread_multi) {
#if !defined(__x86_64__)
        /* machine/threads.h relies on the host's TSO memory order and CMPXCHG16B. */
        return fail(&e, "-accel thread=multi needs an x86-64 host");
#endif
        /* The CPUs run in parallel against the host clock; what needs them in one thread: */
        if (pend.icount && opt->icount_shift != ICOUNT_HOST_CLOCK)
            return fail(&e, "-accel thread=multi runs on the host clock: use -icount auto or "
                            "no -icount (deterministic -icount shift=N needs thread=single)");
        if (opt->cache.mode != CACHE_OFF)
            return fail(&e, "-cache mode=on|check needs -accel thread=single");
        if (opt->gdb) return fail(&e, "-gdb needs -accel thread=single");
        opt->icount_shift = ICOUNT_HOST_CLOCK;
    }
    return 0;
}

void options_print_usage(void)
{
    printf("usage: avsim -M virt[,virtualization=on|off][,gic-version=3][,dumpdtb=FILE]\n"
           "             [-cpu max] [-m SIZE] [-smp N] [-accel tcg[,tb-size=N][,thread=T]]\n"
           "             -kernel FILE [-initrd FILE]\n"
           "             [-append STRING] [-dtb FILE] [-nographic] [-semihosting]\n"
           "             [-no-reboot] [-no-exception-loop-check] [-icount [shift=]N|auto]\n"
           "             [-gdb tcp:[HOST]:PORT | -s] [-S]\n"
           "             [-cache mode=off|on|check[,...]] [-d CATEGORIES] [-D LOGFILE]\n"
           "             [-trace-file FILE.json[,max-events=N]] [-stats-file FILE.json]\n"
           "\n"
           "Options (QEMU syntax; --option is accepted for -option):\n"
           "  -M, -machine virt[,...]  the board (the only one, and the default):\n"
           "      virtualization=on|off  implement EL2 and boot at EL2 (default off)\n"
           "      gic-version=3          GICv3 (default here; QEMU's default 2 is refused)\n"
           "      dumpdtb=FILE           write the device tree to FILE and exit\n"
           "  -cpu max                 the CPU model (the only one)\n"
           "  -m SIZE                  RAM size, e.g. 128M, 1G, or size=1G; a plain number\n"
           "                           is MiB (default 128M, at most 255G)\n"
           "  -smp N                   number of CPUs, 1 to %d (default 1)\n"
           "  -accel tcg[,tb-size=N][,thread=single|multi]\n"
           "                           the accelerator (tcg, the only one); tb-size=N keeps at\n"
           "                           most N MiB of decoded code (default %llu); thread=multi\n"
           "                           runs each CPU in its own host thread, on the host clock\n"
           "                           (not deterministic; default single)\n"
           "  -kernel FILE             ELF, Linux arm64 Image or raw binary to boot\n"
           "  -initrd FILE             initial ramdisk (Image and raw kernels)\n"
           "  -append STRING           kernel command line (/chosen/bootargs)\n"
           "  -dtb FILE                use this device tree instead of the generated one\n"
           "  -nographic               accepted; the console is always stdio\n"
           "  -semihosting             enable Arm semihosting (HLT #0xF000)\n"
           "  -semihosting-config enable=on|off[,target=native]\n"
           "  -no-reboot               exit on a guest reset instead of rebooting\n"
           "  -no-exception-loop-check keep running a CPU that takes the same exception\n"
           "                           forever (by default avsim stops with status 3)\n"
           "  -icount [shift=]N|auto   guest time: shift=N (0-%d) advances the counter 2^N ns\n"
           "                           per instruction, deterministically, and skips idle\n"
           "                           time (default N=%d); auto follows the host clock\n"
           "  -cache mode=off|on|check[,l1d=SIZE:WAYS,...]\n"
           "                           cache model: off (coherent memory, default), on (L1I/L1D\n"
           "                           per CPU, shared L2: stale data shows), check (on, and\n"
           "                           report missing maintenance); -cache help lists the rest\n"
           "  -gdb tcp:[HOST]:PORT     GDB stub listening on PORT (no HOST: every interface);\n"
           "                           each CPU is a thread (docs/debugging.md)\n"
           "  -s                       the same as -gdb tcp::1234\n"
           "  -S                       start stopped: wait for the debugger to continue\n"
           "  -d CATEGORIES            log the given categories (-d help lists them)\n"
           "  -D FILE                  write the log to FILE instead of stderr\n"
           "  -trace-file FILE[,max-events=N]\n"
           "                           write a timeline of EL stays, exceptions, ERETs and world\n"
           "                           switches in guest time, Chrome trace-event JSON for\n"
           "                           Perfetto (at most N events, default 1000000;\n"
           "                           docs/tracing.md)\n"
           "  -stats-file FILE         write -d stats's counters as JSON at exit (docs/stats.md)\n"
           "  -M help, -cpu help, -d help, -cache help, --version, -h/--help\n",
           AVSIM_MAX_CPUS, (unsigned long long)(CODE_CACHE_DEFAULT_BYTES >> 20), ICOUNT_SHIFT_MAX,
           ICOUNT_SHIFT_DEFAULT);
}
