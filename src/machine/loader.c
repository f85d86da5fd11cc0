/*
 * -kernel / -initrd loading, following the order QEMU tries (virt-board.md §4.1):
 * ELF, then Linux arm64 Image, then raw binary. Every header field is treated as
 * hostile: all address arithmetic is overflow-checked and nothing is copied into
 * RAM until the whole image has been validated.
 */
#include "machine/loader.h"
#include "machine/errbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIB (1ull << 20)

/* Raw binaries go to RAM base + 0x80000 (QEMU's KERNEL_LOAD_ADDR). */
#define RAW_LOAD_OFFSET 0x80000ull

/* Linux Image header (Documentation/arch/arm64/booting.rst). */
#define IMAGE_HEADER_SIZE   64
#define IMAGE_TEXT_OFFSET   8
#define IMAGE_SIZE_FIELD    16
#define IMAGE_MAGIC_FIELD   56
#define IMAGE_MAGIC         0x644D5241u /* "ARM\x64" */
#define IMAGE_SMALL_TEXT    4096ull     /* text_offset below this: QEMU adds 2 MiB */
#define IMAGE_LOW_TEXT_SKIP (2 * MIB)

/* ELF64 (System V gABI) fields and values used here. */
#define ELF_EHDR_SIZE 64
#define ELF_PHDR_SIZE 56
#define ELFCLASS32    1
#define ELFCLASS64    2
#define ELFDATA2LSB   1
#define ELFDATA2MSB   2
#define ET_EXEC       2
#define ET_DYN        3
#define EM_AARCH64    183
#define PT_LOAD       1
#define PN_XNUM       0xffff

static const uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};

