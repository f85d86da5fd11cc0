/*
 * Device tree of the virt board with a GICv3, written with libfdt from
 * virt_memmap[]. Node names, property names and values, and phandle numbers
 * follow what QEMU 10.0 generates for the nodes avsim emits (virt-board.md §5.1).
 */
#include "machine/fdt.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "machine/virt_memmap.h"

/*
 * QEMU hands out phandles from 0x8000: the APB clock first, then one per CPU from
 * the last CPU down to CPU 0, then the GIC.
 */
#define PHANDLE_CLOCK     0x8000u
#define PHANDLE_CPU(p, i) (PHANDLE_CLOCK + (p)->ncpus - (i))
#define PHANDLE_GIC(p)    (PHANDLE_CLOCK + (p)->ncpus + 1)

/* Interrupt specifier cells (Linux bindings: interrupt-controller/arm,gic-v3.yaml). */
#define GIC_SPI        0
#define GIC_PPI        1
#define IRQ_LEVEL_HIGH 4

/* PSCI 0.1 function IDs in /psci, QEMU's values (virt-board.md §5.1). */
#define PSCI_FN_CPU_SUSPEND 0xC4000001u
#define PSCI_FN_CPU_OFF     0x84000002u
#define PSCI_FN_CPU_ON      0xC4000003u
#define PSCI_FN_MIGRATE     0xC4000005u

/* The compatible string QEMU writes for -cpu max (inherited from its Cortex-A57 model). */
#define CPU_COMPATIBLE "arm,cortex-a57"

#define MAX_CELLS 16

typedef unsigned long long ull;

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt,
                                                      ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        int try_rc_ = (expr);                                                                      \
        if (try_rc_ < 0) return try_rc_;                                                           \
    } while (0)

static int prop_cells(void *fdt, const char *name, const uint32_t *cells, int n)
{
    fdt32_t be[MAX_CELLS];
    for (int i = 0; i < n; i++)
        be[i] = cpu_to_fdt32(cells[i]);
    return fdt_property(fdt, name, be, n * (int)sizeof be[0]);
}

/* reg with #address-cells = #size-cells = 2: (base, size) pairs. */
static int prop_reg(void *fdt, const uint64_t *pairs, int npairs)
{
    uint32_t cells[MAX_CELLS];
    for (int i = 0; i < 2 * npairs; i++) {
        cells[2 * i] = (uint32_t)(pairs[i] >> 32);
        cells[2 * i + 1] = (uint32_t)pairs[i];
    }
    return prop_cells(fdt, "reg", cells, 4 * npairs);
}

/* A string-list literal with its embedded NULs. */
#define prop_strings(fdt, name, list) fdt_property(fdt, name, list, sizeof(list))

static int begin_node_at(void *fdt, const char *name, uint64_t addr)
{
    char node[64];
    snprintf(node, sizeof node, "%s@%llx", name, (ull)addr);
    return fdt_begin_node(fdt, node);
}

static int emit_psci(void *fdt, const fdt_params_t *p)
{
    TRY(fdt_begin_node(fdt, "psci"));
    TRY(prop_strings(fdt, "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci"));
    /* The conduit must trap to a level above the booted software (§6.1). */
    TRY(fdt_property_string(fdt, "method", p->boot_el2 ? "smc" : "hvc"));
    TRY(fdt_property_u32(fdt, "cpu_suspend", PSCI_FN_CPU_SUSPEND));
    TRY(fdt_property_u32(fdt, "cpu_off", PSCI_FN_CPU_OFF));
    TRY(fdt_property_u32(fdt, "cpu_on", PSCI_FN_CPU_ON));
    TRY(fdt_property_u32(fdt, "migrate", PSCI_FN_MIGRATE));
    return fdt_end_node(fdt);
}

static int emit_memory(void *fdt, const fdt_params_t *p)
{
    uint64_t reg[] = {p->ram_base, p->ram_size};
    TRY(begin_node_at(fdt, "memory", p->ram_base));
    TRY(fdt_property_string(fdt, "device_type", "memory"));
    TRY(prop_reg(fdt, reg, 1));
    return fdt_end_node(fdt);
}

/* MPIDR affinity of CPU i with a GICv3: Aff0 = i % 16, Aff1 = i / 16 (§4.5). */
static uint32_t cpu_affinity(unsigned i)
{
    return (i / 16) << 8 | (i % 16);
}

