/*
 * Translation (mmu/translate.c, walk.c, attrs.c, tlbi.c) on a machine with
 * EL2, with tables written straight into RAM: the corners the guest tests do
 * not reach or QEMU does not share: MMU-off attributes and top-byte-ignore,
 * address size faults, TCR_ELx.HPD, stage 2 start levels and concatenation
 * (16 and 64 KiB), inconsistent VTCR_EL2, HCR_EL2.DC, FEAT_XNX, stage 1 +
 * stage 2 attribute combination, invalidation by IPA, and EL0 permissions of
 * the EL1&0 regime (AP, UXN/PXN, WXN, LDTR/STTR) with both VA ranges.
 */
#include "cpu/el2.h"
#include "machine/machine.h"
#include "mmu/tlbi.h"
#include "mmu/translate.h"
#include "unit.h"

#define RAM      0x40000000ull
#define RAM_SIZE (16ull << 20)
#define TABLES   (RAM + 0x100000) /* 64 KiB-aligned table slots */
#define DATA     (RAM + 0x800000)

static machine_t *m;
static cpu_t *cpu;
static unsigned slots;

static uint64_t new_table(void)
{
    uint64_t pa = TABLES + 0x10000ull * slots++;
    memset(bus_ram_ptr(&m->bus, pa, 0x10000), 0, 0x10000);
    return pa;
}

static void put(uint64_t table, unsigned index, uint64_t desc)
{
    memcpy(bus_ram_ptr(&m->bus, table + 8 * index, 8), &desc, 8);
}

static bool xlat(uint64_t va, access_t acc, translation_t *t)
{
    memset(t, 0, sizeof *t);
    return translate_access(cpu, va, acc, XLAT_NORMAL, false, t);
}

static void reset_el2(void)
{
    cpu_reset(cpu, m, 0);
    slots = 0;
}

/* MMU off: data Device-nGnRnE, fetches by SCTLR_ELx.I; TBI ignores the top byte. */
static void test_mmu_off(void)
{
    translation_t t;
    reset_el2();
    CHECK(xlat(DATA, ACCESS_READ, &t));
    CHECK_EQ(t.attr, 0x00);
    CHECK(t.device);
    CHECK(xlat(DATA, ACCESS_FETCH, &t));
    CHECK_EQ(t.attr, 0x44); /* SCTLR_EL2.I = 0 at reset: Non-cacheable */
    cpu->sr[SR_SCTLR_EL2] |= 1ull << 12;
    CHECK(xlat(DATA, ACCESS_FETCH, &t));
    CHECK_EQ(t.attr, 0xAA); /* write-through */
    CHECK(!xlat(0x5A00000000000000ull | DATA, ACCESS_READ, &t));
    CHECK_EQ(t.fsc, 0x00);             /* Address size fault, level 0 */
    cpu->sr[SR_TCR_EL2] |= 1ull << 20; /* TBI */
    CHECK(xlat(0x5A00000000000000ull | DATA, ACCESS_READ, &t));
    CHECK_EQ(t.pa, DATA);
}

/* EL2 regime, 4 KiB, 32-bit VA (start level 1), IPS/PS 32 bits. */
static uint64_t el2_tables(uint64_t tcr_extra)
{
    reset_el2();
    uint64_t l1 = new_table(), l2 = new_table(), l3 = new_table();
    put(l1, 1, l2 | 3 | (1ull << 62)); /* APTable[1]: read-only below */
    put(l2, 0, l3 | 3);
    put(l3, 0, DATA | 3 | (1ull << 10) | (1 << 6)); /* RW page */
    put(l3, 1, 0x100000000ull | 3 | (1ull << 10));  /* output beyond 32 bits */
    cpu->sr[SR_TTBR0_EL2] = l1;
    cpu->sr[SR_TCR_EL2] = 32 | tcr_extra;
    cpu->sr[SR_MAIR_EL2] = 0xFF;
    cpu->sr[SR_SCTLR_EL2] |= 1 | 4; /* M, C */
    return l1;
}

