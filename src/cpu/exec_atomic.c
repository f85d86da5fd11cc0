/*
 * Exclusives, load-acquire/store-release and FEAT_LSE atomics:
 * LDXR/LDAXR/STXR/STLXR (B/H/W/X), LDXP/LDAXP/STXP/STLXP, LDAR/STLR (B/H/W/X),
 * LDAPR (FEAT_LRCPC), CAS/CASP and their A/L/AL forms, SWP and
 * LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/LDUMIN (ST<op> is Rt = 31).
 * LDLAR/STLLR (FEAT_LOR) and LDAPUR/STLUR (FEAT_LRCPC2) are not advertised
 * and UNDEF. Instructions run one at a time, so every access is already
 * ordered: the acquire/release bits have no further effect.
 *
 * decoded_t use:
 *   rn      base register (31 = SP); flags & ATOMIC_SP_BASE when it is SP
 *   rd      Rt as a destination (SINK for 31) of loads, LD<op> and SWP; as a
 *           source (ZR for 31), the new value of CAS/CASP
 *   rm      Rs as a source (ZR for 31): LSE operand, CAS/CASP compare value;
 *           Rt as a source for STXR/STXP/STLR
 *   ra      second destination: Rs of CAS/CASP (old value), the status
 *           register Ws of STXR/STXP, Rt2 of LDXP
 *   cond    second source: Rt2 of STXP, Rs+1 of CASP
 *   shift   Rs+1 of CASP as a destination
 *   amount  Rt+1 of CASP as a source
 *
 * Exclusive monitor: LDXR records address, size and the loaded value(s);
 * STXR succeeds when it is valid for the same address and size and memory
 * still holds the recorded value (QEMU's compare-and-exchange model, so that
 * another CPU's store to the location makes it fail), then clears it. Another
 * CPU's store to the granule also clears it, with a WFE wake-up event
 * (cpu/monitor.h). When the monitor does not match, STXR fails without
 * accessing memory, as QEMU.
 * With one host thread per CPU (machine/threads.h) the read-modify-writes, CAS and the
 * store of a store-exclusive are host atomic operations on guest RAM (on MMIO, the load and
 * store under the machine lock), and a store-release is followed by a host full fence.
 * A status register equal to Rt, Rt2 or Rn (CONSTRAINED UNPREDICTABLE) gets
 * the status after the store used the old values, as QEMU. LDXP with Rt == Rt2
 * leaves the second element there, as QEMU.
 */
#include <pthread.h>
#include <string.h>

#include "cache/cache.h"
#include "cpu/decode.h"
#include "machine/threads.h"
#include "mmu/mem.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

enum { ATOMIC_SP_BASE = 1 };

#define EXCL_FLAGS (MEM_EXCL | MEM_ALIGNED)
#define RMW_FLAGS  (MEM_ALIGNED | MEM_ATOMIC)

/* The CheckSPAlignment() of every SP-based access (SCTLR_ELx.SA). */
static ALWAYS_INLINE bool sp_base_ok(cpu_t *cpu, const decoded_t *d)
{
    return likely(!(d->flags & ATOMIC_SP_BASE)) || cpu_check_sp_align(cpu, cpu->x[REG_SP]);
}

/* After the load that marked it: the reservation's host address, from the fast-path entry
 * the load used or filled (NULL when it has none: MMIO, debug armed), for cpu/monitor.c. */
static void monitor_set(cpu_t *cpu, uint64_t va, unsigned size, uint64_t v0, uint64_t v1)
{
    const tlb_entry_t *e = &cpu->tlb.el[cpu->el].read[tlb_index(va)];
    cpu->excl_host =
        e->tag == (va & PAGE_MASK) ? (const uint8_t *)(uintptr_t)(va + e->addend) : NULL;
    /* The cache model keeps its own fast-path entries (cache/cache_fast.h). */
    if (unlikely(cpu->cache)) cpu->excl_host = cache_ram_host(cpu, va);
    cpu->excl_kept = false;
    cpu->excl_valid = true;
    cpu->excl_addr = va;
    cpu->excl_size = size;
    cpu->excl_val[0] = v0;
    cpu->excl_val[1] = v1;
}

static bool monitor_matches(const cpu_t *cpu, uint64_t va, unsigned size)
{
    return cpu->excl_valid && cpu->excl_addr == va && cpu->excl_size == size;
}

/* ---- Host atomic operations (one host thread per CPU) ---- */

