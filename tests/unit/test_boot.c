/*
 * Direct-boot placement: the numbers of virt-board.md §4.3/§4.4, entry state,
 * -dtb, dumpdtb, and the refusals when something does not fit.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "machine/boot.h"
#include "unit.h"

#define MIB      (1ull << 20)
#define RAM_BASE 0x40000000ull

static char tmpdir[] = "/tmp/avsim-test-boot-XXXXXX";
static char err[512];
static guest_ram_t ram;
static boot_info_t bi;

static const char *tmp_path(const char *name)
{
    static char paths[16][128];
    static int next;
    char *p = paths[next++ % 16];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

static const char *write_file(const char *name, const void *data, size_t size)
{
    const char *p = tmp_path(name);
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(p);
        exit(2);
    }
    return p;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> 8 * i);
}
static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v), put32(p + 4, (uint32_t)(v >> 32));
}

static const char *raw_kernel(void)
{
    return write_file("raw.bin", "\x00\x00\x00\x14", 4);
}

/* A Linux Image header with text_offset 0 and the given image_size. */
static const char *linux_image(uint64_t image_size)
{
    uint8_t h[4096] = {'M', 'Z'};
    put64(h + 16, image_size);
    put32(h + 56, 0x644D5241);
    return write_file("Image", h, sizeof h);
}

/* An ELF64 AArch64 executable with one 4 KiB segment at paddr, entered at its start. */
static const char *elf_kernel(uint64_t paddr)
{
    uint8_t e[0x2000] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    e[16] = 2;   /* ET_EXEC */
    e[18] = 183; /* EM_AARCH64 */
    put64(e + 24, paddr);
    put64(e + 32, 64);
    e[54] = 56;
    e[56] = 1;
    put32(e + 64, 1);          /* PT_LOAD */
    put64(e + 64 + 8, 0x1000); /* p_offset */
    put64(e + 64 + 24, paddr);
    put64(e + 64 + 32, 0x1000);
    put64(e + 64 + 40, 0x1000);
    return write_file("prog.elf", e, sizeof e);
}

static const char *initrd_of(size_t size)
{
    uint8_t *d = malloc(size ? size : 1);
    memset(d, 0x5A, size);
    const char *p = write_file("initrd", d, size);
    free(d);
    return p;
}

static avsim_options_t opts(uint64_t ram_size)
{
    return (avsim_options_t){.gic_version = 3, .cpu_model = "max", .ram_size = ram_size, .smp = 1};
}

/* Fresh zeroed RAM for each boot; mmap keeps untouched pages free even under ASan. */
static void free_ram(void)
{
    if (ram.host) munmap(ram.host, ram.size);
    ram.host = NULL;
}

