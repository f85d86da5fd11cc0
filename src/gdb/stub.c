/*
 * The connection and packet layer of the GDB stub (GDB manual, "Remote Protocol"): listening,
 * one client at a time, packet framing with checksums and acknowledgements, Ctrl-C, and the
 * life cycle of a debugger stop inside machine_run.
 */
#define _GNU_SOURCE /* accept4 */
#include "gdb/gdb_internal.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "machine/errbuf.h"

/* A client that does not take a reply within this time is dropped. */
#define SEND_TIMEOUT_MS 10000
/* While waiting with nothing to run, the socket is polled this often (host ms). */
#define IDLE_POLL_MS 100

static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- -gdb DEV ---- */

/* Splits tcp:[HOST]:PORT[,server=on][,wait=off] into host and port. */
static int parse_dev(const char *dev, char *host, size_t hostlen, char *port, size_t portlen,
                     errbuf_t *e)
{
    if (strncmp(dev, "tcp:", 4) != 0)
        return fail(e, "-gdb %s: only tcp:[HOST]:PORT is supported (e.g. -gdb tcp::1234)", dev);
    const char *addr = dev + 4, *comma = strchr(addr, ','),
               *end = comma ? comma : addr + strlen(addr);
    const char *colon = NULL;
    for (const char *p = addr; p < end; p++)
        if (*p == ':') colon = p;
    if (!colon) return fail(e, "-gdb %s: expected tcp:[HOST]:PORT", dev);
    size_t hl = (size_t)(colon - addr), pl = (size_t)(end - colon - 1);
    if (hl >= hostlen || pl == 0 || pl >= portlen) return fail(e, "-gdb %s: bad address", dev);
    memcpy(host, addr, hl);
    host[hl] = '\0';
    memcpy(port, colon + 1, pl);
    port[pl] = '\0';
    unsigned long n = 0;
    for (const char *p = port; *p; p++) {
        if (*p < '0' || *p > '9' || (n = n * 10 + (unsigned long)(*p - '0')) > 65535)
            return fail(e, "-gdb %s: invalid port '%s' (1 to 65535)", dev, port);
    }
    if (n == 0) return fail(e, "-gdb %s: invalid port '%s' (1 to 65535)", dev, port);
    /* QEMU's implied server and nowait options may be spelt out. */
    for (const char *p = comma; p && *p;) {
        const char *opt = p + 1, *next = strchr(opt, ',');
        size_t len = next ? (size_t)(next - opt) : strlen(opt);
        static const char *const ok[] = {"server", "server=on", "nowait", "wait=off"};
        bool known = false;
        for (size_t i = 0; i < ARRAY_SIZE(ok); i++)
            known |= strlen(ok[i]) == len && !strncmp(ok[i], opt, len);
        if (!known)
            return fail(e, "-gdb %s: option '%.*s' is not supported (only server=on, wait=off)",
                        dev, (int)len, opt);
        p = next;
    }
    return 0;
}

int gdb_check_dev(const char *dev, char *err, size_t errlen)
{
    errbuf_t e = {err, errlen};
    char host[256], port[8];
    return parse_dev(dev, host, sizeof host, port, sizeof port, &e);
}

gdb_t *gdb_listen(const char *dev, char *err, size_t errlen)
{
    errbuf_t e = {err, errlen};
    char host[256], port[8];
    if (parse_dev(dev, host, sizeof host, port, sizeof port, &e)) return NULL;
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE},
                    *res;
    int rc = getaddrinfo(*host ? host : NULL, port, &hints, &res);
    if (rc) {
        fail(&e, "-gdb %s: %s", dev, gai_strerror(rc));
        return NULL;
    }
    int fd = -1, saved = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 8) == 0) break;
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fail(&e, "-gdb %s: cannot listen: %s", dev, strerror(saved));
        return NULL;
    }
    gdb_t *g = calloc(1, sizeof *g);
    if (!g) {
        close(fd);
        fail(&e, "out of memory");
        return NULL;
    }
    g->listen_fd = fd;
    g->fd = -1;
    g->step_cpu = -1;
    return g;
}

void gdb_free(gdb_t *g)
{
    if (!g) return;
    if (g->fd >= 0) close(g->fd);
    close(g->listen_fd);
    free(g->last_sent);
    free(g->xml);
    free(g->sysregs);
    free(g);
}

/* ---- Connection ---- */

static void new_client(gdb_t *g, int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    g->fd = fd;
    g->connections++;
    g->rx_len = 0;
    g->pkt_len = 0;
    g->noack = false;
    g->multiprocess = false;
    g->client_waits = false;
    g->g_cpu = g->c_cpu = g->stop_cpu;
    g->c_all = true;
}

/* Takes a pending connection, if any, when there is no client (others wait in the backlog
 * meanwhile, as with QEMU). True on a new client. */