static ALWAYS_INLINE bool threaded(const cpu_t *cpu)
{
    return unlikely(cpu->machine->mt != NULL);
}

/* Compare-and-swap of 1, 2, 4 or 8 bytes at p: *old gets the value found. */
static bool host_cas(uint8_t *p, unsigned size, uint64_t expected, uint64_t desired, uint64_t *old)
{
#define HOST_CAS(T)                                                                                \
    {                                                                                              \
        T e = (T)expected;                                                                         \
        bool ok = __atomic_compare_exchange_n((T *)(void *)p, &e, (T)desired, false,               \
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                 \
        *old = e;                                                                                  \
        return ok;                                                                                 \
    }
    switch (size) {
    case 1: HOST_CAS(uint8_t)
    case 2: HOST_CAS(uint16_t)
    case 4: HOST_CAS(uint32_t)
    default: HOST_CAS(uint64_t)
    }
#undef HOST_CAS
}

/* Compare-and-swap of 16 bytes (lo at p, hi at p + 8): *lo, *hi get the value found. */
static bool host_cas16(uint8_t *p, uint64_t *lo, uint64_t *hi, uint64_t new_lo, uint64_t new_hi)
{
#ifdef __GCC_HAVE_SYNC_COMPARE_AND_SWAP_16
    unsigned __int128 e = ((unsigned __int128)*hi << 64) | *lo;
    unsigned __int128 n = ((unsigned __int128)new_hi << 64) | new_lo;
    unsigned __int128 o = __sync_val_compare_and_swap((unsigned __int128 *)(void *)p, e, n);
    *lo = (uint64_t)o;
    *hi = (uint64_t)(o >> 64);
    return o == e;
#else /* no host instruction: atomic only against the other 16-byte operations */
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    uint64_t cur[2];
    memcpy(cur, p, 16);
    bool equal = cur[0] == *lo && cur[1] == *hi;
    if (equal) {
        const uint64_t n[2] = {new_lo, new_hi};
        memcpy(p, n, 16);
    }
    pthread_mutex_unlock(&lock);
    *lo = cur[0];
    *hi = cur[1];
    return equal;
#endif
}

static ALWAYS_INLINE void load_excl(cpu_t *cpu, const decoded_t *d, unsigned size)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], v;
    if (!mem_load(cpu, va, size, &v, EXCL_FLAGS)) return;
    cpu->x[d->rd] = v;
    monitor_set(cpu, va, size, v, 0);
}

/* The store of a store-exclusive whose monitor holds, done only if memory still has the recorded
 * value (*status = 0); false on a fault. */
static bool excl_compare_store(cpu_t *cpu, uint64_t va, unsigned size, uint64_t val,
                               uint64_t *status)
{
    uint64_t cur;
    if (!mem_load(cpu, va, size, &cur, EXCL_FLAGS | MEM_ATOMIC)) return false;
    if (cur != cpu->excl_val[0]) return true;
    if (!mem_store(cpu, va, size, val, EXCL_FLAGS)) return false;
    *status = 0;
    return true;
}

/* Stores `val` if the monitor holds for [va, va + size) and memory still has the recorded
 * value; returns false on a fault, else sets *status (0 = stored). */
static ALWAYS_INLINE bool store_excl_one(cpu_t *cpu, uint64_t va, unsigned size, uint64_t val,
                                         uint64_t *status)
{
    *status = 1;
    if (monitor_matches(cpu, va, size)) {
        bool ok = true;
        uint8_t *p = NULL;
        uint64_t cur;
        if (threaded(cpu)) {
            /* As with one thread: a value already changed fails after a read check only. */
            if (!mem_load(cpu, va, size, &cur, EXCL_FLAGS | MEM_ATOMIC)) return false;
            if (cur != cpu->excl_val[0]) {
                cpu->excl_valid = false;
                return true;
            }
            p = mem_atomic_host(cpu, va, size, EXCL_FLAGS | MEM_ATOMIC, &ok);
        }
        if (p) {
            *status = !host_cas(p, size, cpu->excl_val[0], val, &cur);
            mem_atomic_written(cpu->machine, p, size);
        } else if (ok) { /* one thread, or MMIO: a load and a store, under the machine lock */
            machine_lock(cpu->machine);
            ok = excl_compare_store(cpu, va, size, val, status);
            machine_unlock(cpu->machine);
        }
        if (!ok) return false;
    }
    cpu->excl_valid = false;
    return true;
}