static int boot(const avsim_options_t *o)
{
    free_ram();
    void *host =
        mmap(NULL, o->ram_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (host == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    ram = (guest_ram_t){host, RAM_BASE, o->ram_size};
    err[0] = '\0';
    return boot_load(o, &ram, &bi, err, sizeof err);
}

static const void *dtb_in_ram(void)
{
    return ram.host + (bi.dtb_addr - RAM_BASE);
}

static const char *dtb_str(const char *path, const char *name)
{
    const void *fdt = dtb_in_ram();
    int off = fdt_path_offset(fdt, path);
    return off < 0 ? NULL : fdt_getprop(fdt, off, name, NULL);
}

static uint64_t dtb_u64(const char *path, const char *name, int i)
{
    const void *fdt = dtb_in_ram();
    int off = fdt_path_offset(fdt, path), len;
    const fdt32_t *p = off < 0 ? NULL : fdt_getprop(fdt, off, name, &len);
    if (!p || (i + 1) * 8 > len) return ~0ull;
    return (uint64_t)fdt32_to_cpu(p[2 * i]) << 32 | fdt32_to_cpu(p[2 * i + 1]);
}

static void test_table_cases(void)
{
    /* -m 128M, small initrd: initrd 0x44000000, DTB 0x44200000. */
    avsim_options_t o = opts(128 * MIB);
    o.kernel = raw_kernel();
    o.initrd = initrd_of(5000);
    o.append = "console=ttyAMA0";
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.image.kind, IMAGE_RAW);
    CHECK_EQ(bi.pc, 0x40080000);
    CHECK_EQ(bi.el, 1);
    CHECK_EQ(bi.initrd_start, 0x44000000);
    CHECK_EQ(bi.initrd_size, 5000);
    CHECK_EQ(bi.dtb_addr, 0x44200000);
    CHECK_EQ(bi.dtb_size, MIB);
    CHECK_EQ(bi.x0, 0x44200000);
    CHECK_EQ(ram.host[0x04000000], 0x5A);
    CHECK_EQ(fdt_check_full(dtb_in_ram(), bi.dtb_size), 0);
    CHECK_STR(dtb_str("/chosen", "bootargs"), "console=ttyAMA0");
    CHECK_EQ(dtb_u64("/chosen", "linux,initrd-start", 0), 0x44000000);
    CHECK_EQ(dtb_u64("/chosen", "linux,initrd-end", 0), 0x44000000 + 5000);
    CHECK_EQ(dtb_u64("/memory@40000000", "reg", 1), 128 * MIB);
    CHECK_STR(dtb_str("/psci", "method"), "hvc");

    /* -m 256M, no initrd: DTB 0x48000000. */
    o = opts(256 * MIB);
    o.kernel = raw_kernel();
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_addr, 0x48000000);
    CHECK_EQ(bi.x0, 0x48000000);
    CHECK_EQ(bi.initrd_start, 0);
    CHECK_EQ(bi.initrd_size, 0);
    CHECK_EQ(dtb_u64("/chosen", "linux,initrd-start", 0), ~0ull);

    /* -m 1G, Linux Image, initrd: initrd 0x48000000, DTB at the next 2 MiB boundary. */
    o = opts(1024 * MIB);
    o.kernel = linux_image(24 * MIB);
    o.initrd = initrd_of(3 * MIB + 1);
    o.virtualization = true;
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.image.kind, IMAGE_LINUX);
    CHECK_EQ(bi.pc, 0x40200000);
    CHECK_EQ(bi.el, 2);
    CHECK_EQ(bi.initrd_start, 0x48000000);
    CHECK_EQ(bi.dtb_addr, 0x48400000);
    CHECK_EQ(bi.x0, 0x48400000);
    CHECK_STR(dtb_str("/psci", "method"), "smc");
}

static void test_large_image(void)
{
    /* An Image ending above RAM + 64 MiB pushes the initrd up to its (page-aligned) end. */
    avsim_options_t o = opts(128 * MIB);
    o.kernel = linux_image(80 * MIB + 1);
    o.initrd = initrd_of(100);
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.image.end, 0x45200001);
    CHECK_EQ(bi.initrd_start, 0x45201000);
    CHECK_EQ(bi.dtb_addr, 0x45400000);

    /* Without an initrd the DTB follows the same rule. */
    o.initrd = NULL;
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_addr, 0x45400000);
}

static void test_elf(void)
{
    avsim_options_t o = opts(128 * MIB);
    o.virtualization = true;
    o.kernel = elf_kernel(0x40100000);
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.image.kind, IMAGE_ELF);
    CHECK_EQ(bi.pc, 0x40100000);
    CHECK_EQ(bi.x0, 0); /* ELF: registers at reset values */
    CHECK_EQ(bi.el, 2);
    CHECK_EQ(bi.dtb_addr, RAM_BASE); /* 1 MiB DTB fits below the image */
    CHECK_EQ(bi.dtb_size, MIB);
    CHECK_EQ(fdt_check_full(dtb_in_ram(), bi.dtb_size), 0);
    CHECK_STR(dtb_str("/psci", "method"), "smc");

    /* No room below the image: no DTB, silently (as QEMU). */
    o.kernel = elf_kernel(0x40080000);
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_size, 0);
    CHECK_EQ(bi.pc, 0x40080000);
    CHECK_EQ(ram.host[0], 0);
    o.kernel = elf_kernel(RAM_BASE);
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_size, 0);
    o.kernel = elf_kernel(RAM_BASE + MIB); /* exactly enough room */
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_size, MIB);

    o.initrd = initrd_of(100);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "-initrd is only supported with Linux Image or raw kernels");
}

