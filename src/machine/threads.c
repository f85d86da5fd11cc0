/* One host thread per CPU (machine/threads.h). */
#include "machine/threads.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "devices/pl011.h"
#include "machine/machine.h"
#include "timer/timer.h"

/* Instructions a CPU runs between looks at its timers (about 0.15 ms at 450 MIPS). */
#define MT_SLICE (1u << 16)
/* Queued TLB operations per CPU; beyond that the CPU empties its whole TLB instead. */
#define MT_QUEUE 64
/* Longest sleep in WFI without a timer deadline; how often the main thread polls stdin. */
#define MT_SLEEP_MAX_NS 50000000ull
#define MT_POLL_NS      1000000ull
#define MT_STUCK_POLLS  20

enum { WORK_TLBI, WORK_WRITE_PAGE };

typedef struct {
    unsigned kind;
    tlbi_op_t op;        /* WORK_TLBI */
    const uint8_t *host; /* WORK_WRITE_PAGE: a RAM page that now holds decoded code */
} work_t;

typedef struct {
    pthread_t thread;
    bool started;
    pthread_mutex_t lock; /* the queue; sleeping and waking */
    pthread_cond_t wake;
    work_t work[MT_QUEUE];
    unsigned nwork;
    bool overflow;
    uint64_t posted, done; /* work posted to this CPU / applied by it (atomic) */
    bool on_pending;       /* PSCI CPU_ON requested, not yet done by its thread (under lock) */
    uint64_t on_entry, on_context;
    int in_run; /* in its run loop, using its TLB (atomic) */
    /* Owner only: for each other CPU, its posted count after this CPU's last broadcast TLBI,
     * which this CPU's next DSB waits to see applied. */
    uint64_t want[AVSIM_MAX_CPUS];
    bool sync_pending;
} vcpu_t;

struct mt {
    pthread_mutex_t lock; /* the machine lock, recursive */
    pthread_mutex_t code_lock;
    pthread_mutex_t excl_lock; /* held by the CPU that has the others stopped */
    int excl_pending;          /* atomic */
    bool oversubscribed;       /* more CPUs than host cores: spinning waits yield the core */
    vcpu_t v[AVSIM_MAX_CPUS];
};

/* A spinning wait's pause (it lets the core's other hardware thread run). */
static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

void mt_yield(machine_t *m)
{
    if (m->mt->oversubscribed) sched_yield();
}

/* One round of a wait for another CPU's thread, which may need this host core to get there. */
static void wait_round(machine_t *m, unsigned *rounds)
{
    if (++*rounds % 256 == 0)
        mt_yield(m);
    else
        cpu_relax();
}

static __thread cpu_t *current;

static bool stopping(machine_t *m)
{
    return __atomic_load_n(&m->stop, __ATOMIC_ACQUIRE);
}

bool mt_create(machine_t *m, char *err, size_t errlen)
{
    struct mt *mt = calloc(1, sizeof *mt);
    if (!mt) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mt->lock, &ma);
    pthread_mutexattr_destroy(&ma);
    pthread_mutex_init(&mt->code_lock, NULL);
    pthread_mutex_init(&mt->excl_lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* the host clock's (timer/counter.c) */
    for (unsigned i = 0; i < AVSIM_MAX_CPUS; i++) {
        pthread_mutex_init(&mt->v[i].lock, NULL);
        pthread_cond_init(&mt->v[i].wake, &ca);
    }
    pthread_condattr_destroy(&ca);
    mt->oversubscribed = (long)m->ncpus > sysconf(_SC_NPROCESSORS_ONLN);
    m->mt = mt;
    return true;
}

void mt_destroy(machine_t *m)
{
    struct mt *mt = m->mt;
    if (!mt) return;
    for (unsigned i = 0; i < AVSIM_MAX_CPUS; i++) {
        pthread_mutex_destroy(&mt->v[i].lock);
        pthread_cond_destroy(&mt->v[i].wake);
    }
    pthread_mutex_destroy(&mt->lock);
    pthread_mutex_destroy(&mt->code_lock);
    pthread_mutex_destroy(&mt->excl_lock);
    free(mt);
    m->mt = NULL;
}

