/*
 * Kernel loaders on ELF, Linux Image and raw blobs built here, including hostile
 * headers: every refusal must leave a clear message and guest RAM untouched.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machine/loader.h"
#include "unit.h"

#define MIB      (1ull << 20)
#define RAM_BASE 0x40000000ull
#define RAM_SIZE (16 * MIB)
#define FILL     0xAA /* RAM contents before each load, to see what a load touched */

static guest_ram_t ram;
static char tmpdir[] = "/tmp/avsim-test-loader-XXXXXX";
static char err[512];
static int file_count;

static const char *write_file(const void *data, size_t size)
{
    static char path[64][128];
    char *p = path[file_count % 64];
    snprintf(p, sizeof path[0], "%s/f%d", tmpdir, file_count++);
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(p);
        exit(2);
    }
    return p;
}

static void reset_ram(void)
{
    memset(ram.host, FILL, RAM_SIZE);
}

static uint8_t *at(uint64_t addr)
{
    return ram.host + (addr - RAM_BASE);
}

static bool ram_untouched(void)
{
    for (uint64_t i = 0; i < RAM_SIZE; i++)
        if (ram.host[i] != FILL) return false;
    return true;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8);
}
static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v), put16(p + 2, (uint16_t)(v >> 16));
}
static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v), put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- ELF images ---- */

typedef struct {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} phdr_spec_t;

enum { EHDR = 64, PHDR = 56, ELF_MAX = 8192 };

static uint8_t elf[ELF_MAX];

/* A little-endian ELF64 EM_AARCH64 ET_EXEC with the given program headers right after the header.
 */
static size_t make_elf(uint64_t entry, const phdr_spec_t *ph, unsigned n)
{
    memset(elf, 0, sizeof elf);
    elf[0] = 0x7f;
    memcpy(elf + 1, "ELF", 3);
    elf[4] = 2;           /* ELFCLASS64 */
    elf[5] = 1;           /* ELFDATA2LSB */
    elf[6] = 1;           /* EV_CURRENT */
    put16(elf + 16, 2);   /* ET_EXEC */
    put16(elf + 18, 183); /* EM_AARCH64 */
    put32(elf + 20, 1);
    put64(elf + 24, entry);
    put64(elf + 32, EHDR); /* e_phoff */
    put16(elf + 52, EHDR);
    put16(elf + 54, PHDR);
    put16(elf + 56, (uint16_t)n);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = elf + EHDR + i * PHDR;
        put32(p, ph[i].type);
        put32(p + 4, 5);
        put64(p + 8, ph[i].offset);
        put64(p + 16, ph[i].paddr); /* p_vaddr = p_paddr */
        put64(p + 24, ph[i].paddr);
        put64(p + 32, ph[i].filesz);
        put64(p + 40, ph[i].memsz);
        put64(p + 48, 0x1000);
    }
    return ELF_MAX;
}

static int load_blob(const void *data, size_t size, loaded_image_t *img)
{
    reset_ram();
    err[0] = '\0';
    return load_kernel(write_file(data, size), &ram, img, err, sizeof err);
}

/* Refused with a message containing needle, RAM untouched. */
#define CHECK_REFUSED(needle, data, size)                                                          \
    do {                                                                                           \
        loaded_image_t img_;                                                                       \
        CHECK_EQ(load_blob(data, size, &img_), -1);                                                \
        CHECK_CONTAINS(err, needle);                                                               \
        CHECK(strchr(err, '\n') == NULL);                                                          \
        CHECK(ram_untouched());                                                                    \
    } while (0)

static void test_elf_ok(void)
{
    phdr_spec_t ph[] = {
        {1, 0x1000, 0x40100000, 0x100, 0x100}, /* text */
        {4, 0, 0, 0, 0},                       /* PT_NOTE: ignored */
        {1, 0x1100, 0x40104000, 0x10, 0x2000}, /* data + bss */
        {1, 0x1200, 0x40000000, 0, 0},         /* empty PT_LOAD: ignored */
    };
    size_t size = make_elf(0x40100040, ph, 4);
    for (int i = 0; i < 0x110; i++)
        elf[0x1000 + i] = (uint8_t)(i + 1);
    loaded_image_t img;
    CHECK_EQ(load_blob(elf, size, &img), 0);
    CHECK_EQ(img.kind, IMAGE_ELF);
    CHECK_EQ(img.entry, 0x40100040);
    CHECK_EQ(img.start, 0x40100000);
    CHECK_EQ(img.end, 0x40106000);
    CHECK(!memcmp(at(0x40100000), elf + 0x1000, 0x100));
    CHECK(!memcmp(at(0x40104000), elf + 0x1100, 0x10));
    CHECK_EQ(*at(0x40104010), 0);    /* BSS zero-filled */
    CHECK_EQ(*at(0x40105FFF), 0);    /* to the end of p_memsz */
    CHECK_EQ(*at(0x40106000), FILL); /* and not beyond */
    CHECK_EQ(*at(0x40100100), FILL); /* gap between segments untouched */
    CHECK_EQ(*at(RAM_BASE), FILL);

    /* ET_DYN is loaded the same way, at its physical addresses. */
    make_elf(0x40200000, ph, 1);
    put16(elf + 16, 3);
    CHECK_EQ(load_blob(elf, size, &img), 0);
    CHECK_EQ(img.start, 0x40100000);

    /* A segment may end exactly at the end of RAM. */
    phdr_spec_t last[] = {{1, 0x1000, RAM_BASE + RAM_SIZE - 0x1000, 0x1000, 0x1000}};
    make_elf(0, last, 1);
    CHECK_EQ(load_blob(elf, size, &img), 0);
    CHECK_EQ(img.end, RAM_BASE + RAM_SIZE);
}

