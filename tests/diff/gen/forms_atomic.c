/*
 * Class "excl": load/store exclusive (single and pair) and acquire/release
 * (LDAR, STLR, LDAPR), from the A64 "Loads and Stores" encodings. A store-exclusive is only
 * generated right after its load-exclusive to the same address and size (it must succeed) or right
 * after CLREX (it must fail): other cases are IMPLEMENTATION DEFINED or CONSTRAINED UNPREDICTABLE.
 *
 * Class "atomic": FEAT_LSE, the LD<op> family, SWP, CAS and CASP with every
 * ordering, half the compare-and-swaps after a load of the current memory
 * value so that they succeed.
 *
 * Addresses are aligned for the access size and in the data buffer;
 * about one in ten uses SP (= DIFF_DATA) as the base.
 */
#include <stdio.h>

#include "forms.h"

static const char *const size_suffix[] = {"B", "H", " W", " X"};
static const char *const order_suffix[] = {"", "A", "L", "AL"};

/* The base register (31 = SP) set to addr, which must be DIFF_DATA for SP. */
static unsigned setup_base(struct builder *b, unsigned *rn_out, uint64_t *addr, unsigned bytes,
                           uint32_t avoid)
{
    bool sp_base = pick_sp_base(b);

    *addr = sp_base ? DIFF_DATA : pick_data_addr(b, bytes, bytes, DIFF_DATA_SIZE);
    *rn_out = sp_base ? XZR : pick_reg_except(b, avoid);
    return *rn_out;
}

/*
 * setup_base for LSE atomics. Unaligned (class "align"), the access stays
 * within 16 bytes: QEMU 10 reports the Alignment fault of one crossing a
 * 16-byte boundary with ESR.WnR = 1 (forms_align.c), so a 16-byte CASP stays
 * aligned.
 */
static unsigned setup_atomic_base(struct builder *b, unsigned *rn_out, uint64_t *addr,
                                  unsigned bytes)
{
    bool misalign = b->misalign;

    if (bytes >= 16) b->misalign = false;
    setup_base(b, rn_out, addr, bytes, 0);
    while (b->misalign && (*addr & 15) + bytes > 16)
        *addr = pick_data_addr(b, bytes, bytes, DIFF_DATA_SIZE);
    b->misalign = misalign;
    return *rn_out;
}

static void set_base(struct builder *b, unsigned rn, uint64_t addr)
{
    if (rn != XZR) emit_mov_imm(b, rn, addr);
}

/* arg: size (pairs: 2 = W, 3 = X), pair, after CLREX. */
static void exclusive(struct builder *b, const struct form *f)
{
    uint32_t size = f->arg[0], is_pair = f->arg[1], after_clrex = f->arg[2];
    uint32_t acquire = rng_below(&b->rng, 2), release = rng_below(&b->rng, 2);
    unsigned bytes = is_pair ? 2u << size : 1u << size, rn;
    uint64_t addr;
    char name[48];

    setup_base(b, &rn, &addr, bytes, 0);
    uint32_t base_mask = rn == XZR ? 0 : 1u << rn;
    begin_group(b);
    set_base(b, rn, addr);
    if (after_clrex) {
        emit_setup(b, 0xd503305f);
    } else {
        unsigned rt = pick_reg_except(b, base_mask), rt2 = pick_reg_except(b, base_mask | 1u << rt);
        if (is_pair) {
            snprintf(name, sizeof(name), "LD%sXP%s", acquire ? "A" : "", size_suffix[size]);
            emit_test(b, "excl", name,
                      0x887f0000u | (size & 1) << 30 | acquire << 15 | rt2 << 10 | rn << 5 | rt);
        } else {
            snprintf(name, sizeof(name), "LD%sXR%s", acquire ? "A" : "", size_suffix[size]);
            emit_test(b, "excl", name, 0x085f7c00u | size << 30 | acquire << 15 | rn << 5 | rt);
        }
    }
    /* Store: the status register differs from the data and base registers. */
    unsigned rt = pick_src(b, true), rt2 = is_pair ? pick_src(b, true) : XZR;
    uint32_t used = base_mask | (rt < 31 ? 1u << rt : 0) | (rt2 < 31 ? 1u << rt2 : 0);
    unsigned rs = rng_percent(&b->rng, 5) ? XZR : pick_reg_except(b, used);
    const char *tail = after_clrex ? " (monitor clear)" : "";
    if (after_clrex) b->exclusive_after_clrex = true;
    if (is_pair) {
        snprintf(name, sizeof(name), "ST%sXP%s%s", release ? "L" : "", size_suffix[size], tail);
        emit_test(b, "excl", name,
                  0x88200000u | (size & 1) << 30 | rs << 16 | release << 15 | rt2 << 10 | rn << 5 |
                      rt);
    } else {
        snprintf(name, sizeof(name), "ST%sXR%s%s", release ? "L" : "", size_suffix[size], tail);
        emit_test(b, "excl", name,
                  0x08007c00u | size << 30 | rs << 16 | release << 15 | rn << 5 | rt);
    }
}

/* A load-exclusive left open: the next store-exclusive re-arms or clears first. */
static void load_exclusive_alone(struct builder *b, const struct form *f)
{
    uint32_t size = rng_below(&b->rng, 4), acquire = rng_below(&b->rng, 2);
    unsigned rn;
    uint64_t addr;
    char name[48];

    setup_base(b, &rn, &addr, 1u << size, 0);
    snprintf(name, sizeof(name), "LD%sXR%s%s", acquire ? "A" : "", size_suffix[size], f->name);
    begin_group(b);
    set_base(b, rn, addr);
    emit_test(b, "excl", name,
              0x085f7c00u | size << 30 | acquire << 15 | rn << 5 | pick_dst(b, true));
}