static void test_user_dtb(void)
{
    uint8_t user[256];
    fdt_create(user, sizeof user);
    fdt_finish_reservemap(user);
    fdt_begin_node(user, "");
    fdt_property_u32(user, "#address-cells", 2);
    fdt_property_u32(user, "#size-cells", 2);
    fdt_end_node(user);
    fdt_finish(user);
    size_t n = fdt_totalsize(user);

    avsim_options_t o = opts(128 * MIB);
    o.kernel = raw_kernel();
    o.dtb = write_file("user.dtb", user, n);
    o.append = "quiet";
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_addr, 0x44000000);
    CHECK_EQ(bi.dtb_size, 2 * (n + 10000)); /* QEMU's room for edits */
    CHECK_STR(dtb_str("/chosen", "bootargs"), "quiet");
    CHECK_EQ(dtb_u64("/memory@40000000", "reg", 0), RAM_BASE);
    CHECK_EQ(dtb_u64("/memory@40000000", "reg", 1), 128 * MIB);

    o.dtb = write_file("bad.dtb", "not a device tree at all, just text......", 41);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "not a valid device tree blob");
    o.dtb = tmp_path("missing.dtb");
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "-dtb: cannot open");
    o.dtb = initrd_of(2 * MIB + 1);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "too large");
}

static void test_dumpdtb(void)
{
    avsim_options_t o = opts(128 * MIB);
    o.kernel = raw_kernel();
    o.smp = 2;
    o.dumpdtb = tmp_path("dump.dtb");
    CHECK_EQ(boot(&o), 0);
    uint8_t *dump = malloc(2 * MIB);
    FILE *f = fopen(o.dumpdtb, "rb");
    size_t n = f ? fread(dump, 1, 2 * MIB, f) : 0;
    if (f) fclose(f);
    CHECK_EQ(n, MIB);
    CHECK(!memcmp(dump, dtb_in_ram(), MIB));
    CHECK_EQ(fdt_check_full(dump, n), 0);
    CHECK(fdt_path_offset(dump, "/cpus/cpu@1") >= 0);

    /* As QEMU, dumpdtb needs no kernel. */
    o.kernel = NULL;
    CHECK_EQ(unlink(o.dumpdtb), 0);
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.dtb_size, 0);
    f = fopen(o.dumpdtb, "rb");
    n = f ? fread(dump, 1, 2 * MIB, f) : 0;
    if (f) fclose(f);
    CHECK_EQ(n, MIB);
    unlink(o.dumpdtb);
    free(dump);

    o.dumpdtb = "/nonexistent-dir/x.dtb";
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "cannot write '/nonexistent-dir/x.dtb'");
}

static void test_refusals(void)
{
    avsim_options_t o = opts(128 * MIB);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "no -kernel given");
    o.initrd = initrd_of(10);
    o.dumpdtb = tmp_path("x.dtb");
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "-initrd needs -kernel");

    o = opts(128 * MIB);
    o.kernel = tmp_path("no-such-kernel");
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "cannot open");

    o.kernel = raw_kernel();
    o.initrd = initrd_of(0);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "is empty");
    o.initrd = tmp_path("no-such-initrd");
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "initrd: cannot open");

    /* 8 MiB of RAM: the initrd goes at RAM + 4 MiB; 4 MiB fit, then the DTB must too. */
    o = opts(8 * MIB);
    o.kernel = raw_kernel();
    o.initrd = initrd_of(4 * MIB + 1);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "does not fit in RAM");
    o.initrd = initrd_of(3 * MIB);
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "not enough RAM for the device tree");
    o.initrd = initrd_of(2 * MIB);
    CHECK_EQ(boot(&o), 0);
    CHECK_EQ(bi.initrd_start, 0x40400000);
    CHECK_EQ(bi.dtb_addr, 0x40600000);

    /* 2 MiB of RAM: the kernel fits, the DTB (at RAM + 2 MiB) does not. */
    o = opts(2 * MIB);
    o.kernel = raw_kernel();
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "not enough RAM for the device tree");

    o = opts(128 * MIB);
    o.kernel = raw_kernel();
    o.gic_version = 2;
    CHECK_EQ(boot(&o), -1);
    CHECK_CONTAINS(err, "gic-version=2");
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    test_table_cases();
    test_large_image();
    test_elf();
    test_user_dtb();
    test_dumpdtb();
    test_refusals();
    free_ram();
    static const char *const names[] = {"raw.bin", "Image",    "prog.elf",
                                        "initrd",  "user.dtb", "bad.dtb"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(tmp_path(names[i]));
    rmdir(tmpdir);
    return unit_report();
}