static void test_elf_refused(void)
{
    phdr_spec_t one[] = {{1, 0x1000, 0x40100000, 0x100, 0x100}};
    size_t size;

    size = make_elf(0x40100000, one, 1);
    put16(elf + 18, 62); /* EM_X86_64 */
    CHECK_REFUSED("not an AArch64 ELF (e_machine=62)", elf, size);

    make_elf(0x40100000, one, 1);
    elf[4] = 1; /* ELFCLASS32 */
    CHECK_REFUSED("32-bit ELF is not supported", elf, size);

    make_elf(0x40100000, one, 1);
    elf[4] = 7;
    CHECK_REFUSED("invalid ELF class 7", elf, size);

    make_elf(0x40100000, one, 1);
    elf[5] = 2; /* big-endian: e_machine is then read big-endian */
    put16(elf + 18, 183 << 8);
    CHECK_REFUSED("big-endian ELF is not supported", elf, size);

    make_elf(0x40100000, one, 1);
    elf[5] = 0;
    CHECK_REFUSED("invalid ELF data encoding 0", elf, size);

    make_elf(0x40100000, one, 1);
    CHECK_REFUSED("truncated ELF header", elf, 19);
    CHECK_REFUSED("truncated ELF header", elf, 40);

    make_elf(0x40100000, one, 1);
    put16(elf + 16, 1); /* ET_REL */
    CHECK_REFUSED("ELF type 1 is not an executable", elf, size);

    make_elf(0x40100000, one, 1);
    CHECK_REFUSED("program headers truncated", elf, EHDR + PHDR - 1);

    make_elf(0x40100000, one, 0);
    CHECK_REFUSED("no program headers", elf, size);

    make_elf(0x40100000, one, 1);
    put16(elf + 56, 0xffff);
    CHECK_REFUSED("extended program header numbering", elf, size);

    make_elf(0x40100000, one, 1);
    put16(elf + 54, 32);
    CHECK_REFUSED("program header size 32", elf, size);

    make_elf(0x40100000, one, 1);
    put64(elf + 32, 0xFFFFFFFFFFFFFFF0ull); /* e_phoff wraps */
    CHECK_REFUSED("program headers truncated", elf, size);

    phdr_spec_t note[] = {{4, 0x1000, 0x40100000, 0x100, 0x100}};
    make_elf(0x40100000, note, 1);
    CHECK_REFUSED("no loadable segments", elf, size);

    /* Segment data beyond the end of the file, also with a wrapping offset. */
    phdr_spec_t beyond[] = {{1, 0x1F00, 0x40100000, 0x200, 0x200}};
    make_elf(0x40100000, beyond, 1);
    CHECK_REFUSED("ELF segment 0 is truncated", elf, size);
    phdr_spec_t wrap_off[] = {{1, 0xFFFFFFFFFFFFFFF0ull, 0x40100000, 0x20, 0x20}};
    make_elf(0x40100000, wrap_off, 1);
    CHECK_REFUSED("ELF segment 0 is truncated", elf, size);

    phdr_spec_t big_file[] = {{1, 0x1000, 0x40100000, 0x200, 0x100}};
    make_elf(0x40100000, big_file, 1);
    CHECK_REFUSED("p_filesz 0x200 exceeds p_memsz 0x100", elf, size);

    /* Segments that do not fit in RAM: above, below, straddling the end, wrapping around. */
    phdr_spec_t outside[] = {{1, 0x1000, 0x40100000, 0x10, 0x10},
                             {1, 0x1000, 0x80000000, 0x10, 0x10}};
    make_elf(0x40100000, outside, 2);
    CHECK_REFUSED("ELF segment 1 (p_paddr 0x80000000, p_memsz 0x10) does not fit in RAM "
                  "[0x40000000, 0x41000000)",
                  elf, size);
    phdr_spec_t below[] = {{1, 0x1000, 0x3FFFF000, 0x10, 0x10}};
    make_elf(0x40100000, below, 1);
    CHECK_REFUSED("ELF segment 0 (p_paddr 0x3ffff000", elf, size);
    phdr_spec_t straddle[] = {{1, 0x1000, RAM_BASE + RAM_SIZE - 0x10, 0x10, 0x11}};
    make_elf(0x40100000, straddle, 1);
    CHECK_REFUSED("does not fit in RAM", elf, size);
    phdr_spec_t wrap[] = {{1, 0x1000, 0xFFFFFFFFFFFFF000ull, 0x10, 0x2000}};
    make_elf(0x40100000, wrap, 1);
    CHECK_REFUSED("does not fit in RAM", elf, size);
    phdr_spec_t huge[] = {{1, 0x1000, 0x40100000, 0x10, 0xFFFFFFFFFFFFFFFFull}};
    make_elf(0x40100000, huge, 1);
    CHECK_REFUSED("does not fit in RAM", elf, size);

    /* Overlaps are found whatever the header order; nothing is loaded. */
    phdr_spec_t overlap[] = {{1, 0x1000, 0x40200000, 0x10, 0x10},
                             {1, 0x1000, 0x40100000, 0x100, 0x100},
                             {1, 0x1000, 0x401000FF, 0x10, 0x10}};
    make_elf(0x40100000, overlap, 3);
    CHECK_REFUSED("ELF segments 1 and 2 overlap at 0x401000ff", elf, size);
    phdr_spec_t same[] = {{1, 0x1000, 0x40100000, 0x10, 0x10}, {1, 0x1000, 0x40100000, 0x10, 0x10}};
    make_elf(0x40100000, same, 2);
    CHECK_REFUSED("overlap", elf, size);
}