/* A -kernel ELF may carry debug sections that are never loaded, so allow files larger than RAM. */
#define KERNEL_FILE_MIN_LIMIT (2048 * MIB)

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}
static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}
static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}
static uint64_t le64(const uint8_t *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

typedef unsigned long long ull;

/* [addr, addr + len) lies inside RAM, without overflowing. */
static bool fits_in_ram(const guest_ram_t *ram, uint64_t addr, uint64_t len)
{
    return addr >= ram->base && len <= ram->size && addr - ram->base <= ram->size - len;
}

static uint8_t *ram_ptr(const guest_ram_t *ram, uint64_t addr)
{
    return ram->host + (addr - ram->base);
}

int read_whole_file(const char *path, uint64_t max_size, uint8_t **data, uint64_t *size, char *err,
                    size_t errlen)
{
    errbuf_t e = {err, errlen};
    *data = NULL;
    *size = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail(&e, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fail(&e, "cannot read '%s': %s", path, strerror(errno));
        goto out_close;
    }
    if (S_ISDIR(st.st_mode)) {
        fail(&e, "'%s' is a directory", path);
        goto out_close;
    }
    /* Like QEMU, which sizes images with lseek: no pipes or devices such as /dev/zero. */
    if (!S_ISREG(st.st_mode)) {
        fail(&e, "'%s' is not a regular file", path);
        goto out_close;
    }
    if ((uint64_t)st.st_size > max_size) {
        fail(&e, "'%s' is too large (%llu bytes; at most %llu)", path, (ull)st.st_size,
             (ull)max_size);
        goto out_close;
    }
    size_t want = (size_t)st.st_size, len = 0;
    uint8_t *buf = malloc(want ? want : 1);
    if (!buf) {
        fail(&e, "out of memory reading '%s'", path);
        goto out_close;
    }
    while (len < want) {
        ssize_t n = read(fd, buf + len, want - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            fail(&e, "cannot read '%s': %s", path, strerror(errno));
            free(buf);
            goto out_close;
        }
        if (n == 0) break; /* the file shrank: keep what is there */
        len += (size_t)n;
    }
    close(fd);
    *data = buf;
    *size = len;
    return 0;
out_close:
    close(fd);
    return -1;
}

int load_file_at(const char *path, guest_ram_t *ram, uint64_t addr, uint64_t *size_out, char *err,
                 size_t errlen)
{
    errbuf_t e = {err, errlen};
    uint8_t *data;
    uint64_t size;
    if (read_whole_file(path, ram->size, &data, &size, err, errlen)) return -1;
    if (!fits_in_ram(ram, addr, size)) {
        fail(&e, "'%s' (%llu bytes) does not fit in RAM at 0x%llx: RAM is [0x%llx, 0x%llx)", path,
             (ull)size, (ull)addr, (ull)ram->base, (ull)(ram->base + ram->size));
        free(data);
        return -1;
    }
    memcpy(ram_ptr(ram, addr), data, size);
    free(data);
    *size_out = size;
    return 0;
}

typedef struct {
    uint64_t paddr, memsz, offset, filesz;
    unsigned index; /* program header number, for messages */
} segment_t;

static int by_paddr(const void *a, const void *b)
{
    const segment_t *x = a, *y = b;
    return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* Identification checks, in an order that gives the most useful message for foreign files. */
static int check_elf_ident(const uint8_t *d, uint64_t size, errbuf_t *e)
{
    if (size < 20) return fail(e, "truncated ELF header (%llu bytes)", (ull)size);
    uint8_t class = d[4], encoding = d[5];
    if (encoding != ELFDATA2LSB && encoding != ELFDATA2MSB)
        return fail(e, "invalid ELF data encoding %u", encoding);
    uint16_t machine = encoding == ELFDATA2LSB ? le16(d + 18) : be16(d + 18);
    if (machine != EM_AARCH64) return fail(e, "not an AArch64 ELF (e_machine=%u)", machine);
    if (class == ELFCLASS32)
        return fail(e, "32-bit ELF is not supported (AArch64 kernels are ELF64)");
    if (class != ELFCLASS64) return fail(e, "invalid ELF class %u", class);
    if (encoding != ELFDATA2LSB) return fail(e, "big-endian ELF is not supported");
    if (size < ELF_EHDR_SIZE) return fail(e, "truncated ELF header (%llu bytes)", (ull)size);
    uint16_t type = le16(d + 16);
    if (type != ET_EXEC && type != ET_DYN)
        return fail(e, "ELF type %u is not an executable (need ET_EXEC or ET_DYN)", type);
    return 0;
}

/* Collects the PT_LOAD segments with memory, each checked against the file and RAM. */
static int collect_segments(const uint8_t *d, uint64_t size, const guest_ram_t *ram,
                            segment_t *segs, unsigned *count, errbuf_t *e)
{
    uint64_t phoff = le64(d + 32);
    unsigned phnum = le16(d + 56);
    *count = 0;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + (uint64_t)i * ELF_PHDR_SIZE;
        segment_t s = {.offset = le64(ph + 8),
                       .paddr = le64(ph + 24),
                       .filesz = le64(ph + 32),
                       .memsz = le64(ph + 40),
                       .index = i};
        if (le32(ph) != PT_LOAD || s.memsz == 0) continue;
        if (s.filesz > s.memsz)
            return fail(e, "ELF segment %u: p_filesz 0x%llx exceeds p_memsz 0x%llx", i,
                        (ull)s.filesz, (ull)s.memsz);
        if (s.offset > size || s.filesz > size - s.offset)
            return fail(e,
                        "ELF segment %u is truncated: 0x%llx bytes at file offset 0x%llx, but "
                        "the file has %llu bytes",
                        i, (ull)s.filesz, (ull)s.offset, (ull)size);
        if (!fits_in_ram(ram, s.paddr, s.memsz))
            return fail(e,
                        "ELF segment %u (p_paddr 0x%llx, p_memsz 0x%llx) does not fit in RAM "
                        "[0x%llx, 0x%llx)",
                        i, (ull)s.paddr, (ull)s.memsz, (ull)ram->base,
                        (ull)(ram->base + ram->size));
        segs[(*count)++] = s;
    }
    return 0;
}

static int load_elf(const uint8_t *d, uint64_t size, guest_ram_t *ram, loaded_image_t *out,
                    errbuf_t *e)
{
    if (check_elf_ident(d, size, e)) return -1;
    uint64_t phoff = le64(d + 32);
    unsigned phentsize = le16(d + 54), phnum = le16(d + 56);
    if (phnum == 0) return fail(e, "ELF has no program headers");
    if (phnum == PN_XNUM) return fail(e, "ELF extended program header numbering is not supported");
    if (phentsize != ELF_PHDR_SIZE)
        return fail(e, "ELF program header size %u is not %u", phentsize, ELF_PHDR_SIZE);
    uint64_t table = (uint64_t)phnum * ELF_PHDR_SIZE;
    if (phoff > size || table > size - phoff)
        return fail(e,
                    "ELF program headers truncated (%u entries at offset 0x%llx, file %llu bytes)",
                    phnum, (ull)phoff, (ull)size);

    segment_t *segs = malloc(phnum * sizeof *segs);
    if (!segs) return fail(e, "out of memory");
    unsigned n;
    int rc = -1;
    if (collect_segments(d, size, ram, segs, &n, e)) goto out;
    if (n == 0) {
        fail(e, "ELF has no loadable segments");
        goto out;
    }
    qsort(segs, n, sizeof *segs, by_paddr);
    for (unsigned i = 1; i < n; i++) {
        if (segs[i].paddr < segs[i - 1].paddr + segs[i - 1].memsz) {
            fail(e, "ELF segments %u and %u overlap at 0x%llx", segs[i - 1].index, segs[i].index,
                 (ull)segs[i].paddr);
            goto out;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        uint8_t *dst = ram_ptr(ram, segs[i].paddr);
        memcpy(dst, d + segs[i].offset, segs[i].filesz);
        memset(dst + segs[i].filesz, 0, segs[i].memsz - segs[i].filesz);
    }
    *out = (loaded_image_t){.kind = IMAGE_ELF,
                            .entry = le64(d + 24),
                            .start = segs[0].paddr,
                            .end = segs[n - 1].paddr + segs[n - 1].memsz};
    rc = 0;
out:
    free(segs);
    return rc;
}

/*
 * Linux arm64 Image with a non-zero image_size: placed text_offset above the
 * 2 MiB-aligned RAM base, plus 2 MiB when text_offset < 4 KiB, as QEMU does;
 * image_size (which covers the BSS) bounds what the kernel may use.
 */
static int load_linux_image(const uint8_t *d, uint64_t size, guest_ram_t *ram, loaded_image_t *out,
                            errbuf_t *e)
{
    uint64_t text_offset = le64(d + IMAGE_TEXT_OFFSET), image_size = le64(d + IMAGE_SIZE_FIELD);
    uint64_t offset = text_offset;
    if (offset < IMAGE_SMALL_TEXT) offset += IMAGE_LOW_TEXT_SKIP;
    uint64_t extent = image_size > size ? image_size : size;
    if (offset > ram->size || extent > ram->size - offset)
        return fail(e,
                    "Linux Image (text_offset 0x%llx, image_size 0x%llx, file %llu bytes) does "
                    "not fit in RAM [0x%llx, 0x%llx)",
                    (ull)text_offset, (ull)image_size, (ull)size, (ull)ram->base,
                    (ull)(ram->base + ram->size));
    uint64_t load = ram->base + offset;
    memcpy(ram_ptr(ram, load), d, size);
    *out =
        (loaded_image_t){.kind = IMAGE_LINUX, .entry = load, .start = load, .end = load + extent};
    return 0;
}

static int load_raw(const uint8_t *d, uint64_t size, guest_ram_t *ram, loaded_image_t *out,
                    errbuf_t *e)
{
    uint64_t load = ram->base + RAW_LOAD_OFFSET;
    if (!fits_in_ram(ram, load, size))
        return fail(
            e, "raw kernel (%llu bytes) does not fit in RAM at 0x%llx: RAM is [0x%llx, 0x%llx)",
            (ull)size, (ull)load, (ull)ram->base, (ull)(ram->base + ram->size));
    memcpy(ram_ptr(ram, load), d, size);
    *out = (loaded_image_t){.kind = IMAGE_RAW, .entry = load, .start = load, .end = load + size};
    return 0;
}

/* Formats QEMU unpacks or wraps but avsim does not: refuse them rather than run them as raw code.
 */
static const char *unsupported_format(const uint8_t *d, uint64_t size)
{
    if (size >= 2 && d[0] == 0x1f && d[1] == 0x8b)
        return "gzip-compressed kernels are not supported; decompress it first";
    if (size >= 8 && d[0] == 'M' && d[1] == 'Z' && !memcmp(d + 4, "zimg", 4))
        return "EFI zboot compressed kernels are not supported; use the uncompressed Image";
    if (size >= 4 && d[0] == 0x27 && d[1] == 0x05 && d[2] == 0x19 && d[3] == 0x56)
        return "U-Boot uImage kernels are not supported";
    return NULL;
}

int load_kernel(const char *path, guest_ram_t *ram, loaded_image_t *out, char *err, size_t errlen)
{
    errbuf_t e = {err, errlen};
    uint64_t limit = ram->size > KERNEL_FILE_MIN_LIMIT ? ram->size : KERNEL_FILE_MIN_LIMIT;
    uint8_t *d;
    uint64_t size;
    char why[400];
    if (read_whole_file(path, limit, &d, &size, why, sizeof why))
        return fail(&e, "kernel: %s", why);
    if (size == 0) {
        free(d);
        return fail(&e, "kernel '%s' is empty", path);
    }
    errbuf_t ew = {why, sizeof why};
    int rc = -1;
    const char *unsupported = unsupported_format(d, size);
    if (size >= sizeof elf_magic && !memcmp(d, elf_magic, sizeof elf_magic))
        rc = load_elf(d, size, ram, out, &ew);
    else if (unsupported)
        fail(&ew, "%s", unsupported);
    else if (size >= IMAGE_HEADER_SIZE && le32(d + IMAGE_MAGIC_FIELD) == IMAGE_MAGIC &&
             le64(d + IMAGE_SIZE_FIELD) != 0)
        rc = load_linux_image(d, size, ram, out, &ew);
    else
        rc = load_raw(d, size, ram, out, &ew); /* also pre-3.17 Images, whose image_size is 0 */
    free(d);
    if (rc) fail(&e, "kernel '%s': %s", path, why);
    return rc;
}