static ALWAYS_INLINE void store_excl(cpu_t *cpu, const decoded_t *d, unsigned size)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t status;
    if (!store_excl_one(cpu, cpu->x[d->rn], size, cpu->x[d->rm], &status)) return;
    cpu->x[d->ra] = status;
}

#define DEF_EXCL(size)                                                                             \
    static void exec_ldxr##size(cpu_t *cpu, const decoded_t *d)                                    \
    {                                                                                              \
        load_excl(cpu, d, size);                                                                   \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_stxr##size(cpu_t *cpu, const decoded_t *d)                                    \
    {                                                                                              \
        store_excl(cpu, d, size);                                                                  \
        exec_next(cpu, d);                                                                         \
    }
DEF_EXCL(1)
DEF_EXCL(2)
DEF_EXCL(4)
DEF_EXCL(8)

/* LDXP/STXP of two words: one doubleword access, aligned to 8. */
static void exec_ldxp32(cpu_t *cpu, const decoded_t *d)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], v;
    if (!mem_load(cpu, va, 8, &v, EXCL_FLAGS)) return;
    cpu->x[d->rd] = (uint32_t)v;
    cpu->x[d->ra] = v >> 32;
    monitor_set(cpu, va, 8, v, 0);
    exec_next(cpu, d);
}

static void exec_stxp32(cpu_t *cpu, const decoded_t *d)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t status, val = (uint32_t)cpu->x[d->rm] | (cpu->x[d->cond] << 32);
    if (!store_excl_one(cpu, cpu->x[d->rn], 8, val, &status)) return;
    cpu->x[d->ra] = status;
    exec_next(cpu, d);
}

/* LDXP/STXP of two doublewords: aligned to the size of the pair, 16. */
static void exec_ldxp64(cpu_t *cpu, const decoded_t *d)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], lo, hi;
    if (!mem_check_range(cpu, va, 16, 16, false, EXCL_FLAGS) ||
        !mem_load(cpu, va, 8, &lo, EXCL_FLAGS) || !mem_load(cpu, va + 8, 8, &hi, EXCL_FLAGS))
        return;
    cpu->x[d->rd] = lo;
    cpu->x[d->ra] = hi;
    monitor_set(cpu, va, 16, lo, hi);
    exec_next(cpu, d);
}

/* STXP of two doublewords as loads and stores, whole-checked first; false on a fault. */
static bool stxp64_load_store(cpu_t *cpu, uint64_t va, uint64_t lo, uint64_t hi, uint64_t *status)
{
    uint64_t cur_lo, cur_hi;
    if (!mem_check_range(cpu, va, 16, 16, true, EXCL_FLAGS) ||
        !mem_load(cpu, va, 8, &cur_lo, EXCL_FLAGS) ||
        !mem_load(cpu, va + 8, 8, &cur_hi, EXCL_FLAGS))
        return false;
    if (cur_lo != cpu->excl_val[0] || cur_hi != cpu->excl_val[1]) return true;
    if (!mem_store(cpu, va, 8, lo, EXCL_FLAGS) || !mem_store(cpu, va + 8, 8, hi, EXCL_FLAGS))
        return false;
    *status = 0;
    return true;
}

static void exec_stxp64(cpu_t *cpu, const decoded_t *d)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], lo = cpu->x[d->rm], hi = cpu->x[d->cond], status = 1;
    uint8_t *p = NULL;
    bool ok = true;
    if (monitor_matches(cpu, va, 16) && threaded(cpu)) {
        if (!mem_check_range(cpu, va, 16, 16, true, EXCL_FLAGS)) return;
        p = mem_atomic_host(cpu, va, 16, EXCL_FLAGS, &ok);
        if (!ok) return;
    }
    if (p) {
        uint64_t cur_lo = cpu->excl_val[0], cur_hi = cpu->excl_val[1];
        status = !host_cas16(p, &cur_lo, &cur_hi, lo, hi);
        mem_atomic_written(cpu->machine, p, 16);
    } else if (monitor_matches(cpu, va, 16)) { /* one thread, or MMIO: under the machine lock */
        machine_lock(cpu->machine);
        ok = stxp64_load_store(cpu, va, lo, hi, &status);
        machine_unlock(cpu->machine);
        if (!ok) return;
    }
    cpu->excl_valid = false;
    cpu->x[d->ra] = status;
    exec_next(cpu, d);
}