static int emit_cpus(void *fdt, const fdt_params_t *p)
{
    TRY(fdt_begin_node(fdt, "cpus"));
    TRY(fdt_property_u32(fdt, "#address-cells", 1));
    TRY(fdt_property_u32(fdt, "#size-cells", 0));
    /* One socket and one cluster holding every CPU as a core, as QEMU's -smp N. */
    TRY(fdt_begin_node(fdt, "cpu-map"));
    TRY(fdt_begin_node(fdt, "socket0"));
    TRY(fdt_begin_node(fdt, "cluster0"));
    for (unsigned i = 0; i < p->ncpus; i++) {
        char core[16];
        snprintf(core, sizeof core, "core%u", i);
        TRY(fdt_begin_node(fdt, core));
        TRY(fdt_property_u32(fdt, "cpu", PHANDLE_CPU(p, i)));
        TRY(fdt_end_node(fdt));
    }
    TRY(fdt_end_node(fdt));
    TRY(fdt_end_node(fdt));
    TRY(fdt_end_node(fdt));
    for (unsigned i = 0; i < p->ncpus; i++) {
        TRY(begin_node_at(fdt, "cpu", cpu_affinity(i)));
        TRY(fdt_property_string(fdt, "device_type", "cpu"));
        TRY(fdt_property_string(fdt, "compatible", CPU_COMPATIBLE));
        TRY(fdt_property_u32(fdt, "reg", cpu_affinity(i)));
        if (p->ncpus > 1) TRY(fdt_property_string(fdt, "enable-method", "psci"));
        TRY(fdt_property_u32(fdt, "phandle", PHANDLE_CPU(p, i)));
        TRY(fdt_end_node(fdt));
    }
    return fdt_end_node(fdt);
}

static int emit_timer(void *fdt, const fdt_params_t *p)
{
    /*
     * Secure physical, non-secure physical, virtual, hypervisor physical and,
     * with EL2 (and VHE), hypervisor virtual timer PPIs, in the order of the
     * arm,armv8-timer binding.
     */
    static const uint32_t ppis[] = {VIRT_PPI_SECURE_TIMER, VIRT_PPI_PHYS_TIMER, VIRT_PPI_VIRT_TIMER,
                                    VIRT_PPI_HYP_TIMER, VIRT_PPI_HYP_VIRT_TIMER};
    unsigned n = p->boot_el2 ? 5 : 4;
    uint32_t cells[3 * ARRAY_SIZE(ppis)];
    for (unsigned i = 0; i < n; i++) {
        cells[3 * i] = GIC_PPI;
        cells[3 * i + 1] = ppis[i];
        cells[3 * i + 2] = IRQ_LEVEL_HIGH;
    }
    TRY(fdt_begin_node(fdt, "timer"));
    TRY(prop_strings(fdt, "compatible", "arm,armv8-timer\0arm,armv7-timer"));
    TRY(fdt_property(fdt, "always-on", NULL, 0));
    TRY(prop_cells(fdt, "interrupts", cells, (int)(3 * n)));
    return fdt_end_node(fdt);
}

/* The PMU's overflow interrupt, as QEMU's virt (binding arm,armv8-pmuv3). */
static int emit_pmu(void *fdt)
{
    uint32_t irq[] = {GIC_PPI, VIRT_PPI_PMU, IRQ_LEVEL_HIGH};
    TRY(fdt_begin_node(fdt, "pmu"));
    TRY(fdt_property_string(fdt, "compatible", "arm,armv8-pmuv3"));
    TRY(prop_cells(fdt, "interrupts", irq, 3));
    return fdt_end_node(fdt);
}

static int emit_gic(void *fdt, const fdt_params_t *p)
{
    const virt_region_t *dist = &virt_memmap[VIRT_GIC_DIST];
    const virt_region_t *redist = &virt_memmap[VIRT_GIC_REDIST];
    uint64_t reg[] = {dist->base, dist->size, redist->base, redist->size};
    TRY(begin_node_at(fdt, "intc", dist->base));
    TRY(fdt_property_string(fdt, "compatible", "arm,gic-v3"));
    TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
    TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
    TRY(fdt_property_u32(fdt, "#address-cells", 2));
    TRY(fdt_property_u32(fdt, "#size-cells", 2));
    TRY(fdt_property(fdt, "ranges", NULL, 0));
    TRY(fdt_property_u32(fdt, "#redistributor-regions", 1));
    TRY(prop_reg(fdt, reg, 2));
    if (p->boot_el2) {
        uint32_t maint[] = {GIC_PPI, VIRT_PPI_GIC_MAINT, IRQ_LEVEL_HIGH};
        TRY(prop_cells(fdt, "interrupts", maint, 3));
    }
    TRY(fdt_property_u32(fdt, "phandle", PHANDLE_GIC(p)));
    return fdt_end_node(fdt);
}

