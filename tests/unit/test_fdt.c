/* Generated and amended device trees, read back with libfdt. */
#include <libfdt.h>
#include <stdlib.h>

#include "machine/fdt.h"
#include "machine/virt_memmap.h"
#include "unit.h"

#define MIB      (1ull << 20)
#define BUF_SIZE (1 * MIB)

static uint8_t buf[BUF_SIZE];
static char err[512];

static fdt_params_t params(unsigned ncpus, bool el2)
{
    return (fdt_params_t){.ram_base = 0x40000000,
                          .ram_size = 128 * MIB,
                          .ncpus = ncpus,
                          .boot_el2 = el2,
                          .gic_version = 3};
}

static int node(const char *path)
{
    return fdt_path_offset(buf, path);
}

/* Property length, or -1 if absent. */
static int prop_len(const char *path, const char *name)
{
    int len;
    int off = node(path);
    if (off < 0 || !fdt_getprop(buf, off, name, &len)) return -1;
    return len;
}

/* Cell i of a property (0xDEADBEEF if absent or too short). */
static uint32_t cell(const char *path, const char *name, int i)
{
    int len;
    int off = node(path);
    const fdt32_t *p = off < 0 ? NULL : fdt_getprop(buf, off, name, &len);
    if (!p || (i + 1) * 4 > len) return 0xDEADBEEF;
    return fdt32_to_cpu(p[i]);
}

static const char *str(const char *path, const char *name)
{
    int off = node(path);
    return off < 0 ? NULL : fdt_getprop(buf, off, name, NULL);
}

/* The i-th string of a string-list property. */
static const char *str_at(const char *path, const char *name, int i)
{
    int off = node(path);
    return off < 0 ? NULL : fdt_stringlist_get(buf, off, name, i, NULL);
}

static uint64_t reg64(const char *path, const char *name, int i)
{
    return (uint64_t)cell(path, name, 2 * i) << 32 | cell(path, name, 2 * i + 1);
}

static uint32_t phandle_of(const char *path)
{
    return fdt_get_phandle(buf, node(path));
}