static void test_el2_regime(void)
{
    translation_t t;
    el2_tables(0);
    CHECK(xlat(0x40000000, ACCESS_READ, &t));
    CHECK_EQ(t.pa, DATA);
    CHECK_EQ(t.attr, 0xFF);
    CHECK_EQ(t.sh, SH_NON);
    cpu->sr[SR_SCTLR_EL2] &= ~4ull; /* C = 0: Normal memory Non-cacheable */
    tlb_flush(&cpu->tlb);
    CHECK(xlat(0x40000000, ACCESS_READ, &t));
    CHECK_EQ(t.attr, 0x44);
    CHECK_EQ(t.sh, SH_OUTER);
    CHECK(!xlat(0x40000000, ACCESS_WRITE, &t)); /* APTable */
    CHECK_EQ(t.fsc, 0x0F);
    CHECK(!xlat(0x40001000, ACCESS_READ, &t));
    CHECK_EQ(t.fsc, 0x03);  /* Address size fault, level 3 */
    el2_tables(1ull << 24); /* HPD: APTable ignored */
    CHECK(xlat(0x40000000, ACCESS_WRITE, &t));
    CHECK(!xlat(0x100000000ull, ACCESS_READ, &t));
    CHECK_EQ(t.fsc, 0x04); /* beyond T0SZ: Translation fault, level 0 */
}

/* Stage 2 with granule tg (VTCR_EL2.TG0), sl0 and t0sz, mapping IPA `ipa` to DATA. */
static bool s2_setup(unsigned tg, unsigned sl0, unsigned t0sz, uint64_t ipa, uint64_t leaf_bits)
{
    reset_el2();
    unsigned gran = tg == 1 ? 16 : tg == 2 ? 14 : 12, stride = gran - 3;
    unsigned start = (gran == 12 ? 2 : 3) - sl0;
    uint64_t table = new_table();
    cpu->sr[SR_VTTBR_EL2] = table | (3ull << 48);
    cpu->sr[SR_VTCR_EL2] = t0sz | (sl0 << 6) | ((uint64_t)tg << 14) | (5ull << 16);
    cpu->sr[SR_HCR_EL2] |= HCR_VM;
    cpu->el = 1;
    for (unsigned level = start;; level++) {
        unsigned shift = gran + (3 - level) * stride;
        unsigned bits = level == start ? 64 - t0sz - shift : stride;
        unsigned index = (unsigned)((ipa >> shift) & ((1ull << bits) - 1));
        if (level == 3) {
            put(table, index, DATA | 3 | (0xFull << 2) | (3 << 6) | (1ull << 10) | leaf_bits);
            return true;
        }
        uint64_t next = new_table();
        put(table, index, next | 3);
        table = next;
    }
}