static bool accept_client(gdb_t *g)
{
    int fd = accept4(g->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) return false;
    /* A blocking connection: reads wait in poll, sends give up after SEND_TIMEOUT_MS. */
    struct timeval tv = {SEND_TIMEOUT_MS / 1000, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    new_client(g, fd);
    return true;
}

/* A client that leaves takes its breakpoints and watchpoints with it. */
void gdb_close_client(gdb_t *g)
{
    if (g->fd < 0) return;
    close(g->fd);
    g->fd = -1;
    g->client_waits = false;
    gdb_clear_points(g);
}

/* Waits up to timeout_ms (-1: forever) for input from the client and reads it. Returns false
 * when the client has gone (the connection is then closed). */
static bool rx_fill(gdb_t *g, int timeout_ms)
{
    struct pollfd p = {g->fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return true;
    if (g->rx_len == sizeof g->rx) g->rx_len = 0; /* a flood outside any packet: dropped */
    ssize_t r = recv(g->fd, g->rx + g->rx_len, sizeof g->rx - g->rx_len, MSG_DONTWAIT);
    if (r > 0) {
        g->rx_len += (size_t)r;
    } else if (r == 0 || (errno != EAGAIN && errno != EINTR && errno != EWOULDBLOCK)) {
        gdb_close_client(g);
        return false;
    }
    return true;
}

static void send_raw(gdb_t *g, const void *data, size_t len)
{
    const char *p = data;
    while (len && g->fd >= 0) {
        ssize_t n = send(g->fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { /* gone, or not reading for SEND_TIMEOUT_MS */
            gdb_close_client(g);
            return;
        }
        p += n;
        len -= (size_t)n;
    }
}

void gdb_send_packet(gdb_t *g, const char *data, size_t len)
{
    if (g->fd < 0) return;
    char *buf = malloc(2 * len + 5); /* "$", data (escaped: at most doubled), "#xx", NUL */
    if (!buf) return;
    size_t n = 0;
    uint8_t sum = 0;
    buf[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (c == '$' || c == '#' || c == '}' || c == '*') { /* escaped, as binary data */
            buf[n++] = '}';
            sum += '}';
            c ^= 0x20;
        }
        buf[n++] = c;
        sum += (uint8_t)c;
    }
    n += (size_t)sprintf(buf + n, "#%02x", sum);
    free(g->last_sent);
    g->last_sent = buf;
    g->last_sent_len = n;
    send_raw(g, buf, n);
}

void gdb_out(gdb_t *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = sizeof g->out - g->out_len;
    int n = vsnprintf(g->out + g->out_len, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room || g->out_len + (size_t)n > GDB_PACKET_MAX)
        g->out_error = true;
    else
        g->out_len += (size_t)n;
}

void gdb_out_hex(gdb_t *g, const void *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    const uint8_t *b = data;
    if (g->out_len + 2 * len > GDB_PACKET_MAX) {
        g->out_error = true;
        return;
    }
    for (size_t i = 0; i < len; i++) {
        g->out[g->out_len++] = digits[b[i] >> 4];
        g->out[g->out_len++] = digits[b[i] & 15];
    }
}

void gdb_send_reply(gdb_t *g)
{
    if (g->out_error)
        gdb_send_packet(g, "E01", 3);
    else
        gdb_send_packet(g, g->out, g->out_len);
    g->out_len = 0;
    g->out_error = false;
}

int gdb_hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool gdb_parse_hex(const char **p, uint64_t *val)
{
    uint64_t v = 0;
    const char *s = *p;
    int d, n = 0;
    while ((d = gdb_hexval((unsigned char)*s)) >= 0) {
        if (++n > 16) return false;
        v = v << 4 | (uint64_t)d;
        s++;
    }
    if (!n) return false;
    *p = s;
    *val = v;
    return true;
}

bool gdb_decode_hex(const char *p, size_t digits, uint8_t *out)
{
    if (digits & 1) return false;
    for (size_t i = 0; i < digits; i += 2) {
        int hi = gdb_hexval((unsigned char)p[i]), lo = gdb_hexval((unsigned char)p[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* ---- Framing: "$data#cs", acknowledged with '+' (or '-' to resend) until QStartNoAckMode;
 * 0x03 outside a packet is an interrupt. ---- */

typedef enum { RX_NONE, RX_PACKET, RX_INTR } rx_t;

/* Takes the next event from the buffered input. A packet lands in g->pkt (raw: escapes kept;
 * NUL-terminated, though X packets' binary data may hold NULs too: g->pkt_len counts all); one
 * longer than GDB_PACKET_MAX is answered E01 and dropped. */
static rx_t rx_next(gdb_t *g)
{
    size_t i = 0;
    rx_t result = RX_NONE;
    while (i < g->rx_len && result == RX_NONE) {
        uint8_t c = g->rx[i];
        if (c == 0x03) {
            i++;
            result = RX_INTR;
        } else if (c == '-' && !g->noack && g->last_sent) {
            i++;
            send_raw(g, g->last_sent, g->last_sent_len);
        } else if (c != '$') {
            i++; /* '+', or noise between packets */
        } else {
            uint8_t *hash = memchr(g->rx + i, '#', g->rx_len - i);
            if (!hash || (size_t)(hash - g->rx) + 3 > g->rx_len) {
                /* Incomplete: keep it, unless it can never fit. */
                if (i == 0 && g->rx_len == sizeof g->rx) {
                    g->rx_len = 0;
                    if (!g->noack) send_raw(g, "+", 1);
                    gdb_send_packet(g, "E01", 3);
                    return RX_NONE;
                }
                break;
            }
            size_t start = i + 1, len = (size_t)(hash - g->rx) - start;
            uint8_t sum = 0;
            for (size_t k = 0; k < len; k++)
                sum += g->rx[start + k];
            int hi = gdb_hexval(hash[1]), lo = gdb_hexval(hash[2]);
            i = (size_t)(hash - g->rx) + 3;
            if (!g->noack && (hi < 0 || lo < 0 || (unsigned)(hi << 4 | lo) != sum)) {
                send_raw(g, "-", 1);
                continue;
            }
            if (!g->noack) send_raw(g, "+", 1);
            if (len > GDB_PACKET_MAX) {
                gdb_send_packet(g, "E01", 3);
                continue;
            }
            memcpy(g->pkt, g->rx + start, len);
            g->pkt[len] = '\0';
            g->pkt_len = len;
            result = RX_PACKET;
        }
    }
    memmove(g->rx, g->rx + i, g->rx_len - i);
    g->rx_len -= i;
    return result;
}

/* ---- Stops ---- */

static void request_debug_stop(machine_t *m)
{
    machine_request_stop(m, CPU_STOP_DEBUG, 0);
}

/* The CPU stops before the instruction at cpu->pc, which does not execute. */
static void cpu_stops(cpu_t *cpu, int signal, int watch_kind, uint64_t watch_addr)
{
    machine_t *m = cpu->machine;
    gdb_t *g = m->gdb;
    if (!(m->stop && m->stop_reason == CPU_STOP_DEBUG)) { /* the first CPU to stop is reported */
        g->stop_cpu = cpu->index;
        g->stop_signal = signal;
        g->watch_kind = watch_kind;
        g->watch_addr = watch_addr;
    }
    cpu->next_pc = cpu->pc;
    request_debug_stop(m);
}

static uint64_t retired(const cpu_t *cpu)
{
    return cpu->icount + cpu_slice_retired(cpu);
}

bool gdb_before_insn(cpu_t *cpu)
{
    uint32_t f = cpu->gdb_flags;
    gdb_t *g = cpu->machine->gdb;
    if (f & GDB_STEP) {
        /* Done once an instruction retired, or an exception moved the PC without one (a fetch
         * abort): the stop is before the next instruction. */
        if (retired(cpu) != g->step_retired || cpu->pc != g->step_pc) {
            cpu_stops(cpu, GDB_SIGTRAP, 0, 0);
            return true;
        }
        return false; /* the stepped instruction itself: no breakpoint check */
    }
    if (f & GDB_BREAK)
        for (unsigned i = 0; i < g->nbp; i++)
            if (g->bp[i] == cpu->pc) {
                cpu_stops(cpu, GDB_SIGTRAP, 0, 0);
                return true;
            }
    return false;
}

bool gdb_watch_hit(cpu_t *cpu, uint64_t va, unsigned size, bool write)
{
    gdb_t *g = cpu->machine->gdb;
    if (!(cpu->gdb_flags & GDB_WATCH)) return false;
    for (unsigned i = 0; i < g->nwp; i++) {
        uint64_t a = g->wp[i].addr, len = g->wp[i].len;
        int kind = g->wp[i].kind;
        if (kind == GDB_WP_WRITE && !write) continue;
        if (kind == GDB_WP_READ && write) continue;
        if (va + size - 1 < a || va > a + len - 1) continue;
        cpu_stops(cpu, GDB_SIGTRAP, kind, va > a ? va : a);
        /* The instruction does not retire: it runs again on resume. Its count is taken back
         * from the one the run loop adds after it. */
        cpu_break_loop(cpu);
        cpu->budget_start--;
        return true;
    }
    return false;
}

/* ---- machine_run hooks ---- */

void gdb_attach(gdb_t *g, machine_t *m, bool stopped)
{
    g->m = m;
    m->gdb = g;
    if (!g->xml) gdb_build_target_xml(g);
    if (g->stop_cpu >= m->ncpus) g->stop_cpu = 0;
    if (g->g_cpu >= m->ncpus) g->g_cpu = 0;
    if (g->c_cpu >= m->ncpus) g->c_cpu = 0;
    gdb_update_flags(g);
    if (stopped) {
        g->stop_cpu = 0;
        g->stop_signal = GDB_SIGTRAP;
        g->watch_kind = 0;
        request_debug_stop(m);
    }
}

void gdb_poll(machine_t *m)
{
    gdb_t *g = m->gdb;
    unsigned connections = g->connections;
    if (g->fd >= 0)
        rx_fill(g, 0);
    else
        accept_client(g);
    if (g->connections != connections) {
        /* A debugger that connects stops the machine (as QEMU does). */
        g->stop_cpu = 0;
        g->stop_signal = GDB_SIGTRAP;
        g->watch_kind = 0;
        request_debug_stop(m);
        return;
    }
    rx_t r;
    while (g->fd >= 0 && (r = rx_next(g)) != RX_NONE) {
        if (r == RX_INTR) {
            g->stop_cpu = 0;
            for (unsigned i = 0; i < m->ncpus; i++) /* the first running CPU reports it */
                if (m->cpus[i]->state == PE_RUNNING) {
                    g->stop_cpu = i;
                    break;
                }
            g->stop_signal = GDB_SIGINT;
            g->watch_kind = 0;
            request_debug_stop(m);
            return;
        }
        /* In all-stop mode a running target takes nothing but Ctrl-C. */
        gdb_send_packet(g, "E01", 3);
    }
}

bool gdb_idle(machine_t *m)
{
    gdb_t *g = m->gdb;
    while (!m->stop) {
        struct pollfd p = {g->fd >= 0 ? g->fd : g->listen_fd, POLLIN, 0};
        poll(&p, 1, IDLE_POLL_MS);
        gdb_poll(m);
    }
    return true;
}

/* Serves the client while the machine is stopped; without one, waits for one. */
static serve_t serve(gdb_t *g)
{
    for (;;) {
        if (g->fd < 0) {
            struct pollfd p = {g->listen_fd, POLLIN, 0};
            if (poll(&p, 1, -1) < 0 && errno != EINTR) return SERVE_KILL;
            accept_client(g);
            continue;
        }
        rx_t r = rx_next(g);
        if (r == RX_NONE) {
            rx_fill(g, -1);
            continue;
        }
        if (r == RX_INTR) continue; /* already stopped */
        int s = gdb_handle_packet(g);
        if (s >= 0) return (serve_t)s;
    }
}

/* The program ended: W with its status (a reset rebuilds the machine: nothing to say). */
static void report_exit(gdb_t *g, machine_t *m)
{
    if (m->stop_reason != CPU_STOP_RESET && g->fd >= 0) {
        char w[8];
        snprintf(w, sizeof w, "W%02x", (unsigned)m->exit_status & 0xFF);
        gdb_send_packet(g, w, strlen(w));
    }
}

/* Host-clock guest time stands still while stopped, as QEMU's virtual clock does. */
static void restart_clock(gdb_t *g, machine_t *m)
{
    if (m->time.host_clock) m->time.host_origin_ns += host_ns() - g->stopped_ns;
    m->stop = false;
    m->stop_reason = CPU_RUNNING;
}

bool gdb_stopped(machine_t *m)
{
    gdb_t *g = m->gdb;
    if (m->stop_reason != CPU_STOP_DEBUG) {
        report_exit(g, m);
        return false;
    }
    for (;;) {
        g->stopped_ns = host_ns();
        for (unsigned i = 0; i < m->ncpus; i++)
            m->cpus[i]->gdb_flags &= ~(uint32_t)GDB_STEP;
        g->g_cpu = g->stop_cpu;
        if (g->client_waits) {
            g->client_waits = false;
            gdb_stop_reply(g);
            gdb_send_reply(g);
        }
        g->step_cpu = -1;
        if (serve(g) == SERVE_KILL) {
            m->stop_reason = CPU_STOP_POWER_OFF;
            m->exit_status = 0;
            return false;
        }
        cpu_t *c = g->step_cpu >= 0 ? m->cpus[g->step_cpu] : NULL;
        restart_clock(g, m);
        if (!c || c->state != PE_RUNNING)
            return true; /* the machine runs (a waiting CPU's step
                             ends once it has woken) */
        /* The step, alone: one instruction (or the exception taken instead), in no guest time. */
        cpu_run(c, 1);
        if (m->stop && m->stop_reason != CPU_STOP_DEBUG) { /* e.g. a step over PSCI SYSTEM_OFF */
            report_exit(g, m);
            return false;
        }
        if (!m->stop) { /* the instruction retired, or left the CPU waiting or off */
            g->stop_cpu = c->index;
            g->stop_signal = GDB_SIGTRAP;
            g->watch_kind = 0;
            request_debug_stop(m);
        }
    }
}
