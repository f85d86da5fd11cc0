/*
 * The two things the hypervisor reads from the flattened device tree (Devicetree Specification
 * v0.4, chapter 5): /chosen/bootargs and the first /memory node's reg (the virt board's root
 * has #address-cells = #size-cells = 2).
 */
#include "hyp.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
    return (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4);
}

/*
 * Finds property `prop` of the first node at depth 1 whose name is `node` or starts with
 * `node@`. Returns its value and length, or NULL.
 */
static const void *find_prop(const void *fdt, const char *node, const char *prop, uint32_t *len)
{
    const uint8_t *base = fdt;

    if (be32(base) != FDT_MAGIC) return NULL;
    uint32_t size = be32(base + 4);
    const uint8_t *p = base + be32(base + 8), *end = base + size;
    const char *strings = (const char *)base + be32(base + 12);
    size_t nlen = strlen(node);
    int depth = 0;
    bool in_node = false;

    while (p + 4 <= end) {
        uint32_t tok = be32(p);
        p += 4;
        switch (tok) {
        case FDT_BEGIN_NODE: {
            const char *name = (const char *)p;
            size_t n = strnlen(name, (size_t)(end - p));
            depth++;
            in_node = depth == 2 && strncmp(name, node, nlen) == 0 &&
                      (name[nlen] == 0 || name[nlen] == '@');
            p += (n + 4) & ~(size_t)3;
            break;
        }
        case FDT_END_NODE:
            depth--;
            in_node = false;
            break;
        case FDT_PROP: {
            if (p + 8 > end) return NULL;
            uint32_t plen = be32(p), nameoff = be32(p + 4);
            p += 8;
            if (in_node && strcmp(strings + nameoff, prop) == 0) {
                *len = plen;
                return p;
            }
            p += (plen + 3) & ~3u;
            break;
        }
        case FDT_NOP: break;
        default: return NULL; /* FDT_END or corrupt */
        }
    }
    return NULL;
}

const char *fdt_bootargs(const void *fdt)
{
    uint32_t len;
    const char *s = find_prop(fdt, "chosen", "bootargs", &len);
    return s && len && s[len - 1] == 0 ? s : NULL;
}

bool fdt_memory(const void *fdt, uint64_t *base, uint64_t *size)
{
    uint32_t len;
    const uint8_t *reg = find_prop(fdt, "memory", "reg", &len);
    if (!reg || len < 16) return false;
    *base = be64(reg);
    *size = be64(reg + 8);
    return true;
}