/* ---- Load-acquire / store-release (LDAR, STLR, LDAPR) ---- */

static ALWAYS_INLINE void load_acquire(cpu_t *cpu, const decoded_t *d, unsigned size)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t v;
    if (!mem_load(cpu, cpu->x[d->rn], size, &v, MEM_ALIGNED | MEM_ACQREL)) return;
    cpu->x[d->rd] = v;
}

static ALWAYS_INLINE void store_release(cpu_t *cpu, const decoded_t *d, unsigned size)
{
    if (!sp_base_ok(cpu, d)) return;
    mem_store(cpu, cpu->x[d->rn], size, cpu->x[d->rm], MEM_ALIGNED | MEM_ACQREL);
    /* RCsc: not reordered with a later load-acquire, which a TSO host would do. */
    if (threaded(cpu)) __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#define DEF_ORDERED(size)                                                                          \
    static void exec_ldar##size(cpu_t *cpu, const decoded_t *d)                                    \
    {                                                                                              \
        load_acquire(cpu, d, size);                                                                \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_stlr##size(cpu_t *cpu, const decoded_t *d)                                    \
    {                                                                                              \
        store_release(cpu, d, size);                                                               \
        exec_next(cpu, d);                                                                         \
    }
DEF_ORDERED(1)
DEF_ORDERED(2)
DEF_ORDERED(4)
DEF_ORDERED(8)

/* ---- Compare and swap ---- */

/*
 * With one host thread per CPU, the host address for a host atomic operation; NULL with one
 * thread or on MMIO (then the load and store below run under the machine lock), or when the
 * access faulted (*fault).
 */
static ALWAYS_INLINE uint8_t *atomic_target(cpu_t *cpu, uint64_t va, unsigned size, unsigned flags,
                                            bool *fault)
{
    bool ok = true;
    uint8_t *p = threaded(cpu) ? mem_atomic_host(cpu, va, size, flags, &ok) : NULL;
    *fault = !ok;
    return p;
}

/*
 * When the comparison fails nothing is written, but the access still needs
 * write permission: like QEMU (whose compare-and-exchange always probes for
 * writing), a failing CAS on read-only memory takes the write fault.
 */
static ALWAYS_INLINE bool cas_fail_check(cpu_t *cpu, uint64_t va, unsigned size)
{
    return mem_check_range(cpu, va, size, size, true, RMW_FLAGS);
}

/* CAS of 1 to 8 bytes as a load and a store; false on a fault. */
static bool cas_load_store(cpu_t *cpu, uint64_t va, unsigned size, uint64_t expected,
                           uint64_t desired, uint64_t *old)
{
    if (!mem_load(cpu, va, size, old, RMW_FLAGS)) return false;
    if (*old == expected) return mem_store(cpu, va, size, desired, RMW_FLAGS);
    return cas_fail_check(cpu, va, size);
}

/* CAS of 1 to 8 bytes; false on a fault. */
static ALWAYS_INLINE bool cas_any(cpu_t *cpu, uint64_t va, unsigned size, uint64_t expected,
                                  uint64_t desired, uint64_t *old)
{
    bool fault;
    uint8_t *p = atomic_target(cpu, va, size, RMW_FLAGS, &fault);
    if (fault) return false;
    if (p) {
        host_cas(p, size, expected, desired, old);
        mem_atomic_written(cpu->machine, p, size);
        return true;
    }
    machine_lock(cpu->machine);
    bool ok = cas_load_store(cpu, va, size, expected, desired, old);
    machine_unlock(cpu->machine);
    return ok;
}

static ALWAYS_INLINE void cas(cpu_t *cpu, const decoded_t *d, unsigned size)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], expected = cpu->x[d->rm] & ones(size * 8), old;
    if (!cas_any(cpu, va, size, expected, cpu->x[d->rd] & ones(size * 8), &old)) return;
    cpu->x[d->ra] = old;
}

#define DEF_CAS(size)                                                                              \
    static void exec_cas##size(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        cas(cpu, d, size);                                                                         \
        exec_next(cpu, d);                                                                         \
    }
DEF_CAS(1)
DEF_CAS(2)
DEF_CAS(4)
DEF_CAS(8)