void mt_lock(machine_t *m)
{
    pthread_mutex_lock(&m->mt->lock);
}

void mt_unlock(machine_t *m)
{
    pthread_mutex_unlock(&m->mt->lock);
}

void mt_code_lock(machine_t *m)
{
    pthread_mutex_lock(&m->mt->code_lock);
}

void mt_code_unlock(machine_t *m)
{
    pthread_mutex_unlock(&m->mt->code_lock);
}

static vcpu_t *vcpu_of(const cpu_t *cpu)
{
    return &cpu->machine->mt->v[cpu->index];
}

static void kick(cpu_t *cpu)
{
    __atomic_store_n(&cpu->kick, 1, __ATOMIC_SEQ_CST);
}

void mt_notify(cpu_t *cpu)
{
    if (cpu == current) {
        cpu_break_loop(cpu);
        return;
    }
    vcpu_t *v = vcpu_of(cpu);
    kick(cpu);
    pthread_mutex_lock(&v->lock);
    pthread_cond_signal(&v->wake);
    pthread_mutex_unlock(&v->lock);
}

bool mt_cpu_on(cpu_t *target, uint64_t entry, uint64_t context)
{
    vcpu_t *v = vcpu_of(target);
    pthread_mutex_lock(&v->lock);
    /* Only this call and target's own thread change an off CPU's state, both under v->lock. */
    bool off = __atomic_load_n(&target->state, __ATOMIC_ACQUIRE) == PE_OFF && !v->on_pending;
    if (off) {
        v->on_pending = true;
        v->on_entry = entry;
        v->on_context = context;
        pthread_cond_signal(&v->wake);
    }
    pthread_mutex_unlock(&v->lock);
    return off;
}

bool mt_cpu_is_off(const cpu_t *cpu)
{
    vcpu_t *v = vcpu_of(cpu);
    pthread_mutex_lock(&v->lock); /* its thread powers it on under the lock */
    bool off = __atomic_load_n(&cpu->state, __ATOMIC_ACQUIRE) == PE_OFF && !v->on_pending;
    pthread_mutex_unlock(&v->lock);
    return off;
}

/* ---- Work queued for other CPUs ---- */

static uint64_t post(cpu_t *target, const work_t *w)
{
    vcpu_t *v = vcpu_of(target);
    pthread_mutex_lock(&v->lock);
    if (v->nwork < MT_QUEUE)
        v->work[v->nwork++] = *w;
    else
        v->overflow = true;
    uint64_t n = __atomic_add_fetch(&v->posted, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&v->lock);
    kick(target);
    return n;
}

void mt_post_tlbi(cpu_t *cpu, const tlbi_op_t *op)
{
    machine_t *m = cpu->machine;
    vcpu_t *me = vcpu_of(cpu);
    work_t w = {.kind = WORK_TLBI, .op = *op};
    for (unsigned i = 0; i < m->ncpus; i++)
        if (i != cpu->index) me->want[i] = post(m->cpus[i], &w);
    me->sync_pending = true;
}

void mt_write_flush(machine_t *m, const uint8_t *host)
{
    work_t w = {.kind = WORK_WRITE_PAGE, .host = host};
    for (unsigned i = 0; i < m->ncpus; i++) {
        if (m->cpus[i] == current)
            tlb_flush_write_host_page(&current->tlb, host);
        else
            post(m->cpus[i], &w);
    }
}

/* Applies what other CPUs queued for cpu (between its instructions). */
static void mt_drain(cpu_t *cpu)
{
    vcpu_t *v = vcpu_of(cpu);
    if (__atomic_load_n(&v->done, __ATOMIC_SEQ_CST) ==
        __atomic_load_n(&v->posted, __ATOMIC_SEQ_CST))
        return;
    pthread_mutex_lock(&v->lock);
    if (v->overflow) {
        tlb_flush(&cpu->tlb);
    } else {
        for (unsigned i = 0; i < v->nwork; i++) {
            const work_t *w = &v->work[i];
            if (w->kind == WORK_TLBI)
                tlbi_apply(cpu, &w->op);
            else
                tlb_flush_write_host_page(&cpu->tlb, w->host);
        }
    }
    v->nwork = 0;
    v->overflow = false;
    __atomic_store_n(&v->done, v->posted, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&v->lock);
}