static void check_common_nodes(const fdt_params_t *p)
{
    CHECK_EQ(fdt_check_full(buf, BUF_SIZE), 0);
    CHECK_EQ(fdt_totalsize(buf), BUF_SIZE); /* free space kept inside, like QEMU's blob */
    CHECK_STR(str("/", "compatible"), "linux,dummy-virt");
    CHECK_STR(str("/", "model"), "linux,dummy-virt");
    CHECK_EQ(cell("/", "#address-cells", 0), 2);
    CHECK_EQ(cell("/", "#size-cells", 0), 2);
    CHECK_EQ(cell("/", "interrupt-parent", 0), phandle_of("/intc@8000000"));

    CHECK_STR(str("/memory@40000000", "device_type"), "memory");
    CHECK_EQ(prop_len("/memory@40000000", "reg"), 16);
    CHECK_EQ(reg64("/memory@40000000", "reg", 0), p->ram_base);
    CHECK_EQ(reg64("/memory@40000000", "reg", 1), p->ram_size);

    CHECK_EQ(cell("/cpus", "#address-cells", 0), 1);
    CHECK_EQ(cell("/cpus", "#size-cells", 0), 0);

    CHECK_STR(str_at("/psci", "compatible", 0), "arm,psci-1.0");
    CHECK_STR(str_at("/psci", "compatible", 1), "arm,psci-0.2");
    CHECK_STR(str_at("/psci", "compatible", 2), "arm,psci");
    CHECK_EQ(cell("/psci", "cpu_suspend", 0), 0xC4000001);
    CHECK_EQ(cell("/psci", "cpu_off", 0), 0x84000002);
    CHECK_EQ(cell("/psci", "cpu_on", 0), 0xC4000003);
    CHECK_EQ(cell("/psci", "migrate", 0), 0xC4000005);

    CHECK_STR(str_at("/timer", "compatible", 0), "arm,armv8-timer");
    CHECK_STR(str_at("/timer", "compatible", 1), "arm,armv7-timer");
    CHECK_EQ(prop_len("/timer", "always-on"), 0);
    static const uint32_t ppis[] = {13, 14, 11, 10};
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(cell("/timer", "interrupts", 3 * i), 1); /* PPI */
        CHECK_EQ(cell("/timer", "interrupts", 3 * i + 1), ppis[i]);
        CHECK_EQ(cell("/timer", "interrupts", 3 * i + 2), 4); /* level-high, GICv3 */
    }

    const char *gic = "/intc@8000000";
    CHECK_STR(str(gic, "compatible"), "arm,gic-v3");
    CHECK_EQ(cell(gic, "#interrupt-cells", 0), 3);
    CHECK_EQ(prop_len(gic, "interrupt-controller"), 0);
    CHECK_EQ(cell(gic, "#address-cells", 0), 2);
    CHECK_EQ(cell(gic, "#size-cells", 0), 2);
    CHECK_EQ(prop_len(gic, "ranges"), 0);
    CHECK_EQ(cell(gic, "#redistributor-regions", 0), 1);
    CHECK_EQ(prop_len(gic, "reg"), 32);
    CHECK_EQ(reg64(gic, "reg", 0), virt_memmap[VIRT_GIC_DIST].base);
    CHECK_EQ(reg64(gic, "reg", 1), 0x10000);
    CHECK_EQ(reg64(gic, "reg", 2), 0x080A0000);
    CHECK_EQ(reg64(gic, "reg", 3), 0xF60000);
    CHECK_EQ(fdt_subnode_offset(buf, node(gic), "its@8080000"), -FDT_ERR_NOTFOUND); /* no ITS */

    const char *uart = "/pl011@9000000";
    CHECK_STR(str_at(uart, "compatible", 0), "arm,pl011");
    CHECK_STR(str_at(uart, "compatible", 1), "arm,primecell");
    CHECK_EQ(reg64(uart, "reg", 0), 0x09000000);
    CHECK_EQ(reg64(uart, "reg", 1), 0x1000);
    CHECK_EQ(cell(uart, "interrupts", 0), 0); /* SPI 1, level-high */
    CHECK_EQ(cell(uart, "interrupts", 1), 1);
    CHECK_EQ(cell(uart, "interrupts", 2), 4);
    CHECK_EQ(prop_len(uart, "clocks"), 8);
    CHECK_EQ(cell(uart, "clocks", 0), phandle_of("/apb-pclk"));
    CHECK_EQ(cell(uart, "clocks", 1), phandle_of("/apb-pclk"));
    CHECK_STR(str_at(uart, "clock-names", 0), "uartclk");
    CHECK_STR(str_at(uart, "clock-names", 1), "apb_pclk");

    CHECK_STR(str("/apb-pclk", "compatible"), "fixed-clock");
    CHECK_EQ(cell("/apb-pclk", "#clock-cells", 0), 0);
    CHECK_EQ(cell("/apb-pclk", "clock-frequency", 0), 24000000);
    CHECK_STR(str("/apb-pclk", "clock-output-names"), "clk24mhz");

    CHECK_STR(str("/chosen", "stdout-path"), "/pl011@9000000");
    /* QEMU's phandle numbering: clock, CPUs from the last down, GIC. */
    CHECK_EQ(phandle_of("/apb-pclk"), 0x8000);
    CHECK_EQ(phandle_of("/intc@8000000"), 0x8001 + p->ncpus);
}

static void test_el1_one_cpu(void)
{
    fdt_params_t p = params(1, false);
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), BUF_SIZE);
    check_common_nodes(&p);
    CHECK_STR(str("/psci", "method"), "hvc");
    CHECK_EQ(prop_len("/timer", "interrupts"), 4 * 3 * 4);
    CHECK_EQ(prop_len("/intc@8000000", "interrupts"), -1); /* no maintenance IRQ at EL1 */
    CHECK_STR(str("/cpus/cpu@0", "device_type"), "cpu");
    CHECK_STR(str("/cpus/cpu@0", "compatible"), "arm,cortex-a57");
    CHECK_EQ(cell("/cpus/cpu@0", "reg", 0), 0);
    CHECK_EQ(prop_len("/cpus/cpu@0", "enable-method"), -1); /* QEMU: only with several CPUs */
    CHECK_EQ(node("/cpus/cpu@1"), -FDT_ERR_NOTFOUND);
    CHECK_EQ(phandle_of("/cpus/cpu@0"), 0x8001);
    CHECK_EQ(cell("/cpus/cpu-map/socket0/cluster0/core0", "cpu", 0), 0x8001);
    CHECK_EQ(prop_len("/chosen", "bootargs"), -1);
    CHECK_EQ(prop_len("/chosen", "linux,initrd-start"), -1);
    CHECK_EQ(prop_len("/chosen", "linux,initrd-end"), -1);

    p.bootargs = ""; /* empty -append: no bootargs, as QEMU */
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), BUF_SIZE);
    CHECK_EQ(prop_len("/chosen", "bootargs"), -1);
}