/* CASP of two words: a single doubleword access. */
static void exec_casp32(cpu_t *cpu, const decoded_t *d)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], old;
    uint64_t expected = (uint32_t)cpu->x[d->rm] | (cpu->x[d->cond] << 32);
    uint64_t desired = (uint32_t)cpu->x[d->rd] | (cpu->x[d->amount] << 32);
    if (!cas_any(cpu, va, 8, expected, desired, &old)) return;
    cpu->x[d->ra] = (uint32_t)old;
    cpu->x[d->shift] = old >> 32;
    exec_next(cpu, d);
}

/* CASP of two doublewords as loads and stores, checked whole before anything is written. */
static bool casp64_load_store(cpu_t *cpu, uint64_t va, const uint64_t exp[2], const uint64_t new[2],
                              uint64_t old[2])
{
    if (!mem_check_range(cpu, va, 16, 16, true, RMW_FLAGS) ||
        !mem_load(cpu, va, 8, &old[0], RMW_FLAGS) || !mem_load(cpu, va + 8, 8, &old[1], RMW_FLAGS))
        return false;
    return old[0] != exp[0] || old[1] != exp[1] ||
           (mem_store(cpu, va, 8, new[0], RMW_FLAGS) &&
            mem_store(cpu, va + 8, 8, new[1], RMW_FLAGS));
}

/* CASP of two doublewords: 16-byte aligned. */
static void exec_casp64(cpu_t *cpu, const decoded_t *d)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], old[2];
    const uint64_t exp[2] = {cpu->x[d->rm], cpu->x[d->cond]};
    const uint64_t new[2] = {cpu->x[d->rd], cpu->x[d->amount]};
    bool fault, ok = true;
    uint8_t *p = NULL;
    if (threaded(cpu)) { /* the write check first, as below */
        if (!mem_check_range(cpu, va, 16, 16, true, RMW_FLAGS)) return;
        p = atomic_target(cpu, va, 16, RMW_FLAGS, &fault);
        if (fault) return;
    }
    if (p) {
        old[0] = exp[0];
        old[1] = exp[1];
        host_cas16(p, &old[0], &old[1], new[0], new[1]);
        mem_atomic_written(cpu->machine, p, 16);
    } else {
        machine_lock(cpu->machine);
        ok = casp64_load_store(cpu, va, exp, new, old);
        machine_unlock(cpu->machine);
    }
    if (!ok) return;
    cpu->x[d->ra] = old[0];
    cpu->x[d->shift] = old[1];
    exec_next(cpu, d);
}

/* ---- LSE read-modify-write: LD<op>, SWP ---- */

typedef enum { OP_ADD, OP_CLR, OP_EOR, OP_SET, OP_SMAX, OP_SMIN, OP_UMAX, OP_UMIN, OP_SWP } rmw_t;

/* old is zero-extended from size bytes; the result is truncated by the store. */
static ALWAYS_INLINE uint64_t rmw_apply(rmw_t op, unsigned size, uint64_t old, uint64_t s)
{
    unsigned bits = size * 8;
    uint64_t su = s & ones(bits);
    switch (op) {
    case OP_ADD: return old + s;
    case OP_CLR: return old & ~s;
    case OP_EOR: return old ^ s;
    case OP_SET: return old | s;
    case OP_SMAX: return sext(old, bits) >= sext(s, bits) ? old : su;
    case OP_SMIN: return sext(old, bits) <= sext(s, bits) ? old : su;
    case OP_UMAX: return old >= su ? old : su;
    case OP_UMIN: return old <= su ? old : su;
    default: return s; /* SWP */
    }
}

/* The operation on host memory: a host atomic instruction, or a CAS loop for the others. */
static ALWAYS_INLINE uint64_t host_rmw(uint8_t *p, rmw_t op, unsigned size, uint64_t s)
{
#define HOST_RMW(T)                                                                                \
    {                                                                                              \
        T *q = (T *)(void *)p, v = (T)s;                                                           \
        switch (op) {                                                                              \
        case OP_ADD: return __atomic_fetch_add(q, v, __ATOMIC_SEQ_CST);                            \
        case OP_CLR: return __atomic_fetch_and(q, (T)~v, __ATOMIC_SEQ_CST);                        \
        case OP_EOR: return __atomic_fetch_xor(q, v, __ATOMIC_SEQ_CST);                            \
        case OP_SET: return __atomic_fetch_or(q, v, __ATOMIC_SEQ_CST);                             \
        case OP_SWP: return __atomic_exchange_n(q, v, __ATOMIC_SEQ_CST);                           \
        default: {                                                                                 \
            T cur = __atomic_load_n(q, __ATOMIC_RELAXED);                                          \
            while (!__atomic_compare_exchange_n(q, &cur, (T)rmw_apply(op, size, cur, s), true,     \
                                                __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))               \
                ;                                                                                  \
            return cur;                                                                            \
        }                                                                                          \
        }                                                                                          \
    }
    switch (size) {
    case 1: HOST_RMW(uint8_t)
    case 2: HOST_RMW(uint16_t)
    case 4: HOST_RMW(uint32_t)
    default: HOST_RMW(uint64_t)
    }
#undef HOST_RMW
}

