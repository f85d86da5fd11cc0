/*
 * The packets of the GDB remote protocol that avsim answers (GDB manual, "Packets" and "General
 * Query Packets"), all-stop mode. Anything malformed gets an error reply (E01, or E22 / E14 where
 * QEMU gives those), anything unknown an empty one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb/gdb_internal.h"

#define E_FAULT "E14" /* memory not accessible (QEMU's reply) */
#define E_INVAL "E22" /* bad thread or argument */
#define E_BAD   "E01" /* malformed packet */

/* Thread ids: CPU n is thread n + 1, in process 1 ("p1.N" with the multiprocess extension). */
enum { TID_ALL = -1, TID_ANY = 0 };

static void out_tid(gdb_t *g, unsigned cpu)
{
    if (g->multiprocess)
        gdb_out(g, "p1.%x", cpu + 1);
    else
        gdb_out(g, "%x", cpu + 1);
}

/* One id: "-1", or hex. */
static bool parse_id(const char **p, long *id)
{
    if ((*p)[0] == '-' && (*p)[1] == '1') {
        *p += 2;
        *id = TID_ALL;
        return true;
    }
    uint64_t v;
    if (!gdb_parse_hex(p, &v) || v > 0xFFFF) return false;
    *id = (long)v;
    return true;
}

/* [pPID[.TID]] or TID: TID_ALL, TID_ANY or a thread number; false if malformed or of another
 * process. */
static bool parse_tid(const char **p, long *tid)
{
    if (**p == 'p') {
        long pid;
        (*p)++;
        if (!parse_id(p, &pid) || (pid != 1 && pid != TID_ALL && pid != TID_ANY)) return false;
        if (**p != '.') {
            *tid = TID_ALL;
            return true;
        }
        (*p)++;
    }
    return parse_id(p, tid);
}

/* The CPU of a thread number, or -1. */
static int tid_cpu(const gdb_t *g, long tid)
{
    return tid >= 1 && tid <= (long)g->m->ncpus ? (int)(tid - 1) : -1;
}

static const char *const state_names[] = {
    [PE_RUNNING] = "running", [PE_OFF] = "off", [PE_WFI] = "wfi", [PE_WFE] = "wfe"};

void gdb_stop_reply(gdb_t *g)
{
    gdb_out(g, "T%02xthread:", g->stop_signal);
    out_tid(g, g->stop_cpu);
    gdb_out(g, ";");
    static const char *const kinds[] = {
        [GDB_WP_WRITE] = "watch", [GDB_WP_READ] = "rwatch", [GDB_WP_ACCESS] = "awatch"};
    if (g->watch_kind)
        gdb_out(g, "%s:%llx;", kinds[g->watch_kind], (unsigned long long)g->watch_addr);
}

/* ---- Breakpoints and watchpoints ---- */

void gdb_update_flags(gdb_t *g)
{
    machine_t *m = g->m;
    uint32_t set = (g->nbp ? GDB_BREAK : 0) | (g->nwp ? GDB_WATCH : 0);
    for (unsigned i = 0; i < m->ncpus; i++) {
        cpu_t *c = m->cpus[i];
        /* Fast-path entries filled before a watchpoint existed would bypass it. */
        if (g->nwp && !(c->gdb_flags & GDB_WATCH)) tlb_flush_fast(&c->tlb);
        c->gdb_flags = (c->gdb_flags & ~(uint32_t)(GDB_BREAK | GDB_WATCH)) | set;
    }
}

void gdb_cpu_reset(cpu_t *cpu)
{
    gdb_t *g = cpu->machine->gdb;
    cpu->gdb_flags = (g->nbp ? GDB_BREAK : 0) | (g->nwp ? GDB_WATCH : 0);
}

void gdb_clear_points(gdb_t *g)
{
    g->nbp = g->nwp = 0;
    if (g->m) gdb_update_flags(g);
}

/* Z/z TYPE,ADDR,KIND[;...]: 0 software and 1 hardware breakpoints (both checked by the run loop;
 * guest memory is never modified), 2 write, 3 read, 4 access watchpoints of KIND bytes. */
