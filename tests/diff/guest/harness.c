/*
 * Guest side of the differential tester: runs every case of the blob that
 * diffgen wrote (diff_layout.h) and prints one line per case on the UART:
 *
 *   H ID HASH      hash of x0-x30, SP, NZCV, FPCR, FPSR, V0-V31, the
 *                  exceptions and the data buffer
 *   F ID x0 .. x30 SP NZCV FPCR FPSR V0 .. V31 E<count> [ESR:OFFSET:FAR ...]
 *        M<data buffer hex>       (V registers as 32 hex digits, bit 127 first)
 *
 * then "END N". Each case runs header.runs times from its initial state
 * (later runs execute code the simulator has already decoded); the hash
 * covers every run, the full line shows the last. Synchronous exceptions
 * taken by a case are recorded (ESR, offset of ELR in the case's code, FAR
 * for data aborts) and the faulting instruction is skipped. An exception
 * outside the case's code ends the run.
 */
#include "diff_layout.h"
#include "guest.h"

extern const uint8_t diff_blob[];
void diff_run_case(const uint64_t in[32], const uint64_t fp[66]);

static struct {
    uint32_t count;
    uint32_t esr[DIFF_MAX_EXC], offset[DIFF_MAX_EXC];
    uint64_t far[DIFF_MAX_EXC];
    uint64_t hash;
} exc;
static uintptr_t code_start, code_end;

static void on_sync(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr);
    uint64_t far = (ec == EC_DABT_CURRENT || ec == EC_DABT_LOWER) ? f->far : 0;
    uint32_t offset = (uint32_t)(f->elr - code_start);

    if (f->elr < code_start || f->elr >= code_end) {
        printf("diff harness: exception outside the case's code\n");
        exc_print(f);
        exit(1);
    }
    exc.hash = diff_hash(diff_hash(diff_hash(exc.hash, f->esr), offset), far);
    if (exc.count < DIFF_MAX_EXC) {
        exc.esr[exc.count] = (uint32_t)f->esr;
        exc.offset[exc.count] = offset;
        exc.far[exc.count] = far;
    }
    exc.count++;
    exc_skip_instruction(f);
}

static char *put_hex(char *p, uint64_t v, unsigned digits)
{
    for (unsigned i = digits; i-- > 0;)
        *p++ = "0123456789abcdef"[(v >> (4 * i)) & 15];
    return p;
}