static void test_el2_smp_initrd(void)
{
    fdt_params_t p = params(4, true);
    p.ram_size = 0x1C0000000ull; /* 7 GiB: the size needs both cells */
    p.bootargs = "console=ttyAMA0 earlycon";
    p.has_initrd = true;
    p.initrd_start = 0x48000000;
    p.initrd_end = 0x48001388;
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), BUF_SIZE);
    check_common_nodes(&p);
    CHECK_STR(str("/psci", "method"), "smc");
    CHECK_EQ(prop_len("/timer", "interrupts"), 5 * 3 * 4);
    CHECK_EQ(cell("/timer", "interrupts", 12), 1);
    CHECK_EQ(cell("/timer", "interrupts", 13), 12); /* EL2 virtual timer */
    CHECK_EQ(cell("/timer", "interrupts", 14), 4);
    CHECK_EQ(prop_len("/intc@8000000", "interrupts"), 12);
    CHECK_EQ(cell("/intc@8000000", "interrupts", 0), 1);
    CHECK_EQ(cell("/intc@8000000", "interrupts", 1), 9);
    CHECK_EQ(cell("/intc@8000000", "interrupts", 2), 4);
    for (unsigned i = 0; i < 4; i++) {
        char path[32], core[64];
        snprintf(path, sizeof path, "/cpus/cpu@%u", i);
        snprintf(core, sizeof core, "/cpus/cpu-map/socket0/cluster0/core%u", i);
        CHECK_EQ(cell(path, "reg", 0), i);
        CHECK_STR(str(path, "enable-method"), "psci");
        CHECK_EQ(phandle_of(path), 0x8004 - i);
        CHECK_EQ(cell(core, "cpu", 0), phandle_of(path));
    }
    CHECK_EQ(node("/cpus/cpu@4"), -FDT_ERR_NOTFOUND);
    CHECK_STR(str("/chosen", "bootargs"), "console=ttyAMA0 earlycon");
    CHECK_EQ(prop_len("/chosen", "linux,initrd-start"), 8);
    CHECK_EQ(reg64("/chosen", "linux,initrd-start", 0), 0x48000000);
    CHECK_EQ(reg64("/chosen", "linux,initrd-end", 0), 0x48001388);
}

static void test_affinity(void)
{
    /* CPU 16 and up have Aff1 = 1 with a GICv3 (beyond -smp's limit, but the tree supports it). */
    fdt_params_t p = params(20, false);
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), BUF_SIZE);
    CHECK_EQ(cell("/cpus/cpu@f", "reg", 0), 0xF);
    CHECK_EQ(cell("/cpus/cpu@100", "reg", 0), 0x100);
    CHECK_EQ(cell("/cpus/cpu@103", "reg", 0), 0x103);
}

static void test_build_refusals(void)
{
    fdt_params_t p = params(1, false);
    p.gic_version = 2;
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), -1);
    CHECK_CONTAINS(err, "gic-version=2");
    p = params(0, false);
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), -1);
    p = params(124, false); /* one redistributor region holds 123 */
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), -1);
    p = params(1, false);
    p.ram_size = 0;
    CHECK_EQ(fdt_build(&p, buf, BUF_SIZE, err, sizeof err), -1);
    p = params(1, false);
    CHECK_EQ(fdt_build(&p, buf, 512, err, sizeof err), -1);
    CHECK_CONTAINS(err, "cannot build the device tree in 512 bytes");
}

/* ---- -dtb amendment ---- */

static uint8_t user[4096];

/* A user DTB with two memory nodes, a /chosen with old bootargs, and the given root cells. */
static size_t make_user_dtb(uint32_t acells, uint32_t scells, bool with_chosen)
{
    fdt_create(user, sizeof user);
    fdt_finish_reservemap(user);
    fdt_begin_node(user, "");
    fdt_property_u32(user, "#address-cells", acells);
    fdt_property_u32(user, "#size-cells", scells);
    fdt_property_string(user, "compatible", "user,board");
    fdt_begin_node(user, "memory@80000000");
    fdt_property_string(user, "device_type", "memory");
    fdt_property_u32(user, "reg", 0x80000000);
    fdt_end_node(user);
    fdt_begin_node(user, "uart@1000");
    fdt_property_string(user, "compatible", "ns16550a");
    fdt_end_node(user);
    fdt_begin_node(user, "mem2");
    fdt_property_string(user, "device_type", "memory");
    fdt_end_node(user);
    if (with_chosen) {
        fdt_begin_node(user, "chosen");
        fdt_property_string(user, "bootargs", "old args");
        fdt_end_node(user);
    }
    fdt_end_node(user);
    fdt_finish(user);
    return fdt_totalsize(user);
}

static int count_memory_nodes(void)
{
    int n = 0;
    for (int off = fdt_node_offset_by_prop_value(buf, -1, "device_type", "memory", 7); off >= 0;
         off = fdt_node_offset_by_prop_value(buf, off, "device_type", "memory", 7))
        n++;
    return n;
}