static void points(gdb_t *g, const char *p, bool insert)
{
    uint64_t type, addr, kind;
    p++;
    if (!gdb_parse_hex(&p, &type) || *p++ != ',' || !gdb_parse_hex(&p, &addr) || *p++ != ',' ||
        !gdb_parse_hex(&p, &kind) || (*p && *p != ';')) {
        gdb_out(g, E_BAD);
        return;
    }
    if (type > 4) return; /* unsupported: empty reply */
    if (type >= 2 && (kind == 0 || addr + kind - 1 < addr)) {
        gdb_out(g, E_INVAL);
        return;
    }
    if (type < 2) {
        if (insert) {
            if (g->nbp == GDB_MAX_BREAK) {
                gdb_out(g, E_INVAL);
                return;
            }
            g->bp[g->nbp++] = addr;
        } else {
            unsigned i = 0;
            while (i < g->nbp && g->bp[i] != addr)
                i++;
            if (i == g->nbp) {
                gdb_out(g, E_INVAL);
                return;
            }
            g->bp[i] = g->bp[--g->nbp];
        }
    } else if (insert) {
        if (g->nwp == GDB_MAX_WATCH) {
            gdb_out(g, E_INVAL);
            return;
        }
        g->wp[g->nwp].addr = addr;
        g->wp[g->nwp].len = kind;
        g->wp[g->nwp].kind = (int)type;
        g->nwp++;
    } else {
        unsigned i = 0;
        while (i < g->nwp &&
               (g->wp[i].addr != addr || g->wp[i].len != kind || g->wp[i].kind != (int)type))
            i++;
        if (i == g->nwp) {
            gdb_out(g, E_INVAL);
            return;
        }
        g->wp[i] = g->wp[--g->nwp];
    }
    gdb_update_flags(g);
    gdb_out(g, "OK");
}

/* ---- Registers and memory ---- */

static cpu_t *g_cpu(gdb_t *g)
{
    return g->m->cpus[g->g_cpu];
}

static void read_all_regs(gdb_t *g)
{
    uint8_t v[16];
    for (unsigned n = 0; n < GDB_REG_SYSREG0; n++)
        gdb_out_hex(g, v, gdb_read_reg(g, g_cpu(g), n, v));
}

/* G: every register of g, in its layout; nothing is written unless all of it is valid. CPSR
 * goes first, so that SP lands in the stack pointer of the EL it selects. */
static void write_all_regs(gdb_t *g, const char *p)
{
    cpu_t *c = g_cpu(g);
    uint8_t regs[GDB_REG_SYSREG0][16];
    unsigned size[GDB_REG_SYSREG0];
    size_t len = strlen(p), pos = 0;
    unsigned n = 0;
    for (; n < GDB_REG_SYSREG0; n++) {
        size[n] = gdb_read_reg(g, c, n, regs[n]);
        if (pos + 2 * size[n] > len || !gdb_decode_hex(p + pos, 2 * size[n], regs[n])) break;
        pos += 2 * size[n];
    }
    if (n < GDB_REG_SYSREG0 || pos != len ||
        !gdb_write_reg(g, c, GDB_REG_CPSR, regs[GDB_REG_CPSR], 4)) {
        gdb_out(g, E_BAD);
        return;
    }
    for (n = 0; n < GDB_REG_SYSREG0; n++)
        if (n != GDB_REG_CPSR) gdb_write_reg(g, c, n, regs[n], size[n]);
    gdb_out(g, "OK");
}

static void read_reg(gdb_t *g, const char *p)
{
    uint64_t n;
    uint8_t v[16];
    if (!gdb_parse_hex(&p, &n) || *p) {
        gdb_out(g, E_BAD);
        return;
    }
    unsigned size = n < 0x10000 ? gdb_read_reg(g, g_cpu(g), (unsigned)n, v) : 0;
    if (!size)
        gdb_out(g, E_FAULT);
    else
        gdb_out_hex(g, v, size);
}

static void write_reg(gdb_t *g, const char *p)
{
    uint64_t n;
    uint8_t v[16];
    size_t digits;
    if (!gdb_parse_hex(&p, &n) || *p++ != '=' || (digits = strlen(p)) > 32 ||
        !gdb_decode_hex(p, digits, v) || n >= 0x10000 ||
        !gdb_write_reg(g, g_cpu(g), (unsigned)n, v, (unsigned)digits / 2)) {
        gdb_out(g, E_BAD);
        return;
    }
    gdb_out(g, "OK");
}

