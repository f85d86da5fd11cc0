/* The GDB stub's state, shared by its files (gdb/). */
#ifndef AVSIM_GDB_INTERNAL_H
#define AVSIM_GDB_INTERNAL_H

#include "gdb/gdb.h"
#include "machine/machine.h"

/* Largest packet payload accepted and sent (qSupported PacketSize, in hex). */
#define GDB_PACKET_MAX 0x4000
/* Raw bytes buffered from the client. */
#define GDB_RX_MAX    (2 * GDB_PACKET_MAX + 64)
#define GDB_MAX_BREAK 256
#define GDB_MAX_WATCH 64

/* Registers of the target description (gdb/target_xml.c): x0-x30, sp, pc, cpsr; v0-v31, fpsr,
 * fpcr; then the system registers. */
enum {
    GDB_REG_SP = 31,
    GDB_REG_PC = 32,
    GDB_REG_CPSR = 33,
    GDB_REG_V0 = 34,
    GDB_REG_FPSR = 66,
    GDB_REG_FPCR = 67,
    GDB_REG_SYSREG0 = 68,
};

/* Watchpoint kinds, as the Z packet numbers them. */
enum { GDB_WP_WRITE = 2, GDB_WP_READ = 3, GDB_WP_ACCESS = 4 };

/* Signals of stop replies (GDB's numbering). */
enum { GDB_SIGINT = 2, GDB_SIGTRAP = 5 };

/* Outcome of serving the client while stopped. */
typedef enum { SERVE_RESUME, SERVE_KILL } serve_t;

struct gdb {
    int listen_fd, fd;    /* fd: the client's connection, or -1 */
    unsigned connections; /* clients taken so far */
    machine_t *m;

    /* Input: raw bytes, the packet being assembled, and the last packet sent (for a NAK). */
    uint8_t rx[GDB_RX_MAX];
    size_t rx_len;
    char pkt[GDB_PACKET_MAX + 1];
    size_t pkt_len;
    char *last_sent;
    size_t last_sent_len;
    bool noack;        /* QStartNoAckMode */
    bool multiprocess; /* thread ids as pPID.TID */

    /* Reply being built. */
    char out[2 * GDB_PACKET_MAX + 64];
    size_t out_len;
    bool out_error; /* the reply did not fit */

    unsigned g_cpu, c_cpu; /* threads of Hg (registers, memory, monitor) and Hc */
    bool c_all;            /* Hc-1 / Hc0: every CPU */

    /* The last stop: which CPU, why. */
    unsigned stop_cpu;
    int stop_signal;
    int watch_kind; /* 0 or GDB_WP_* */
    uint64_t watch_addr;
    bool client_waits;   /* the client resumed and waits for a stop reply */
    uint64_t stopped_ns; /* host time the machine stopped (host-clock guest time pauses) */

    /* Single step: the CPU (-1: none) and its starting point. */
    int step_cpu;
    uint64_t step_retired, step_pc;

    uint64_t bp[GDB_MAX_BREAK];
    unsigned nbp;
    struct {
        uint64_t addr, len;
        int kind;
    } wp[GDB_MAX_WATCH];
    unsigned nwp;

    /* Target description (target_xml.c), built at the first attach. */
    char *xml;
    size_t xml_len;
    uint16_t *sysregs; /* sysreg_id_t of register GDB_REG_SYSREG0 + i */
    unsigned nsysregs;
};

/* ---- stub.c: connection and packets ---- */
void gdb_send_packet(gdb_t *g, const char *data, size_t len);
/* Sends the reply built in g->out (E01 if it overflowed). */
void gdb_send_reply(gdb_t *g);
void gdb_close_client(gdb_t *g);
/* Appends to the reply. */
void gdb_out(gdb_t *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gdb_out_hex(gdb_t *g, const void *data, size_t len);
/* Hex digits of a 0-15 value, and the value of a digit (-1 if not one). */
int gdb_hexval(int c);
/* Parses hex digits at *p (at most 16): the value, advancing *p; false without any digit. */
bool gdb_parse_hex(const char **p, uint64_t *val);
/* Decodes 2 * len hex digits into out; false if malformed. */
bool gdb_decode_hex(const char *p, size_t digits, uint8_t *out);

/* ---- commands.c ---- */
/* Handles the packet in g->pkt; returns SERVE_RESUME or SERVE_KILL when it ends the stop, or -1
 * to keep serving. */
int gdb_handle_packet(gdb_t *g);
/* The stop reply for the last stop. */
void gdb_stop_reply(gdb_t *g);
/* Sets each CPU's gdb_flags from the breakpoints and watchpoints (steps and freezes apart). */
void gdb_update_flags(gdb_t *g);
void gdb_clear_points(gdb_t *g);

/* ---- target_xml.c ---- */
void gdb_build_target_xml(gdb_t *g);
/* Register n of cpu as little-endian bytes; returns its size, 0 if no such register. */
unsigned gdb_read_reg(gdb_t *g, cpu_t *cpu, unsigned n, uint8_t out[16]);
/* Writes register n from size bytes; false if it cannot be written so. */
bool gdb_write_reg(gdb_t *g, cpu_t *cpu, unsigned n, const uint8_t *in, unsigned size);

/* ---- memory.c ---- */
/* Reads or writes guest memory at va through cpu's translation (no permission checks, no TLB
 * fill, no exception). Returns the bytes done: fewer than len from the first one that does not
 * translate or is not backed. */
size_t gdb_access_memory(cpu_t *cpu, uint64_t va, uint8_t *buf, size_t len, bool write);

/* ---- monitor.c ---- */
/* Runs a monitor command; its output is appended to *text (malloc'd). */
void gdb_monitor(gdb_t *g, const char *cmd, char **text, size_t *len);

#endif
