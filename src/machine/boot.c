/*
 * Direct kernel boot as QEMU's virt does it (virt-board.md §4): the kernel, then
 * the initrd above it, then the device tree, and the CPU state on entry.
 */
#include "machine/boot.h"
#include "machine/errbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/fdt.h"

#define MIB (1ull << 20)

#define INITRD_ALIGN       4096ull     /* PAGE_ALIGN with 4 KiB pages */
#define INITRD_MAX_OFFSET  (128 * MIB) /* initrd at least min(RAM / 2, 128 MiB) into RAM */
#define DTB_ALIGN          (2 * MIB)   /* AArch64: the DTB starts on a 2 MiB boundary */
#define GENERATED_DTB_SIZE (1 * MIB)   /* QEMU's generated blob, free space included */
#define USER_DTB_MAX       (2 * MIB)   /* Linux maps at most 2 MiB of DTB (booting.rst) */

/* QEMU loads a -dtb file into a buffer of 2 * (file size + 10000) bytes to leave room for edits. */
#define USER_DTB_BUF(n) (2 * ((n) + 10000))

typedef unsigned long long ull;

/* v rounded up to a power-of-two a; false on overflow. */
static bool align_up(uint64_t v, uint64_t a, uint64_t *out)
{
    if (v > UINT64_MAX - (a - 1)) return false;
    *out = (v + a - 1) & ~(a - 1);
    return true;
}

static bool fits_in_ram(const guest_ram_t *ram, uint64_t addr, uint64_t len)
{
    return addr >= ram->base && len <= ram->size && addr - ram->base <= ram->size - len;
}

/* initrd_start = PAGE_ALIGN(max(RAM base + min(RAM size / 2, 128 MiB), image end)) (§4.3). */
static uint64_t initrd_address(const guest_ram_t *ram, uint64_t image_end)
{
    uint64_t offset = ram->size / 2 < INITRD_MAX_OFFSET ? ram->size / 2 : INITRD_MAX_OFFSET;
    uint64_t start = ram->base + offset > image_end ? ram->base + offset : image_end;
    uint64_t aligned;
    return align_up(start, INITRD_ALIGN, &aligned) ? aligned : UINT64_MAX;
}

static int load_initrd(const avsim_options_t *opt, guest_ram_t *ram, boot_info_t *out, errbuf_t *e)
{
    char why[400];
    out->initrd_start = initrd_address(ram, out->image.end);
    if (load_file_at(opt->initrd, ram, out->initrd_start, &out->initrd_size, why, sizeof why))
        return fail(e, "initrd: %s", why);
    if (out->initrd_size == 0) return fail(e, "initrd '%s' is empty", opt->initrd);
    return 0;
}

/* Builds the device tree, or amends the -dtb file, into a malloc'd buffer. */
static int make_dtb(const avsim_options_t *opt, const guest_ram_t *ram, const boot_info_t *bi,
                    uint8_t **dtb, uint64_t *dtb_size, errbuf_t *e)
{
    fdt_params_t fp = {.ram_base = ram->base,
                       .ram_size = ram->size,
                       .ncpus = opt->smp,
                       .boot_el2 = opt->virtualization,
                       .gic_version = opt->gic_version,
                       .bootargs = opt->append,
                       .has_initrd = bi->initrd_size != 0,
                       .initrd_start = bi->initrd_start,
                       .initrd_end = bi->initrd_start + bi->initrd_size};
    uint8_t *user = NULL;
    uint64_t user_size = 0, buf_size = GENERATED_DTB_SIZE;
    if (opt->dtb) {
        char why[400];
        if (read_whole_file(opt->dtb, USER_DTB_MAX, &user, &user_size, why, sizeof why))
            return fail(e, "-dtb: %s", why);
        buf_size = USER_DTB_BUF(user_size);
    }
    uint8_t *buf = calloc(1, buf_size);
    if (!buf) {
        free(user);
        return fail(e, "out of memory for the device tree");
    }
    int n = opt->dtb ? fdt_amend_user(&fp, user, user_size, buf, buf_size, e->err, e->errlen)
                     : fdt_build(&fp, buf, buf_size, e->err, e->errlen);
    free(user);
    if (n < 0) {
        free(buf);
        return -1;
    }
    *dtb = buf;
    *dtb_size = (uint64_t)n;
    return 0;
}