uint64_t mt_applied(const cpu_t *cpu)
{
    return __atomic_load_n(&vcpu_of(cpu)->done, __ATOMIC_SEQ_CST);
}

void mt_dsb(cpu_t *cpu)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    machine_t *m = cpu->machine;
    vcpu_t *me = vcpu_of(cpu);
    if (!me->sync_pending) return;
    me->sync_pending = false;
    const uint64_t applied = mt_applied(cpu);
    unsigned rounds = 0;
    for (unsigned i = 0; i < m->ncpus; i++) {
        if (i == cpu->index) continue;
        vcpu_t *v = &m->mt->v[i];
        /* A CPU outside its run loop applies its queue before it runs again. */
        while (__atomic_load_n(&v->in_run, __ATOMIC_SEQ_CST) &&
               __atomic_load_n(&v->done, __ATOMIC_SEQ_CST) < me->want[i] && !stopping(m)) {
            mt_drain(cpu); /* that CPU may be waiting for this one's queue in its own DSB */
            wait_round(m, &rounds);
        }
    }
    /* This CPU applied TLBIs meanwhile: its fetch state may be stale, so the chain ends. */
    if (mt_applied(cpu) != applied) cpu_break_loop(cpu);
}

/* ---- Stopping the other CPUs ---- */

/* Enters the run loop: marks the CPU as using its TLB unless another CPU has the others
 * stopped (then waits for it), and applies its queue. */
static void enter_run(machine_t *m, cpu_t *cpu)
{
    struct mt *mt = m->mt;
    vcpu_t *v = &mt->v[cpu->index];
    for (;;) {
        __atomic_store_n(&v->in_run, 1, __ATOMIC_SEQ_CST);
        if (!__atomic_load_n(&mt->excl_pending, __ATOMIC_SEQ_CST)) break;
        __atomic_store_n(&v->in_run, 0, __ATOMIC_SEQ_CST);
        pthread_mutex_lock(&mt->excl_lock); /* until the stopping CPU is done */
        pthread_mutex_unlock(&mt->excl_lock);
    }
    mt_drain(cpu);
}

static void leave_run(machine_t *m, cpu_t *cpu)
{
    __atomic_store_n(&m->mt->v[cpu->index].in_run, 0, __ATOMIC_SEQ_CST);
}

void mt_exclusive_begin(machine_t *m)
{
    struct mt *mt = m->mt;
    if (current) leave_run(m, current);
    pthread_mutex_lock(&mt->excl_lock);
    __atomic_store_n(&mt->excl_pending, 1, __ATOMIC_SEQ_CST);
    unsigned rounds = 0;
    for (unsigned i = 0; i < m->ncpus; i++) {
        if (m->cpus[i] == current) continue;
        kick(m->cpus[i]);
        while (__atomic_load_n(&mt->v[i].in_run, __ATOMIC_SEQ_CST))
            wait_round(m, &rounds);
    }
}

void mt_exclusive_end(machine_t *m)
{
    struct mt *mt = m->mt;
    __atomic_store_n(&mt->excl_pending, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&mt->excl_lock);
    if (current) enter_run(m, current);
}

/* ---- The threads ---- */