/* Rt gets the old value, zero-extended (also for the signed operations). */
static ALWAYS_INLINE void rmw(cpu_t *cpu, const decoded_t *d, rmw_t op, unsigned size)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = cpu->x[d->rn], s = cpu->x[d->rm], old;
    bool fault;
    uint8_t *p = atomic_target(cpu, va, size, RMW_FLAGS, &fault);
    if (fault) return;
    if (p) {
        old = host_rmw(p, op, size, s);
        mem_atomic_written(cpu->machine, p, size);
    } else {
        machine_lock(cpu->machine);
        bool ok = mem_load(cpu, va, size, &old, RMW_FLAGS) &&
                  mem_store(cpu, va, size, rmw_apply(op, size, old, s), RMW_FLAGS);
        machine_unlock(cpu->machine);
        if (!ok) return;
    }
    cpu->x[d->rd] = old;
}

#define RMW_OPS(X)                                                                                 \
    X(ldadd, OP_ADD)                                                                               \
    X(ldclr, OP_CLR)                                                                               \
    X(ldeor, OP_EOR)                                                                               \
    X(ldset, OP_SET)                                                                               \
    X(ldsmax, OP_SMAX)                                                                             \
    X(ldsmin, OP_SMIN)                                                                             \
    X(ldumax, OP_UMAX)                                                                             \
    X(ldumin, OP_UMIN)                                                                             \
    X(swp, OP_SWP)