/* "ADDR,LEN" then the expected terminator. */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len, char end)
{
    return gdb_parse_hex(p, addr) && *(*p)++ == ',' && gdb_parse_hex(p, len) && *(*p)++ == end;
}

static void read_memory(gdb_t *g, const char *p)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len, '\0')) {
        gdb_out(g, E_BAD);
        return;
    }
    /* A shorter reply is allowed; the client asks again for the rest. */
    if (len > GDB_PACKET_MAX / 2) len = GDB_PACKET_MAX / 2;
    uint8_t buf[GDB_PACKET_MAX / 2];
    size_t n = gdb_access_memory(g_cpu(g), addr, buf, len, false);
    if (len && !n)
        gdb_out(g, E_FAULT);
    else
        gdb_out_hex(g, buf, n);
}

/* M ADDR,LEN:HEX and X ADDR,LEN:BINARY (escaped with '}'). */
static void write_memory(gdb_t *g, const char *p, size_t pkt_len, bool binary)
{
    const char *start = p;
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len, ':') || len > GDB_PACKET_MAX) {
        gdb_out(g, E_BAD);
        return;
    }
    uint8_t buf[GDB_PACKET_MAX];
    size_t avail = pkt_len - (size_t)(p - start), n = 0;
    if (binary) {
        for (size_t i = 0; i < avail; i++) {
            uint8_t c = (uint8_t)p[i];
            if (c == '}') {
                if (++i == avail) break;
                c = (uint8_t)p[i] ^ 0x20;
            }
            if (n == len) {
                n++;
                break;
            }
            buf[n++] = c;
        }
        if (n != len) {
            gdb_out(g, E_BAD);
            return;
        }
    } else if (avail != 2 * len || !gdb_decode_hex(p, avail, buf)) {
        gdb_out(g, E_BAD);
        return;
    }
    if (gdb_access_memory(g_cpu(g), addr, buf, len, true) != len)
        gdb_out(g, E_FAULT);
    else
        gdb_out(g, "OK");
}

/* ---- Queries ---- */

static void xfer_features(gdb_t *g, const char *p)
{
    static const char annex[] = "target.xml:";
    uint64_t off, len;
    if (strncmp(p, annex, sizeof annex - 1) != 0) {
        gdb_out(g, "E00");
        return;
    }
    p += sizeof annex - 1;
    if (!parse_addr_len(&p, &off, &len, '\0') || !g->xml) {
        gdb_out(g, E_BAD);
        return;
    }
    if (off > g->xml_len) {
        gdb_out(g, "E00");
        return;
    }
    if (len > GDB_PACKET_MAX - 1) len = GDB_PACKET_MAX - 1;
    size_t n = g->xml_len - off < len ? g->xml_len - off : len;
    gdb_out(g, "%c%.*s", off + n < g->xml_len ? 'm' : 'l', (int)n, g->xml + off);
}

static void thread_extra_info(gdb_t *g, const char *p)
{
    long tid;
    int c;
    if (!parse_tid(&p, &tid) || *p || (c = tid_cpu(g, tid)) < 0) {
        gdb_out(g, E_INVAL);
        return;
    }
    const cpu_t *cpu = g->m->cpus[c];
    char text[64];
    int n = snprintf(text, sizeof text, "CPU#%d [%s] EL%u", c, state_names[cpu->state], cpu->el);
    gdb_out_hex(g, text, (size_t)n);
}

/* qRcmd,HEX: a monitor command; its output goes out as O packets, then OK. */
static void monitor_command(gdb_t *g, const char *p)
{
    size_t digits = strlen(p);
    char cmd[GDB_PACKET_MAX / 2 + 1];
    if (!gdb_decode_hex(p, digits, (uint8_t *)cmd) || memchr(cmd, 0, digits / 2)) {
        gdb_out(g, E_BAD);
        return;
    }
    cmd[digits / 2] = '\0';
    char *text = NULL;
    size_t len = 0;
    gdb_monitor(g, cmd, &text, &len);
    for (size_t off = 0; off < len; off += GDB_PACKET_MAX / 4) {
        size_t n = len - off < GDB_PACKET_MAX / 4 ? len - off : GDB_PACKET_MAX / 4;
        gdb_out(g, "O");
        gdb_out_hex(g, text + off, n);
        gdb_send_reply(g);
    }
    free(text);
    gdb_out(g, "OK");
}