/*
 * Image/raw: DTB at the first 2 MiB boundary after the initrd (or where it would
 * be). ELF: DTB at the RAM base if it fits below the image, else not loaded (§4.4).
 */
static int place_dtb(const guest_ram_t *ram, boot_info_t *bi, uint64_t size, errbuf_t *e)
{
    if (bi->image.kind == IMAGE_ELF) {
        bool room = bi->image.start > ram->base && size <= bi->image.start - ram->base;
        bi->dtb_addr = room ? ram->base : 0;
        bi->dtb_size = room ? size : 0;
        return 0;
    }
    uint64_t after = bi->initrd_start + bi->initrd_size;
    if (bi->initrd_start == UINT64_MAX || !align_up(after, DTB_ALIGN, &bi->dtb_addr) ||
        !fits_in_ram(ram, bi->dtb_addr, size))
        return fail(e,
                    "not enough RAM for the device tree (%llu bytes) after the kernel and "
                    "initrd: RAM is [0x%llx, 0x%llx)",
                    (ull)size, (ull)ram->base, (ull)(ram->base + ram->size));
    bi->dtb_size = size;
    return 0;
}

static int dump_dtb(const char *path, const uint8_t *dtb, uint64_t size, errbuf_t *e)
{
    FILE *f = fopen(path, "wb");
    if (!f) return fail(e, "cannot write '%s': %s", path, strerror(errno));
    bool ok = fwrite(dtb, 1, size, f) == size;
    ok = (fclose(f) == 0) && ok;
    return ok ? 0 : fail(e, "cannot write '%s': %s", path, strerror(errno));
}

int boot_load(const avsim_options_t *opt, guest_ram_t *ram, boot_info_t *out, char *err,
              size_t errlen)
{
    errbuf_t e = {err, errlen};
    memset(out, 0, sizeof *out);
    out->el = opt->virtualization ? 2 : 1;
    if (ram->size == 0 || ram->size > UINT64_MAX - ram->base) return fail(&e, "invalid RAM");
    if (!opt->kernel && !opt->dumpdtb) return fail(&e, "no -kernel given");
    if (!opt->kernel && opt->initrd) return fail(&e, "-initrd needs -kernel");

    /* Without a kernel (dumpdtb only) the layout is that of an empty raw image. */
    out->image = (loaded_image_t){.kind = IMAGE_RAW, .end = ram->base};
    if (opt->kernel && load_kernel(opt->kernel, ram, &out->image, err, errlen)) return -1;
    bool elf = out->image.kind == IMAGE_ELF;
    if (opt->initrd && elf)
        return fail(&e, "-initrd is only supported with Linux Image or raw kernels, not ELF");
    out->initrd_start = elf ? 0 : initrd_address(ram, out->image.end);
    if (opt->initrd && load_initrd(opt, ram, out, &e)) return -1;

    uint8_t *dtb;
    uint64_t dtb_size;
    if (make_dtb(opt, ram, out, &dtb, &dtb_size, &e)) return -1;
    int rc = -1;
    if (opt->kernel && place_dtb(ram, out, dtb_size, &e)) goto out;
    if (opt->dumpdtb && dump_dtb(opt->dumpdtb, dtb, dtb_size, &e)) goto out;
    if (out->dtb_size) memcpy(ram->host + (out->dtb_addr - ram->base), dtb, out->dtb_size);
    if (!opt->initrd) out->initrd_start = 0;
    out->pc = out->image.entry;
    out->x0 = elf ? 0 : out->dtb_addr;
    rc = 0;
out:
    free(dtb);
    return rc;
}