static char *put_dec(char *p, uint32_t v)
{
    char tmp[10];
    unsigned n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

static void write_line(const char *line, const char *end)
{
    while (line < end)
        uart_write_byte((uint8_t)*line++);
    uart_write_byte('\n');
}

static void fill_data(const struct diff_case *c)
{
    volatile uint64_t *data = (volatile uint64_t *)DIFF_DATA;

    if (c->mem_off) {
        const uint64_t *image = (const uint64_t *)(diff_blob + c->mem_off);
        for (unsigned i = 0; i < DIFF_DATA_SIZE / 8; i++)
            data[i] = image[i];
    } else {
        uint64_t seed = c->mem_seed ? c->mem_seed : 1;
        for (unsigned i = 0; i < DIFF_DATA_SIZE / 8; i++)
            data[i] = diff_mem_next(&seed);
    }
}

/* Registers after the case as the trampoline saved them: x0-x30, SP, NZCV; FPCR, FPSR; V0-V31. */
#define OUT_WORDS 33
#define OUT_FP    ((const volatile uint64_t *)(DIFF_CTX + CTX_FPCR))
#define OUT_V     ((const volatile uint64_t *)(DIFF_CTX + CTX_V))

/* The hash of a run's outcome: registers, exceptions, data buffer. */
static uint64_t outcome_hash(uint64_t h)
{
    const volatile uint64_t *out = (const volatile uint64_t *)DIFF_CTX;
    const volatile uint64_t *data = (const volatile uint64_t *)DIFF_DATA;

    for (unsigned i = 0; i < OUT_WORDS; i++)
        h = diff_hash(h, out[i]);
    h = diff_hash(diff_hash(h, OUT_FP[0]), OUT_FP[1]);
    for (unsigned i = 0; i < 64; i++)
        h = diff_hash(h, OUT_V[i]);
    h = diff_hash(diff_hash(h, exc.count), exc.hash);
    for (unsigned i = 0; i < DIFF_DATA_SIZE / 8; i++)
        h = diff_hash(h, data[i]);
    return h;
}

/* Prints the case's line: the hash of all runs, or the last run in full. */
static void report(uint32_t id, bool full, uint64_t hash)
{
    static char
        line[64 + OUT_WORDS * 17 + 2 * 9 + 32 * 33 + DIFF_MAX_EXC * 36 + DIFF_DATA_SIZE * 2];
    const volatile uint64_t *out = (const volatile uint64_t *)DIFF_CTX;
    const volatile uint64_t *data = (const volatile uint64_t *)DIFF_DATA;
    char *p = line;

    if (!full) {
        *p++ = 'H';
        *p++ = ' ';
        p = put_dec(p, id);
        *p++ = ' ';
        p = put_hex(p, hash, 16);
        write_line(line, p);
        return;
    }
    *p++ = 'F';
    *p++ = ' ';
    p = put_dec(p, id);
    for (unsigned i = 0; i < OUT_WORDS; i++) {
        *p++ = ' ';
        p = put_hex(p, out[i], 16);
    }
    for (unsigned i = 0; i < 2; i++) {
        *p++ = ' ';
        p = put_hex(p, OUT_FP[i], 8);
    }
    for (unsigned i = 0; i < 32; i++) {
        *p++ = ' ';
        p = put_hex(p, OUT_V[2 * i + 1], 16);
        p = put_hex(p, OUT_V[2 * i], 16);
    }
    *p++ = ' ';
    *p++ = 'E';
    p = put_dec(p, exc.count);
    for (unsigned i = 0; i < exc.count && i < DIFF_MAX_EXC; i++) {
        *p++ = ' ';
        p = put_hex(p, exc.esr[i], 8);
        *p++ = ':';
        p = put_hex(p, exc.offset[i], 8);
        *p++ = ':';
        p = put_hex(p, exc.far[i], 16);
    }
    *p++ = ' ';
    *p++ = 'M';
    for (unsigned i = 0; i < DIFF_DATA_SIZE / 8; i++) {
        uint64_t v = data[i];
        for (unsigned b = 0; b < 8; b++) /* bytes in memory order */
            p = put_hex(p, (v >> (8 * b)) & 0xff, 2);
    }
    write_line(line, p);
}

static void run_case(const struct diff_case *c, unsigned runs, bool full)
{
    const struct diff_state *s = (const struct diff_state *)(diff_blob + c->state_off);
    static uint64_t fp[66] __attribute__((aligned(16))); /* LDP Q needs alignment */
    uint64_t in[32], hash = DIFF_HASH_INIT;

    for (unsigned i = 0; i < 32; i++) {
        fp[2 * i] = s->v[i][0];
        fp[2 * i + 1] = s->v[i][1];
    }
    fp[FPIN_FPCR / 8] = s->fpcr;
    fp[FPIN_FPSR / 8] = s->fpsr;

    code_start = (uintptr_t)(diff_blob + c->code_off);
    code_end = code_start + c->code_bytes;
    for (unsigned run = 0; run < runs; run++) {
        fill_data(c);
        for (unsigned i = 0; i < 30; i++)
            in[i] = s->x[i];
        in[30] = code_start;
        in[31] = s->nzcv;
        exc.count = 0;
        exc.hash = DIFF_HASH_INIT;
        diff_run_case(in, fp);
        hash = outcome_hash(hash);
    }
    report(c->id, full, hash);
}

int main(void)
{
    const struct diff_header *h = (const struct diff_header *)diff_blob;

    if (h->magic != DIFF_MAGIC || h->version != DIFF_VERSION) {
        printf("diff harness: the blob has a bad magic number or version\n");
        return 1;
    }
    set_sync_handler(on_sync);
    const struct diff_case *table = (const struct diff_case *)(diff_blob + h->table_off);
    for (uint32_t i = 0; i < h->ncases; i++)
        run_case(&table[i], h->runs ? h->runs : 1, h->flags & DIFF_FLAG_FULL);
    printf("END %u\n", h->ncases);
    return 0;
}