static void test_stage2(void)
{
    translation_t t;
    /* 16 KiB: 40-bit IPA from level 2 with 2^(40-25) entries: 8 concatenated tables. */
    s2_setup(2, 1, 24, 0x100004000ull, 0);
    CHECK(xlat(0x100004008ull, ACCESS_READ, &t)); /* stage 1 off: VA = IPA */
    CHECK_EQ(t.pa, DATA + 8);
    /* 64 KiB: 44-bit IPA from level 2 (15 bits: 4 concatenated tables). */
    s2_setup(1, 1, 20, 0xA12340000ull, 0);
    CHECK(xlat(0xA12340010ull, ACCESS_READ, &t));
    CHECK_EQ(t.pa, DATA + 0x10);
    /* 4 KiB, SL0 = 0 (level 2) with a 40-bit IPA: too many tables, level 0 Translation fault. */
    s2_setup(0, 1, 24, 0x80000000ull, 0);
    cpu->sr[SR_VTCR_EL2] &= ~(3ull << 6);
    tlb_flush(&cpu->tlb);
    CHECK(!xlat(0x80000000ull, ACCESS_READ, &t));
    CHECK_EQ(t.fsc, 0x04);
    CHECK(t.stage2);
    /* FEAT_XNX: XN[1:0] = 0b01 forbids EL1 execution only, 0b11 EL0 execution only. */
    s2_setup(0, 1, 24, 0x80000000ull, 1ull << 53);
    CHECK(!xlat(0x80000000ull, ACCESS_FETCH, &t));
    CHECK_EQ(t.fsc, 0x0F);
    CHECK(t.stage2);
    CHECK_EQ(t.ipa, 0x80000000ull);
    cpu->el = 0;
    CHECK(xlat(0x80000000ull, ACCESS_FETCH, &t));
    s2_setup(0, 1, 24, 0x80000000ull, 3ull << 53);
    CHECK(xlat(0x80000000ull, ACCESS_FETCH, &t));
    cpu->el = 0;
    CHECK(!xlat(0x80000000ull, ACCESS_FETCH, &t));
    /* HCR_EL2.DC: stage 1 off gives Normal write-back, Non-shareable, combined with stage 2. */
    s2_setup(0, 1, 24, 0x80000000ull, 0);
    cpu->sr[SR_HCR_EL2] |= HCR_DC;
    CHECK(xlat(0x80000000ull, ACCESS_READ, &t));
    CHECK_EQ(t.attr, 0xFF);
    CHECK_EQ(t.sh, SH_NON);
    /* Without DC: Device-nGnRnE whatever stage 2 says. */
    cpu->sr[SR_HCR_EL2] &= ~HCR_DC;
    tlb_flush(&cpu->tlb);
    CHECK(xlat(0x80000000ull, ACCESS_READ, &t));
    CHECK_EQ(t.attr, 0x00);
}

/* The stage-2-only TLB keeps a translation until TLBI IPAS2E1 (or VMALLS12E1). */
static void test_ipa_invalidation(void)
{
    translation_t t;
    s2_setup(0, 1, 24, 0x80000000ull, 0);
    /* Stage 1 on, with its level 1 table at IPA 0x80000000 (stage 2: DATA). */
    memset(bus_ram_ptr(&m->bus, DATA, 0x1000), 0, 0x1000);
    put(DATA, 1, RAM | 1 | (1ull << 10)); /* VA 1 GiB: block -> IPA RAM */
    cpu->sr[SR_TTBR0_EL1] = 0x80000000ull;
    cpu->sr[SR_TCR_EL1] = 32 | (1ull << 23);
    cpu->sr[SR_SCTLR_EL1] |= 1;
    CHECK(!xlat(0x40000000, ACCESS_READ, &t)); /* stage 2 does not map IPA RAM */
    CHECK(t.stage2 && !t.s1ptw);
    /* Remove the stage 2 page holding the stage 1 table: the cached stage 2 entry stays. */
    uint64_t l1 = cpu->sr[SR_VTTBR_EL2] & ~(0xFFFFull << 48);
    uint64_t l2, l3;
    memcpy(&l2, bus_ram_ptr(&m->bus, l1 + 8 * 2, 8), 8);
    memcpy(&l3, bus_ram_ptr(&m->bus, (l2 & ~0xFFFull) + 0, 8), 8);
    put(l3 & ~0xFFFull, 0, 0);
    CHECK(!xlat(0x40000000, ACCESS_READ, &t));
    CHECK(!t.s1ptw);
    tlbi_ipa(cpu, mmu_current_vmid(cpu), 0x80000);
    CHECK(!xlat(0x40000000, ACCESS_READ, &t));
    CHECK(t.s1ptw);
    CHECK_EQ(t.fsc, 0x07);
    CHECK_EQ(t.ipa, 0x80000008ull);
}

static bool xlat_unpriv(uint64_t va, access_t acc, translation_t *t)
{
    memset(t, 0, sizeof *t);
    return translate_access(cpu, va, acc, XLAT_NORMAL, true, t);
}

/* EL1&0, 4 KiB, T0SZ = T1SZ = 32: pages at VA 0x40000000 + n * 4 KiB (TTBR0) and at
 * 0xFFFFFFFF40000000 (TTBR1), all to DATA. */