static void test_amend(void)
{
    fdt_params_t p = params(1, false);
    p.bootargs = "new args";
    p.has_initrd = true;
    p.initrd_start = 0x44000000;
    p.initrd_end = 0x44000100;
    size_t n = make_user_dtb(2, 2, true);
    CHECK_EQ(fdt_amend_user(&p, user, n, buf, 2 * (n + 10000), err, sizeof err), 2 * (n + 10000));
    CHECK_EQ(fdt_check_full(buf, 2 * (n + 10000)), 0);
    CHECK_EQ(count_memory_nodes(), 1);
    CHECK_EQ(node("/memory@80000000"), -FDT_ERR_NOTFOUND);
    CHECK_EQ(node("/mem2"), -FDT_ERR_NOTFOUND);
    CHECK_EQ(reg64("/memory@40000000", "reg", 0), 0x40000000);
    CHECK_EQ(reg64("/memory@40000000", "reg", 1), 128 * MIB);
    CHECK_STR(str("/uart@1000", "compatible"), "ns16550a"); /* the rest is kept */
    CHECK_STR(str("/", "compatible"), "user,board");
    CHECK_STR(str("/chosen", "bootargs"), "new args");
    CHECK_EQ(prop_len("/chosen", "linux,initrd-start"), 8);
    CHECK_EQ(reg64("/chosen", "linux,initrd-start", 0), 0x44000000);
    CHECK_EQ(reg64("/chosen", "linux,initrd-end", 0), 0x44000100);

    /* One-cell addresses and sizes; no /chosen yet; no -append keeps nothing to set. */
    p.bootargs = NULL;
    n = make_user_dtb(1, 1, false);
    CHECK(fdt_amend_user(&p, user, n, buf, BUF_SIZE, err, sizeof err) > 0);
    CHECK_EQ(prop_len("/memory@40000000", "reg"), 8);
    CHECK_EQ(cell("/memory@40000000", "reg", 0), 0x40000000);
    CHECK_EQ(cell("/memory@40000000", "reg", 1), 128 * MIB);
    CHECK_EQ(prop_len("/chosen", "bootargs"), -1);
    CHECK_EQ(prop_len("/chosen", "linux,initrd-start"), 4);
    CHECK_EQ(cell("/chosen", "linux,initrd-end", 0), 0x44000100);

    /* Keeps the user's bootargs when there is no -append. */
    n = make_user_dtb(2, 2, true);
    CHECK(fdt_amend_user(&p, user, n, buf, BUF_SIZE, err, sizeof err) > 0);
    CHECK_STR(str("/chosen", "bootargs"), "old args");
}

static void test_amend_refusals(void)
{
    fdt_params_t p = params(1, false);
    size_t n = make_user_dtb(2, 2, true);
    CHECK_EQ(fdt_amend_user(&p, user, n - 1, buf, BUF_SIZE, err, sizeof err), -1); /* truncated */
    CHECK_CONTAINS(err, "not a valid device tree blob");
    CHECK_EQ(fdt_amend_user(&p, user, 20, buf, BUF_SIZE, err, sizeof err), -1);

    uint8_t noise[512];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245 + 12345;
        noise[i] = (uint8_t)(x >> 16);
    }
    CHECK_EQ(fdt_amend_user(&p, noise, sizeof noise, buf, BUF_SIZE, err, sizeof err), -1);
    memcpy(noise, user, 40); /* a valid header over garbage */
    CHECK_EQ(fdt_amend_user(&p, noise, sizeof noise, buf, BUF_SIZE, err, sizeof err), -1);

    /* RAM above 4 GiB cannot be described with one size cell. */
    p.ram_size = 0x100000000ull;
    n = make_user_dtb(2, 1, true);
    CHECK_EQ(fdt_amend_user(&p, user, n, buf, BUF_SIZE, err, sizeof err), -1);
    CHECK_CONTAINS(err, "too small for RAM");
    p = params(1, false);
    n = make_user_dtb(3, 2, true);
    CHECK_EQ(fdt_amend_user(&p, user, n, buf, BUF_SIZE, err, sizeof err), -1);
    CHECK_CONTAINS(err, "must be 1 or 2");

    /* No room for the new properties. */
    p.bootargs = "a command line much longer than the space freed by deleting the user's memory "
                 "nodes, so that the amended tree cannot fit in the input's own size";
    n = make_user_dtb(2, 2, true);
    CHECK_EQ(fdt_amend_user(&p, user, n, buf, n, err, sizeof err), -1);
    CHECK_CONTAINS(err, "cannot amend");
}

int main(void)
{
    test_el1_one_cpu();
    test_el2_smp_initrd();
    test_affinity();
    test_build_refusals();
    test_amend();
    test_amend_refusals();
    return unit_report();
}