static bool prefix(const char *p, const char *what, const char **rest)
{
    size_t n = strlen(what);
    if (strncmp(p, what, n) != 0) return false;
    *rest = p + n;
    return true;
}

static void query(gdb_t *g, const char *p)
{
    const char *rest;
    if (prefix(p, "qSupported", &rest)) {
        g->multiprocess = strstr(rest, "multiprocess+") != NULL;
        gdb_out(g, "PacketSize=%x;qXfer:features:read+;vContSupported+;QStartNoAckMode+%s",
                GDB_PACKET_MAX, g->multiprocess ? ";multiprocess+" : "");
    } else if (prefix(p, "qXfer:features:read:", &rest)) {
        xfer_features(g, rest);
    } else if (!strcmp(p, "qfThreadInfo")) {
        gdb_out(g, "m");
        for (unsigned i = 0; i < g->m->ncpus; i++) {
            if (i) gdb_out(g, ",");
            out_tid(g, i);
        }
    } else if (!strcmp(p, "qsThreadInfo")) {
        gdb_out(g, "l");
    } else if (!strcmp(p, "qC")) {
        gdb_out(g, "QC");
        out_tid(g, g->g_cpu);
    } else if (prefix(p, "qAttached", &rest)) {
        gdb_out(g, "1");
    } else if (prefix(p, "qThreadExtraInfo,", &rest)) {
        thread_extra_info(g, rest);
    } else if (prefix(p, "qRcmd,", &rest)) {
        monitor_command(g, rest);
    }
    /* Anything else: empty reply. */
}

/* ---- Threads and execution ---- */

static void set_thread(gdb_t *g, const char *p)
{
    char op = *p++;
    long tid;
    int c = -1;
    if (!parse_tid(&p, &tid) || *p || (tid > 0 && (c = tid_cpu(g, tid)) < 0) ||
        (op != 'g' && op != 'c')) {
        gdb_out(g, E_INVAL);
        return;
    }
    if (op == 'g') {
        if (c >= 0) g->g_cpu = (unsigned)c;
    } else {
        g->c_all = c < 0;
        if (c >= 0) g->c_cpu = (unsigned)c;
    }
    gdb_out(g, "OK");
}

static void thread_alive(gdb_t *g, const char *p)
{
    long tid;
    if (!parse_tid(&p, &tid) || *p || tid_cpu(g, tid) < 0)
        gdb_out(g, E_INVAL);
    else
        gdb_out(g, "OK");
}

/*
 * Per-CPU resume actions: 0 none, 'c' or 's'. A step is done alone (gdb_stopped): the other CPUs
 * execute nothing meanwhile, which is one schedule of "they continue" and exactly "they stay
 * stopped". Without a step every CPU runs, even one given no action (only scheduler-locking
 * asks for that; avsim's scheduler has no CPU it could leave out).
 */
static int resume(gdb_t *g, const char actions[AVSIM_MAX_CPUS])
{
    machine_t *m = g->m;
    bool any = false;
    g->step_cpu = -1;
    for (unsigned i = 0; i < m->ncpus; i++) {
        any |= actions[i] != 0;
        if (actions[i] == 's' && g->step_cpu < 0) g->step_cpu = (int)i;
    }
    if (!any) {
        gdb_out(g, E_INVAL);
        return -1;
    }
    if (g->step_cpu >= 0) {
        cpu_t *c = m->cpus[g->step_cpu];
        c->gdb_flags |= GDB_STEP;
        g->step_retired = c->icount;
        g->step_pc = c->pc;
    }
    g->client_waits = true;
    return SERVE_RESUME;
}