#define DEF_RMW_SIZE(name, op, size)                                                               \
    static void exec_##name##size(cpu_t *cpu, const decoded_t *d)                                  \
    {                                                                                              \
        rmw(cpu, d, op, size);                                                                     \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_RMW(name, op)                                                                          \
    DEF_RMW_SIZE(name, op, 1)                                                                      \
    DEF_RMW_SIZE(name, op, 2) DEF_RMW_SIZE(name, op, 4) DEF_RMW_SIZE(name, op, 8)
#define RMW_ROW(name, op) {exec_##name##1, exec_##name##2, exec_##name##4, exec_##name##8},
RMW_OPS(DEF_RMW)

/* [o3:opc][size] of the atomic memory operations, o3:opc = 0000..1000. */
static const exec_fn rmw_fns[9][4] = {RMW_OPS(RMW_ROW)};

/* ---- Decode ---- */

/* Tables indexed by the size field (insn[31:30]). */
static const exec_fn ldxr_fns[4] = {exec_ldxr1, exec_ldxr2, exec_ldxr4, exec_ldxr8};
static const exec_fn stxr_fns[4] = {exec_stxr1, exec_stxr2, exec_stxr4, exec_stxr8};
static const exec_fn ldar_fns[4] = {exec_ldar1, exec_ldar2, exec_ldar4, exec_ldar8};
static const exec_fn stlr_fns[4] = {exec_stlr1, exec_stlr2, exec_stlr4, exec_stlr8};
static const exec_fn cas_fns[4] = {exec_cas1, exec_cas2, exec_cas4, exec_cas8};

static void dec_base(decoded_t *d, uint32_t insn)
{
    unsigned rn = bits32(insn, 9, 5);
    d->rn = reg_sp(rn);
    d->flags = rn == 31 ? ATOMIC_SP_BASE : 0;
}

/* Load/store exclusive register: size 001000 0 L 0 Rs o0 Rt2 Rn Rt (Rt2, and Rs for loads,
 * should be ones; ignored as QEMU). */
static bool dec_excl(decoded_t *d, uint32_t insn)
{
    unsigned size = bits32(insn, 31, 30), rt = insn & 31;
    dec_base(d, insn);
    if (bit(insn, 22)) {
        d->rd = reg_w_zr(rt);
        d->fn = ldxr_fns[size];
    } else {
        d->rm = reg_r_zr(rt);
        d->ra = reg_w_zr(bits32(insn, 20, 16));
        d->fn = stxr_fns[size];
    }
    return true;
}

/* Load/store exclusive pair: 1 sz 001000 0 L 1 Rs o0 Rt2 Rn Rt. */
static bool dec_excl_pair(decoded_t *d, uint32_t insn)
{
    unsigned sz = bit(insn, 30), rt = insn & 31, rt2 = bits32(insn, 14, 10);
    dec_base(d, insn);
    if (bit(insn, 22)) {
        d->rd = reg_w_zr(rt);
        d->ra = reg_w_zr(rt2);
        d->fn = sz ? exec_ldxp64 : exec_ldxp32;
    } else {
        d->rm = reg_r_zr(rt);
        d->cond = reg_r_zr(rt2);
        d->ra = reg_w_zr(bits32(insn, 20, 16));
        d->fn = sz ? exec_stxp64 : exec_stxp32;
    }
    return true;
}

/* Load-acquire / store-release register: size 001000 1 L 0 11111 o0 11111 Rn Rt. o0 = 0 is
 * LDLAR/STLLR (FEAT_LOR, not implemented). */
static bool dec_ordered(decoded_t *d, uint32_t insn)
{
    unsigned size = bits32(insn, 31, 30), rt = insn & 31;
    if (bits32(insn, 20, 16) != 31 || bits32(insn, 14, 10) != 31 || !bit(insn, 15)) return false;
    dec_base(d, insn);
    if (bit(insn, 22)) {
        d->rd = reg_w_zr(rt);
        d->fn = ldar_fns[size];
    } else {
        d->rm = reg_r_zr(rt);
        d->fn = stlr_fns[size];
    }
    return true;
}

/* CAS: size 001000 1 L 1 Rs o0 11111 Rn Rt. */
static bool dec_cas(decoded_t *d, uint32_t insn)
{
    unsigned rs = bits32(insn, 20, 16);
    if (bits32(insn, 14, 10) != 31) return false;
    dec_base(d, insn);
    d->rm = reg_r_zr(rs);
    d->ra = reg_w_zr(rs);
    d->rd = reg_r_zr(insn & 31);
    d->fn = cas_fns[bits32(insn, 31, 30)];
    return true;
}

/* CASP: 0 sz 001000 0 L 1 Rs o0 11111 Rn Rt, Rs and Rt even (odd is UNDEFINED, as QEMU). */
static bool dec_casp(decoded_t *d, uint32_t insn)
{
    unsigned rs = bits32(insn, 20, 16), rt = insn & 31;
    if (bits32(insn, 14, 10) != 31 || (rs & 1) || (rt & 1)) return false;
    dec_base(d, insn);
    d->rm = reg_r_zr(rs);
    d->cond = reg_r_zr(rs + 1);
    d->ra = reg_w_zr(rs);
    d->shift = reg_w_zr(rs + 1);
    d->rd = reg_r_zr(rt);
    d->amount = reg_r_zr(rt + 1);
    d->fn = bit(insn, 30) ? exec_casp64 : exec_casp32;
    return true;
}

/* Atomic memory operations: size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt; LDAPR is o3:opc = 1100
 * with A = 1, R = 0, Rs = 11111. The rest of o3 = 1 is unallocated here. */
static bool dec_atomic_op(decoded_t *d, uint32_t insn)
{
    unsigned size = bits32(insn, 31, 30), op = bits32(insn, 15, 12), rs = bits32(insn, 20, 16);
    dec_base(d, insn);
    d->rd = reg_w_zr(insn & 31);
    if (op == 12) { /* LDAPR */
        if (rs != 31 || !bit(insn, 23) || bit(insn, 22)) return false;
        d->fn = ldar_fns[size];
        return true;
    }
    if (op > 8) return false;
    d->rm = reg_r_zr(rs);
    d->fn = rmw_fns[op][size];
    return true;
}

const insn_pattern_t atomic_patterns[] = {
    {0x3FA00000, 0x08000000, "LDXR/STXR", dec_excl},
    {0xBFA00000, 0x88200000, "LDXP/STXP", dec_excl_pair},
    {0xBFA00000, 0x08200000, "CASP", dec_casp},
    {0x3FA00000, 0x08800000, "LDAR/STLR", dec_ordered},
    {0x3FA00000, 0x08A00000, "CAS", dec_cas},
    {0x3F200C00, 0x38200000, "LSE atomic", dec_atomic_op},
    PATTERN_END,
};