/* ---- Linux Image and raw binaries ---- */

static uint8_t image[0x3000];

static size_t make_image(uint64_t text_offset, uint64_t image_size)
{
    for (size_t i = 0; i < sizeof image; i++)
        image[i] = (uint8_t)(i * 7 + 3);
    memcpy(image, "MZ", 2);
    put64(image + 8, text_offset);
    put64(image + 16, image_size);
    put64(image + 24, 0xA); /* flags: LE, 4K pages, anywhere */
    put32(image + 56, 0x644D5241);
    return sizeof image;
}

static void test_linux_image(void)
{
    loaded_image_t img;
    size_t size = make_image(0, 0x300000);
    CHECK_EQ(load_blob(image, size, &img), 0);
    CHECK_EQ(img.kind, IMAGE_LINUX);
    CHECK_EQ(img.entry, 0x40200000); /* text_offset < 4 KiB: + 2 MiB */
    CHECK_EQ(img.start, 0x40200000);
    CHECK_EQ(img.end, 0x40500000); /* image_size, not the file size */
    CHECK(!memcmp(at(0x40200000), image, size));
    CHECK_EQ(*at(0x40200000 + size), FILL);

    make_image(0x100, 0x300000);
    CHECK_EQ(load_blob(image, size, &img), 0);
    CHECK_EQ(img.entry, 0x40200100);

    make_image(0x80000, 0x300000); /* pre-4.x kernels */
    CHECK_EQ(load_blob(image, size, &img), 0);
    CHECK_EQ(img.entry, 0x40080000);
    CHECK_EQ(img.end, 0x40380000);

    make_image(0, 0x1000); /* image_size smaller than the file: the file bounds it */
    CHECK_EQ(load_blob(image, size, &img), 0);
    CHECK_EQ(img.end, 0x40200000 + size);

    make_image(0, RAM_SIZE - 2 * MIB); /* exactly fills RAM */
    CHECK_EQ(load_blob(image, size, &img), 0);
    CHECK_EQ(img.end, RAM_BASE + RAM_SIZE);

    /* image_size = 0 (kernels before 3.17): a raw binary at RAM + 0x80000. */
    make_image(0, 0);
    CHECK_EQ(load_blob(image, size, &img), 0);
    CHECK_EQ(img.kind, IMAGE_RAW);
    CHECK_EQ(img.entry, 0x40080000);

    make_image(0, RAM_SIZE - 2 * MIB + 1);
    CHECK_REFUSED("Linux Image (text_offset 0x0, image_size 0xe00001", image, size);
    make_image(0, 0x8000000000000000ull);
    CHECK_REFUSED("does not fit in RAM", image, size);
    make_image(0xFFFFFFFFFFFFF000ull, 0x1000);
    CHECK_REFUSED("does not fit in RAM", image, size);
    make_image(0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull);
    CHECK_REFUSED("does not fit in RAM", image, size);
}