/* c/C/s/S [SIG;][ADDR]: the old resume packets, for the Hc thread (the step) or all. */
static int resume_legacy(gdb_t *g, const char *p)
{
    char op = *p++;
    uint64_t v;
    if ((op == 'C' || op == 'S') && (!gdb_parse_hex(&p, &v) || (*p && *p++ != ';'))) {
        gdb_out(g, E_BAD);
        return -1;
    }
    unsigned target = g->c_all ? g->g_cpu : g->c_cpu;
    if (*p) {
        if (!gdb_parse_hex(&p, &v) || *p) {
            gdb_out(g, E_BAD);
            return -1;
        }
        g->m->cpus[target]->pc = v;
    }
    char actions[AVSIM_MAX_CPUS] = {0};
    bool step = op == 's' || op == 'S';
    for (unsigned i = 0; i < g->m->ncpus; i++)
        if (!step) actions[i] = 'c';
    if (step) actions[target] = 's';
    return resume(g, actions);
}

/* vCont;ACTION[:TID]...: the leftmost action that names a thread applies to it. */
static int vcont(gdb_t *g, const char *p)
{
    char actions[AVSIM_MAX_CPUS] = {0};
    while (*p == ';') {
        p++;
        char op = *p++;
        uint64_t sig;
        if ((op == 'C' || op == 'S') && !gdb_parse_hex(&p, &sig)) op = 0;
        if (op != 'c' && op != 'C' && op != 's' && op != 'S') {
            gdb_out(g, op == 't' || op == 'r' ? E_INVAL : E_BAD);
            return -1;
        }
        char a = op == 'C' ? 'c' : op == 'S' ? 's' : op;
        long tid = TID_ALL;
        if (*p == ':' && (p++, !parse_tid(&p, &tid))) {
            gdb_out(g, E_BAD);
            return -1;
        }
        int c = tid_cpu(g, tid);
        if (tid > 0 && c < 0) {
            gdb_out(g, E_INVAL);
            return -1;
        }
        for (unsigned i = 0; i < g->m->ncpus; i++)
            if (!actions[i] && (tid <= 0 || (int)i == c)) actions[i] = a;
    }
    if (*p) {
        gdb_out(g, E_BAD);
        return -1;
    }
    return resume(g, actions);
}

static int detach(gdb_t *g)
{
    gdb_out(g, "OK");
    gdb_send_reply(g);
    gdb_close_client(g); /* breakpoints and watchpoints go */
    g->step_cpu = -1;
    return SERVE_RESUME;
}

int gdb_handle_packet(gdb_t *g)
{
    const char *p = g->pkt;
    int ret = -1;
    g->out_len = 0;
    g->out_error = false;
    if (!strcmp(p, "QStartNoAckMode")) {
        gdb_out(g, "OK");
        gdb_send_reply(g); /* still acknowledged; nothing after it */
        g->noack = true;
        return -1;
    }
    switch (p[0]) {
    case '?': gdb_stop_reply(g); break;
    case 'q':
    case 'Q': query(g, p); break;
    case 'H': set_thread(g, p + 1); break;
    case 'T': thread_alive(g, p + 1); break;
    case 'g':
        if (p[1])
            gdb_out(g, E_BAD);
        else
            read_all_regs(g);
        break;
    case 'G': write_all_regs(g, p + 1); break;
    case 'p': read_reg(g, p + 1); break;
    case 'P': write_reg(g, p + 1); break;
    case 'm': read_memory(g, p + 1); break;
    case 'M': write_memory(g, p + 1, g->pkt_len - 1, false); break;
    case 'X': write_memory(g, p + 1, g->pkt_len - 1, true); break;
    case 'Z':
    case 'z': points(g, p, p[0] == 'Z'); break;
    case 'c':
    case 'C':
    case 's':
    case 'S': ret = resume_legacy(g, p); break;
    case 'v':
        if (!strcmp(p, "vCont?"))
            gdb_out(g, "vCont;c;C;s;S");
        else if (!strncmp(p, "vCont;", 6))
            ret = vcont(g, p + 5);
        else if (!strncmp(p, "vKill", 5)) {
            gdb_out(g, "OK");
            gdb_send_reply(g);
            return SERVE_KILL;
        }
        break;
    case 'D': return detach(g);
    case 'k': return SERVE_KILL;
    default: break; /* unsupported: empty reply */
    }
    if (ret >= 0) return ret;
    gdb_send_reply(g);
    return -1;
}