static void test_el10_permissions(void)
{
    static const uint64_t page_bits[5] = {
        0,                       /* AP 00: EL1 read/write, EL0 nothing (EL0 may still execute) */
        1 << 6,                  /* AP 01: read/write at both: never executable at EL1 */
        (3 << 6) | (1ull << 54), /* AP 11: read-only at both, UXN */
        0,                       /* (WXN test) */
        (2 << 6) | (1ull << 53), /* AP 10: EL1 read-only, PXN */
    };
    translation_t t;
    reset_el2();
    uint64_t l1 = new_table(), l2 = new_table(), l3 = new_table(), t1 = new_table();
    put(l1, 1, l2 | 3);
    put(l2, 0, l3 | 3);
    for (unsigned i = 0; i < 5; i++)
        put(l3, i, DATA | 3 | (1ull << 10) | page_bits[i]);
    put(t1, 1, l2 | 3);
    cpu->sr[SR_TTBR0_EL1] = l1;
    cpu->sr[SR_TTBR1_EL1] = t1;
    cpu->sr[SR_TCR_EL1] = 32 | (32ull << 16) | (2ull << 30);
    cpu->sr[SR_SCTLR_EL1] |= 1;
    cpu->el = 1;
    uint64_t p0 = 0x40000000, p1 = p0 + 0x1000, p2 = p0 + 0x2000, p4 = p0 + 0x4000;
    CHECK(xlat(p0, ACCESS_WRITE, &t) && xlat(p0, ACCESS_FETCH, &t));
    CHECK(!xlat_unpriv(p0, ACCESS_READ, &t)); /* LDTR: EL0 permissions */
    CHECK_EQ(t.fsc, 0x0F);
    CHECK(!xlat(p1, ACCESS_FETCH, &t)); /* writable at EL0: privileged execute-never */
    CHECK(xlat(p2, ACCESS_FETCH, &t));
    CHECK(!xlat(p2, ACCESS_WRITE, &t));
    CHECK(!xlat(p4, ACCESS_FETCH, &t) && xlat(p4, ACCESS_READ, &t));
    CHECK(xlat(0xFFFFFFFF40000008ull, ACCESS_READ, &t)); /* TTBR1 */
    CHECK_EQ(t.pa, DATA + 8);
    CHECK(!xlat(0x100000000ull, ACCESS_READ, &t)); /* in neither range */
    CHECK_EQ(t.fsc, 0x04);
    cpu->el = 0;
    CHECK(!xlat(p0, ACCESS_READ, &t));
    CHECK(xlat(p0, ACCESS_FETCH, &t)); /* execute-only at EL0 */
    CHECK(xlat(p1, ACCESS_WRITE, &t) && xlat(p1, ACCESS_FETCH, &t));
    CHECK(xlat(p2, ACCESS_READ, &t));
    CHECK(!xlat(p2, ACCESS_WRITE, &t) && !xlat(p2, ACCESS_FETCH, &t));
    CHECK(!xlat(p4, ACCESS_READ, &t));
    /* SCTLR_EL1.WXN: writable means execute-never (the TLB keeps SCTLR-derived rights). */
    cpu->sr[SR_SCTLR_EL1] |= 1ull << 19;
    tlb_flush(&cpu->tlb);
    CHECK(!xlat(p1, ACCESS_FETCH, &t));
    CHECK(!xlat(p2, ACCESS_FETCH, &t)); /* UXN anyway */
    cpu->el = 1;
    CHECK(!xlat(p0 + 0x3000, ACCESS_FETCH, &t));
    CHECK(xlat(p2, ACCESS_FETCH, &t));
}

int main(void)
{
    char err[256];
    m = machine_create(RAM_SIZE, 1, true, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    cpu = m->cpus[0];
    test_mmu_off();
    test_el2_regime();
    test_stage2();
    test_ipa_invalidation();
    test_el10_permissions();
    machine_destroy(m);
    return unit_report();
}