static int emit_uart(void *fdt)
{
    const virt_region_t *u = &virt_memmap[VIRT_UART];
    uint64_t reg[] = {u->base, u->size};
    uint32_t irq[] = {GIC_SPI, (uint32_t)u->spi, IRQ_LEVEL_HIGH};
    uint32_t clocks[] = {PHANDLE_CLOCK, PHANDLE_CLOCK};
    TRY(begin_node_at(fdt, "pl011", u->base));
    TRY(prop_strings(fdt, "compatible", "arm,pl011\0arm,primecell"));
    TRY(prop_reg(fdt, reg, 1));
    TRY(prop_cells(fdt, "interrupts", irq, 3));
    /* Linux does not probe the PL011 without its clocks. */
    TRY(prop_cells(fdt, "clocks", clocks, 2));
    TRY(prop_strings(fdt, "clock-names", "uartclk\0apb_pclk"));
    return fdt_end_node(fdt);
}

static int emit_clock(void *fdt)
{
    TRY(fdt_begin_node(fdt, "apb-pclk"));
    TRY(fdt_property_string(fdt, "compatible", "fixed-clock"));
    TRY(fdt_property_u32(fdt, "#clock-cells", 0));
    TRY(fdt_property_u32(fdt, "clock-frequency", VIRT_APB_PCLK_HZ));
    TRY(fdt_property_string(fdt, "clock-output-names", "clk24mhz"));
    TRY(fdt_property_u32(fdt, "phandle", PHANDLE_CLOCK));
    return fdt_end_node(fdt);
}

static int emit_chosen(void *fdt, const fdt_params_t *p)
{
    char stdout_path[64];
    snprintf(stdout_path, sizeof stdout_path, "/pl011@%llx", (ull)virt_memmap[VIRT_UART].base);
    TRY(fdt_begin_node(fdt, "chosen"));
    if (p->bootargs && *p->bootargs) TRY(fdt_property_string(fdt, "bootargs", p->bootargs));
    TRY(fdt_property_string(fdt, "stdout-path", stdout_path));
    if (p->has_initrd) {
        /* Sized by the root's #address-cells = 2. */
        TRY(fdt_property_u64(fdt, "linux,initrd-start", p->initrd_start));
        TRY(fdt_property_u64(fdt, "linux,initrd-end", p->initrd_end));
    }
    return fdt_end_node(fdt);
}

static int emit_tree(void *fdt, const fdt_params_t *p)
{
    TRY(fdt_finish_reservemap(fdt));
    TRY(fdt_begin_node(fdt, ""));
    TRY(fdt_property_u32(fdt, "interrupt-parent", PHANDLE_GIC(p)));
    TRY(fdt_property(fdt, "dma-coherent", NULL, 0));
    TRY(fdt_property_string(fdt, "model", "linux,dummy-virt"));
    TRY(fdt_property_u32(fdt, "#size-cells", 2));
    TRY(fdt_property_u32(fdt, "#address-cells", 2));
    TRY(fdt_property_string(fdt, "compatible", "linux,dummy-virt"));
    TRY(emit_psci(fdt, p));
    TRY(emit_memory(fdt, p));
    TRY(emit_uart(fdt));
    TRY(emit_gic(fdt, p));
    TRY(emit_cpus(fdt, p));
    TRY(emit_timer(fdt, p));
    TRY(emit_pmu(fdt));
    TRY(emit_clock(fdt));
    TRY(emit_chosen(fdt, p));
    TRY(fdt_end_node(fdt));
    return fdt_finish(fdt);
}

int fdt_build(const fdt_params_t *p, void *buf, size_t size, char *err, size_t errlen)
{
    const virt_region_t *redist = &virt_memmap[VIRT_GIC_REDIST];
    if (p->gic_version != 3)
        return fail(err, errlen, "no device tree for gic-version=%d (only 3 is supported)",
                    p->gic_version);
    if (p->ncpus == 0 || p->ncpus > redist->size / VIRT_REDIST_STRIDE)
        return fail(err, errlen, "cannot describe %u CPUs with one redistributor region", p->ncpus);
    if (p->ram_size == 0) return fail(err, errlen, "no RAM to describe");
    if (size > INT32_MAX) size = INT32_MAX;
    int rc = fdt_create(buf, (int)size);
    if (rc == 0) rc = emit_tree(buf, p);
    /* Leave the rest of the buffer as free space inside the tree, like QEMU's 1 MiB blob. */
    if (rc == 0) rc = fdt_open_into(buf, buf, (int)size);
    if (rc < 0)
        return fail(err, errlen, "cannot build the device tree in %zu bytes: %s", size,
                    fdt_strerror(rc));
    return (int)fdt_totalsize(buf);
}

