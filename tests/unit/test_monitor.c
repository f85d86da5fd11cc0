/* The global exclusive monitor's wake-up event (cpu/monitor.c): which CPUs' reservations are
 * watched, the fast-path write entries dropped for them, and which stores clear them. */
#include "cpu/monitor.h"
#include "machine/machine.h"
#include "unit.h"

/* A fast-path write entry of cpu (EL1) mapping guest VA va to RAM offset off's page. */
static tlb_entry_t *map_write(machine_t *m, cpu_t *cpu, uint64_t va, uint64_t off)
{
    tlb_entry_t *e = &cpu->tlb.el[1].write[tlb_index(va)];
    e->tag = va & PAGE_MASK;
    e->addend = (uintptr_t)(m->bus.ram + (off & PAGE_MASK)) - (uintptr_t)(va & PAGE_MASK);
    return e;
}

/* cpu holds a reservation on RAM offset off and sleeps in WFE at the end of its slice. */
static void reserve_and_sleep(machine_t *m, cpu_t *cpu, uint64_t off)
{
    cpu->excl_valid = true;
    cpu->excl_host = m->bus.ram + off;
    cpu->excl_kept = false;
    cpu->event_register = false;
    cpu->state = PE_WFE;
    monitor_slice_end(cpu);
}

static void test_watch_and_store(machine_t *m)
{
    cpu_t *c0 = m->cpus[0], *c1 = m->cpus[1], *c2 = m->cpus[2];
    tlb_entry_t *same = map_write(m, c0, 0x7000, 0x1000), *other = map_write(m, c2, 0x9000, 0x2000);
    reserve_and_sleep(m, c1, 0x1048);
    CHECK(c1->excl_watched);
    CHECK_EQ(m->monitor_watchers, 1u << 1);
    CHECK_EQ(same->tag, TLB_INVALID); /* stores to the page must reach the slow path */
    CHECK_EQ(other->tag, 0x9000);
    CHECK(monitor_page_watched(m, m->bus.ram + 0x1000));
    CHECK(!monitor_page_watched(m, m->bus.ram + 0x2000));

    /* Outside the 64-byte granule [0x1040, 0x1080): nothing happens. */
    monitor_store(m, m->bus.ram + 0x1080, 8);
    monitor_store(m, m->bus.ram + 0x1038, 8);
    CHECK(c1->excl_valid);
    CHECK_EQ(c1->state, PE_WFE);
    CHECK(!c1->event_register);

    /* A byte at the granule's end clears the monitor: event, wake-up, no longer watched. */
    monitor_store(m, m->bus.ram + 0x107f, 1);
    CHECK(!c1->excl_valid);
    CHECK(c1->event_register);
    CHECK_EQ(c1->state, PE_RUNNING);
    CHECK(!c1->excl_watched);
    CHECK_EQ(m->monitor_watchers, 0);
    CHECK(!monitor_page_watched(m, m->bus.ram + 0x1000));
}

static void test_several_watchers(machine_t *m)
{
    cpu_t *c1 = m->cpus[1], *c2 = m->cpus[2];
    reserve_and_sleep(m, c1, 0x3000);
    reserve_and_sleep(m, c2, 0x3008);
    CHECK_EQ(m->monitor_watchers, 6);
    monitor_store(m, m->bus.ram + 0x3010, 4); /* the same granule: both wake */
    CHECK(c1->event_register && c2->event_register);
    CHECK_EQ(m->monitor_watchers, 0);
}

static void test_slices(machine_t *m)
{
    cpu_t *c0 = m->cpus[0], *c1 = m->cpus[1];
    reserve_and_sleep(m, c1, 0x5000);
    /* The CPU runs again: unwatched while it runs (no other CPU can store meanwhile). */
    c1->state = PE_RUNNING;
    monitor_slice_start(c1);
    CHECK(!c1->excl_watched);
    CHECK_EQ(m->monitor_watchers, 0);
    /* Its slice ends with the reservation still held: watched again. */
    monitor_slice_end(c1);
    CHECK(c1->excl_watched);
    tlb_entry_t *e = map_write(m, c0, 0x8000, 0x5000);
    monitor_store(m, m->bus.ram + 0x5000, 8);
    CHECK(!c1->excl_valid);
    CHECK(c1->event_register);
    (void)e;
    /* A slice that ends without a reservation, or a CPU that is off, is not watched. */
    monitor_slice_start(c1);
    monitor_slice_end(c1);
    CHECK(!c1->excl_watched);
    c1->excl_valid = true;
    c1->state = PE_OFF;
    monitor_slice_end(c1);
    CHECK(!c1->excl_watched);
    c1->excl_valid = false;
    c1->state = PE_RUNNING;
}

static void test_one_cpu(void)
{
    char err[256];
    machine_t *m = machine_create(1ull << 20, 1, false, err, sizeof err);
    CHECK(m != NULL);
    if (!m) return;
    reserve_and_sleep(m, m->cpus[0], 0x100);
    CHECK(!m->cpus[0]->excl_watched); /* no other observer */
    CHECK_EQ(m->monitor_watchers, 0);
    machine_destroy(m);
}

int main(void)
{
    char err[256];
    machine_t *m = machine_create(1ull << 20, 3, false, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    test_watch_and_store(m);
    test_several_watchers(m);
    test_slices(m);
    machine_destroy(m);
    test_one_cpu();
    return unit_report();
}