static void test_raw(void)
{
    loaded_image_t img;
    static const uint8_t code[] = {0x00, 0x00, 0x00, 0x14}; /* b . */
    CHECK_EQ(load_blob(code, sizeof code, &img), 0);
    CHECK_EQ(img.kind, IMAGE_RAW);
    CHECK_EQ(img.entry, 0x40080000);
    CHECK_EQ(img.start, 0x40080000);
    CHECK_EQ(img.end, 0x40080004);
    CHECK(!memcmp(at(0x40080000), code, 4));

    /* A one-byte file, and one too short to hold an Image header although it has the magic. */
    CHECK_EQ(load_blob("x", 1, &img), 0);
    make_image(0, 0x300000);
    CHECK_EQ(load_blob(image, 60, &img), 0);
    CHECK_EQ(img.kind, IMAGE_RAW);

    uint8_t *big = calloc(1, RAM_SIZE);
    CHECK_EQ(load_blob(big, RAM_SIZE - 0x80000, &img), 0); /* exactly fits */
    CHECK_REFUSED("raw kernel (16252929 bytes) does not fit in RAM at 0x40080000", big,
                  RAM_SIZE - 0x80000 + 1);
    free(big);
}

static void test_files(void)
{
    loaded_image_t img;
    CHECK_REFUSED("is empty", "", 0);
    reset_ram();
    CHECK_EQ(load_kernel("/nonexistent/kernel", &ram, &img, err, sizeof err), -1);
    CHECK_CONTAINS(err, "cannot open '/nonexistent/kernel'");
    CHECK_EQ(load_kernel(tmpdir, &ram, &img, err, sizeof err), -1);
    CHECK_CONTAINS(err, "is a directory");
    CHECK_EQ(load_kernel("/dev/zero", &ram, &img, err, sizeof err), -1);
    CHECK_CONTAINS(err, "'/dev/zero' is not a regular file");
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/fifo", tmpdir);
    CHECK_EQ(mkfifo(fifo, 0600), 0);
    CHECK_EQ(load_kernel(fifo, &ram, &img, err, sizeof err), -1); /* without blocking */
    CHECK_CONTAINS(err, "is not a regular file");
    unlink(fifo);
    CHECK(ram_untouched());

    static const uint8_t gz[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0};
    CHECK_REFUSED("gzip-compressed kernels are not supported", gz, sizeof gz);
    static const uint8_t zboot[] = {'M', 'Z', 0, 0, 'z', 'i', 'm', 'g', 0, 0};
    CHECK_REFUSED("EFI zboot", zboot, sizeof zboot);
    static const uint8_t uimage[] = {0x27, 0x05, 0x19, 0x56, 0, 0, 0, 0};
    CHECK_REFUSED("uImage", uimage, sizeof uimage);
}

static void test_load_file_at(void)
{
    uint64_t size = 0;
    const char *path = write_file("initrd-data", 11);
    reset_ram();
    CHECK_EQ(load_file_at(path, &ram, 0x40800000, &size, err, sizeof err), 0);
    CHECK_EQ(size, 11);
    CHECK(!memcmp(at(0x40800000), "initrd-data", 11));
    CHECK_EQ(load_file_at(path, &ram, RAM_BASE + RAM_SIZE - 11, &size, err, sizeof err), 0);

    reset_ram();
    CHECK_EQ(load_file_at(path, &ram, RAM_BASE + RAM_SIZE - 10, &size, err, sizeof err), -1);
    CHECK_CONTAINS(err, "(11 bytes) does not fit in RAM at 0x40fffff6");
    CHECK_EQ(load_file_at(path, &ram, 0x3FFFFFFF, &size, err, sizeof err), -1);
    CHECK_EQ(load_file_at(path, &ram, 0xFFFFFFFFFFFFFFFFull, &size, err, sizeof err), -1);
    CHECK(ram_untouched());

    uint8_t *data;
    CHECK_EQ(read_whole_file(path, 10, &data, &size, err, sizeof err), -1);
    CHECK_CONTAINS(err, "is too large (11 bytes; at most 10)");
    CHECK_EQ(read_whole_file(path, 11, &data, &size, err, sizeof err), 0);
    CHECK_EQ(size, 11);
    free(data);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    ram = (guest_ram_t){malloc(RAM_SIZE), RAM_BASE, RAM_SIZE};
    test_elf_ok();
    test_elf_refused();
    test_linux_image();
    test_raw();
    test_files();
    test_load_file_at();
    free(ram.host);
    for (int i = 0; i < file_count; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/f%d", tmpdir, i);
        unlink(p);
    }
    rmdir(tmpdir);
    return unit_report();
}