/* Writes n values of cells_each cells (1 or 2) to a property. */
static int setprop_sized(void *fdt, int node, const char *name, const uint64_t *vals, int n,
                         const int *cells_each)
{
    fdt32_t be[8];
    int len = 0;
    for (int i = 0; i < n; i++) {
        if (cells_each[i] == 2) be[len++] = cpu_to_fdt32((uint32_t)(vals[i] >> 32));
        be[len++] = cpu_to_fdt32((uint32_t)vals[i]);
    }
    return fdt_setprop(fdt, node, name, be, len * (int)sizeof be[0]);
}

static bool fits_cells(uint64_t v, int cells)
{
    return cells == 2 || v <= UINT32_MAX;
}

/* Replaces every device_type = "memory" node by one describing p's RAM. */
static int replace_memory(void *fdt, const fdt_params_t *p, int acells, int scells)
{
    int off;
    while ((off = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
                                                sizeof "memory")) > 0)
        TRY(fdt_del_node(fdt, off));
    if (off == 0) return -FDT_ERR_BADSTRUCTURE; /* the root itself claims to be memory */
    if (off != -FDT_ERR_NOTFOUND) return off;
    char name[64];
    snprintf(name, sizeof name, "memory@%llx", (ull)p->ram_base);
    int node = fdt_subnode_offset(fdt, 0, name);
    if (node == -FDT_ERR_NOTFOUND) node = fdt_add_subnode(fdt, 0, name);
    TRY(node);
    TRY(fdt_setprop_string(fdt, node, "device_type", "memory"));
    uint64_t reg[] = {p->ram_base, p->ram_size};
    int cells[] = {acells, scells};
    return setprop_sized(fdt, node, "reg", reg, 2, cells);
}

static int amend_chosen(void *fdt, const fdt_params_t *p, int acells)
{
    int node = fdt_path_offset(fdt, "/chosen");
    if (node == -FDT_ERR_NOTFOUND) node = fdt_add_subnode(fdt, 0, "chosen");
    TRY(node);
    if (p->bootargs && *p->bootargs) TRY(fdt_setprop_string(fdt, node, "bootargs", p->bootargs));
    if (p->has_initrd) {
        int cells[] = {acells};
        TRY(setprop_sized(fdt, node, "linux,initrd-start", &p->initrd_start, 1, cells));
        TRY(setprop_sized(fdt, node, "linux,initrd-end", &p->initrd_end, 1, cells));
    }
    return 0;
}

int fdt_amend_user(const fdt_params_t *p, const void *in, size_t in_size, void *buf, size_t size,
                   char *err, size_t errlen)
{
    if (in_size > INT32_MAX || size > INT32_MAX) return fail(err, errlen, "device tree too large");
    int rc = fdt_check_full(in, in_size);
    if (rc < 0)
        return fail(err, errlen, "-dtb file is not a valid device tree blob: %s", fdt_strerror(rc));
    rc = fdt_open_into(in, buf, (int)size);
    if (rc < 0) return fail(err, errlen, "cannot open the -dtb file: %s", fdt_strerror(rc));
    int acells = fdt_address_cells(buf, 0), scells = fdt_size_cells(buf, 0);
    if (acells < 1 || acells > 2 || scells < 1 || scells > 2)
        return fail(err, errlen, "-dtb file: root #address-cells/#size-cells must be 1 or 2");
    if (!fits_cells(p->ram_base, acells) || !fits_cells(p->ram_size, scells) ||
        (p->has_initrd && !fits_cells(p->initrd_end, acells)))
        return fail(err, errlen, "-dtb file: root #address-cells/#size-cells too small for RAM");
    rc = replace_memory(buf, p, acells, scells);
    if (rc == 0) rc = amend_chosen(buf, p, acells);
    if (rc < 0) return fail(err, errlen, "cannot amend the -dtb file: %s", fdt_strerror(rc));
    return (int)fdt_totalsize(buf);
}