/* Sleeps while the CPU is off or in WFI without a wake-up (an interrupt, its own timer). */
static void vcpu_sleep(machine_t *m, cpu_t *cpu)
{
    vcpu_t *v = vcpu_of(cpu);
    uint64_t start = host_clock_count(&m->time);
    pthread_mutex_lock(&v->lock);
    while (!stopping(m) && cpu->state != PE_RUNNING) {
        if (cpu->state != PE_WFI && v->on_pending) { /* PSCI CPU_ON: reset by its own thread */
            cpu_power_on(cpu, v->on_entry, v->on_context);
            __atomic_store_n(&cpu->state, PE_RUNNING, __ATOMIC_RELEASE);
            v->on_pending = false;
            break;
        }
        if (cpu->state != PE_WFI) { /* off: until PSCI CPU_ON */
            pthread_cond_wait(&v->wake, &v->lock);
            continue;
        }
        if (cpu_wfi_wakeup(cpu)) {
            cpu->state = PE_RUNNING;
            break;
        }
        uint64_t now = host_clock_count(&m->time), deadline = timer_next_deadline(cpu, now);
        uint64_t until = deadline - now > MT_SLEEP_MAX_NS ? now + MT_SLEEP_MAX_NS : deadline;
        uint64_t abs_ns = m->time.host_origin_ns + until;
        struct timespec ts = {(time_t)(abs_ns / 1000000000ull), (long)(abs_ns % 1000000000ull)};
        pthread_cond_timedwait(&v->wake, &v->lock, &ts);
        pthread_mutex_unlock(&v->lock);
        timer_update(cpu); /* takes the machine lock: never under v->lock */
        pthread_mutex_lock(&v->lock);
    }
    pthread_mutex_unlock(&v->lock);
    cpu->stats.wait_ns += host_clock_count(&m->time) - start;
}

static void *vcpu_main(void *arg)
{
    cpu_t *cpu = arg;
    machine_t *m = cpu->machine;
    current = cpu;
    uint64_t checked = host_clock_count(&m->time);
    while (!stopping(m)) {
        if (cpu->state == PE_RUNNING) {
            __atomic_store_n(&cpu->kick, 0, __ATOMIC_SEQ_CST);
            enter_run(m, cpu);
            uint64_t budget = MT_SLICE;
            if (unlikely(cpu->pmu.active)) budget = pmu_budget(cpu, budget); /* overflows */
            cpu_run(cpu, budget);
            if (unlikely(cpu->pmu.active)) pmu_slice_end(cpu);
            leave_run(m, cpu);
        }
        /* The timers' outputs change by themselves only when a deadline passes. */
        uint64_t now = host_clock_count(&m->time);
        if (cpu->state != PE_OFF && timer_next_deadline(cpu, checked) <= now) timer_update(cpu);
        checked = now;
        if (cpu->state != PE_RUNNING) vcpu_sleep(m, cpu);
    }
    return NULL;
}

/* Under the machine lock: every CPU is off or in WFI with nothing pending and no timer
 * deadline, and console input cannot raise an interrupt: nothing can ever wake one. */
static bool nothing_can_wake(machine_t *m)
{
    uint64_t now = host_clock_count(&m->time);
    for (unsigned i = 0; i < m->ncpus; i++) {
        cpu_t *c = m->cpus[i];
        pe_state_t state = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
        if (state == PE_OFF) continue;
        if (state != PE_WFI || cpu_wfi_wakeup(c) || timer_next_deadline(c, now) != COUNTER_NEVER)
            return false;
    }
    return !pl011_input_can_interrupt(m->uart);
}

int mt_run(machine_t *m)
{
    struct mt *mt = m->mt;
    for (unsigned i = 0; i < m->ncpus; i++) {
        if (pthread_create(&mt->v[i].thread, NULL, vcpu_main, m->cpus[i]) != 0) {
            fprintf(stderr, "avsim: cannot start a host thread for cpu%u\n", i);
            machine_request_stop(m, CPU_STOP_ERROR, 1);
            break;
        }
        mt->v[i].started = true;
    }
    /* The main thread reads the console's input and watches for a machine nobody can wake (for
     * MT_STUCK_POLLS polls in a row: a CPU's thread may be on its way to run). */
    unsigned stuck = 0;
    while (!stopping(m)) {
        struct timespec ts = {0, (long)MT_POLL_NS};
        nanosleep(&ts, NULL);
        mt_lock(m);
        pl011_poll(m->uart);
        stuck = nothing_can_wake(m) ? stuck + 1 : 0;
        if (stuck == MT_STUCK_POLLS) machine_stop_stuck(m);
        mt_unlock(m);
    }
    for (unsigned i = 0; i < m->ncpus; i++)
        if (mt->v[i].started) pthread_join(mt->v[i].thread, NULL);
    return m->exit_status;
}