/* arg: base word (LDAR, STLR, LDAPR), is a load. */
static void acquire_release(struct builder *b, const struct form *f)
{
    uint32_t size = rng_below(&b->rng, 4);
    unsigned rn;
    uint64_t addr;
    char name[48];

    setup_base(b, &rn, &addr, 1u << size, 0);
    snprintf(name, sizeof(name), "%s%s", f->name, size_suffix[size]);
    begin_group(b);
    set_base(b, rn, addr);
    emit_test(b, "excl", name,
              f->arg[0] | size << 30 | rn << 5 |
                  (f->arg[1] ? pick_dst(b, true) : pick_src(b, true)));
}

/* arg: o3:opc (0-7 LD<op>, 8 SWP), size. */
static void lse_op(struct builder *b, const struct form *f)
{
    uint32_t op = f->arg[0], size = f->arg[1], order = rng_below(&b->rng, 4);
    unsigned rn;
    uint64_t addr;
    char name[48];

    setup_atomic_base(b, &rn, &addr, 1u << size);
    snprintf(name, sizeof(name), "%s%s%s", f->name, order_suffix[order], size_suffix[size]);
    begin_group(b);
    set_base(b, rn, addr);
    emit_test(b, "atomic", name,
              0x38200000u | size << 30 | (order & 1) << 23 | (order >> 1) << 22 |
                  pick_src(b, true) << 16 | (op >> 3) << 15 | (op & 7) << 12 | rn << 5 |
                  pick_dst(b, true));
}

/* arg: size (CASP: 2 = W, 3 = X), pair. */
static void cas(struct builder *b, const struct form *f)
{
    uint32_t size = f->arg[0], is_pair = f->arg[1], order = rng_below(&b->rng, 4);
    unsigned bytes = is_pair ? 2u << size : 1u << size, rn, rs, rt;
    uint64_t addr;
    char name[48];

    setup_atomic_base(b, &rn, &addr, bytes);
    if (is_pair) {
        /* Even register pairs (odd is UNDEFINED); Rs and Rs+1 differ from the base. */
        do
            rs = 2 * rng_below(&b->rng, 16);
        while (rn != XZR && (rs == rn || rs + 1 == rn));
        rt = 2 * rng_below(&b->rng, 16);
    } else {
        rs = rng_percent(&b->rng, 5) ? XZR : pick_reg_except(b, rn == XZR ? 0 : 1u << rn);
        rt = pick_src(b, true);
    }
    snprintf(name, sizeof(name), "CAS%s%s%s", is_pair ? "P" : "", order_suffix[order],
             size_suffix[size]);
    begin_group(b);
    set_base(b, rn, addr);
    if (rng_percent(&b->rng, 50)) { /* compare with the current value: the swap happens */
        if (is_pair)
            emit_setup(b, (size == 3 ? 0xa9400000u : 0x29400000u) | (rs + 1) << 10 | rn << 5 | rs);
        else if (rs != XZR)
            emit_setup(b, 0x39400000u | size << 30 | rn << 5 | rs);
    }
    /* L (bit 22) is acquire, o0 (bit 15) release. */
    uint32_t ordering = (order & 1) << 22 | (order >> 1) << 15;
    if (is_pair)
        emit_test(b, "atomic", name,
                  0x08207c00u | (size & 1) << 30 | ordering | rs << 16 | rn << 5 | rt);
    else
        emit_test(b, "atomic", name, 0x08a07c00u | size << 30 | ordering | rs << 16 | rn << 5 | rt);
}

/* CASP with an odd Rs or Rt: UNDEFINED. */
static void casp_odd(struct builder *b, const struct form *f)
{
    uint32_t rs = rng_below(&b->rng, 32), rt = rng_below(&b->rng, 32);
    unsigned rn;
    uint64_t addr;

    if (!((rs | rt) & 1)) rt |= 1;
    setup_base(b, &rn, &addr, 16, 0);
    begin_group(b);
    set_base(b, rn, addr);
    emit_test(b, "atomic", f->name,
              0x08207c00u | rng_below(&b->rng, 2) << 30 | rng_below(&b->rng, 2) << 22 | rs << 16 |
                  rng_below(&b->rng, 2) << 15 | rn << 5 | rt);
}

void forms_atomic_register(void)
{
    for (uint32_t size = 0; size < 4; size++) {
        form_add("excl", "exclusive", exclusive, size, 0, 0);
        form_add("excl", "exclusive (monitor clear)", exclusive, size, 0, 1);
    }
    for (uint32_t size = 2; size < 4; size++) {
        form_add("excl", "exclusive pair", exclusive, size, 1, 0);
        form_add("excl", "exclusive pair (monitor clear)", exclusive, size, 1, 1);
    }
    form_add("excl", " (left open)", load_exclusive_alone, 0, 0, 0);
    form_add("excl", "LDAR", acquire_release, 0x08dffc00, 1, 0);
    form_add("excl", "STLR", acquire_release, 0x089ffc00, 0, 0);
    form_add("excl", "LDAPR", acquire_release, 0x38bfc000, 1, 0);

    static const char *const ops[] = {"LDADD",  "LDCLR",  "LDEOR",  "LDSET", "LDSMAX",
                                      "LDSMIN", "LDUMAX", "LDUMIN", "SWP"};
    for (uint32_t op = 0; op < 9; op++)
        for (uint32_t size = 0; size < 4; size++)
            form_add("atomic", ops[op], lse_op, op, size, 0);
    for (uint32_t size = 0; size < 4; size++)
        form_add("atomic", "CAS", cas, size, 0, 0);
    for (uint32_t size = 2; size < 4; size++)
        form_add("atomic", "CASP", cas, size, 1, 0);
    form_add("atomic", "reserved: CASP odd register", casp_odd, 0, 0, 0);
}
