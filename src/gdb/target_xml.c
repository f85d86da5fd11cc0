/*
 * The target description GDB reads with qXfer:features:read:target.xml (GDB manual, "Target
 * Descriptions"): the two features GDB's AArch64 support requires, with its register names and
 * order (org.gnu.gdb.aarch64.core: x0-x30, sp, pc, cpsr; org.gnu.gdb.aarch64.fpu: v0-v31, fpsr,
 * fpcr), then the system registers of sysreg_table.def by their architectural names, in the
 * feature QEMU uses for its own (org.qemu.gdb.arm.sys.regs), so that `p $VBAR_EL2` or
 * `info registers system` work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb/gdb_internal.h"
#include "sysreg/sysreg_ops.h"

/* Rows whose read has a side effect a debugger must not cause: acknowledging an interrupt. */
static bool read_is_safe(const sysreg_t *r)
{
    return r->read != rd_icc_iar;
}

/* System registers (op0 2 and 3) that can be read, and exist on this machine (EL2 ones need
 * virtualization=on). */
static bool exposed(const machine_t *m, const sysreg_t *r)
{
    if (!r->name || (r->op0 != 2 && r->op0 != 3)) return false;
    if (!(r->access & (ACC_R0 | ACC_R1 | ACC_R2))) return false;
    if (!m->virtualization && !(r->access & (ACC_R0 | ACC_W0 | ACC_R1 | ACC_W1))) return false;
    const sysreg_t *target = r->alias ? &sysreg_table[r->alias] : r;
    return read_is_safe(target);
}

static const char core_and_fpu[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "<architecture>aarch64</architecture>\n"
    "<feature name=\"org.gnu.gdb.aarch64.core\">\n"
    "<flags id=\"cpsr_flags\" size=\"4\">\n"
    "<field name=\"SP\" start=\"0\" end=\"0\"/>\n"
    "<field name=\"EL\" start=\"2\" end=\"3\"/>\n"
    "<field name=\"nRW\" start=\"4\" end=\"4\"/>\n"
    "<field name=\"F\" start=\"6\" end=\"6\"/>\n"
    "<field name=\"I\" start=\"7\" end=\"7\"/>\n"
    "<field name=\"A\" start=\"8\" end=\"8\"/>\n"
    "<field name=\"D\" start=\"9\" end=\"9\"/>\n"
    "<field name=\"IL\" start=\"20\" end=\"20\"/>\n"
    "<field name=\"SS\" start=\"21\" end=\"21\"/>\n"
    "<field name=\"V\" start=\"28\" end=\"28\"/>\n"
    "<field name=\"C\" start=\"29\" end=\"29\"/>\n"
    "<field name=\"Z\" start=\"30\" end=\"30\"/>\n"
    "<field name=\"N\" start=\"31\" end=\"31\"/>\n"
    "</flags>\n"
    "%s" /* x0-x30 */
    "<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
    "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
    "<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\"/>\n"
    "</feature>\n"
    "<feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
    "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
    "<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
    "<vector id=\"v2i\" type=\"int64\" count=\"2\"/>\n"
    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
    "<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
    "<vector id=\"v4i\" type=\"int32\" count=\"4\"/>\n"
    "<vector id=\"v8f\" type=\"ieee_half\" count=\"8\"/>\n"
    "<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
    "<vector id=\"v8i\" type=\"int16\" count=\"8\"/>\n"
    "<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
    "<vector id=\"v16i\" type=\"int8\" count=\"16\"/>\n"
    "<vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n"
    "<vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n"
    "<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" type=\"v2u\"/>"
    "<field name=\"s\" type=\"v2i\"/></union>\n"
    "<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" type=\"v4u\"/>"
    "<field name=\"s\" type=\"v4i\"/></union>\n"
    "<union id=\"vnh\"><field name=\"f\" type=\"v8f\"/><field name=\"u\" type=\"v8u\"/>"
    "<field name=\"s\" type=\"v8i\"/></union>\n"
    "<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/><field name=\"s\" type=\"v16i\"/>"
    "</union>\n"
    "<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/><field name=\"s\" type=\"v1i\"/>"
    "</union>\n"
    "<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" type=\"vns\"/>"
    "<field name=\"h\" type=\"vnh\"/><field name=\"b\" type=\"vnb\"/>"
    "<field name=\"q\" type=\"vnq\"/></union>\n"
    "%s" /* v0-v31 */
    "<reg name=\"fpsr\" bitsize=\"32\"/>\n"
    "<reg name=\"fpcr\" bitsize=\"32\"/>\n"
    "</feature>\n";

void gdb_build_target_xml(gdb_t *g)
{
    char xregs[32 * 48], vregs[32 * 64];
    size_t xn = 0, vn = 0;
    for (unsigned i = 0; i < 31; i++)
        xn += (size_t)snprintf(xregs + xn, sizeof xregs - xn,
                               "<reg name=\"x%u\" bitsize=\"64\"/>\n", i);
    for (unsigned i = 0; i < 32; i++)
        vn += (size_t)snprintf(vregs + vn, sizeof vregs - vn,
                               "<reg name=\"v%u\" bitsize=\"128\" type=\"aarch64v\"%s/>\n", i,
                               i ? "" : " regnum=\"34\"");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return;
    fprintf(f, core_and_fpu, xregs, vregs);
    free(g->sysregs);
    g->sysregs = calloc(SR_COUNT, sizeof *g->sysregs);
    g->nsysregs = 0;
    fprintf(f, "<feature name=\"org.qemu.gdb.arm.sys.regs\">\n");
    for (unsigned id = 1; g->sysregs && id < SR_COUNT; id++) {
        const sysreg_t *r = &sysreg_table[id];
        if (!exposed(g->m, r)) continue;
        fprintf(f, "<reg name=\"%s\" bitsize=\"64\" type=\"uint64\" group=\"system\"%s/>\n",
                r->name, g->nsysregs ? "" : " regnum=\"68\"");
        g->sysregs[g->nsysregs++] = (uint16_t)id;
    }
    fprintf(f, "</feature>\n</target>\n");
    if (fclose(f) != 0) {
        free(buf);
        return;
    }
    free(g->xml);
    g->xml = buf;
    g->xml_len = len;
}

static void put64(uint8_t *out, uint64_t v)
{
    for (unsigned i = 0; i < 8; i++)
        out[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get(const uint8_t *in, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)in[i] << (8 * i);
    return v;
}

/* The value of a system register as MRS would read it, without access checks or traps; an
 * _EL12/_EL02 alias reads the register it names. */
static uint64_t sysreg_value(cpu_t *cpu, sysreg_id_t id)
{
    const sysreg_t *r = &sysreg_table[id];
    if (r->alias) r = &sysreg_table[r->alias];
    return r->read ? r->read(cpu, r) : cpu->sr[r->id];
}

unsigned gdb_read_reg(gdb_t *g, cpu_t *cpu, unsigned n, uint8_t out[16])
{
    if (n < 31) {
        put64(out, cpu->x[n]);
        return 8;
    }
    switch (n) {
    case GDB_REG_SP: put64(out, cpu->x[REG_SP]); return 8;
    case GDB_REG_PC: put64(out, cpu->pc); return 8;
    case GDB_REG_CPSR: put64(out, cpu_get_pstate(cpu)); return 4;
    case GDB_REG_FPSR: put64(out, cpu->fpsr); return 4;
    case GDB_REG_FPCR: put64(out, cpu->fpcr); return 4;
    default: break;
    }
    if (n >= GDB_REG_V0 && n < GDB_REG_V0 + 32) {
        put64(out, cpu->v[n - GDB_REG_V0].d[0]);
        put64(out + 8, cpu->v[n - GDB_REG_V0].d[1]);
        return 16;
    }
    if (n >= GDB_REG_SYSREG0 && n - GDB_REG_SYSREG0 < g->nsysregs) {
        put64(out, sysreg_value(cpu, g->sysregs[n - GDB_REG_SYSREG0]));
        return 8;
    }
    return 0;
}

/* A PSTATE a debugger may set: AArch64 (M[4] = 0), M[1] = 0, an implemented EL, and EL0 only
 * with SP_EL0 (Arm ARM C5.2.18, SPSR_ELx.M). */
static bool pstate_valid(const cpu_t *cpu, uint64_t v)
{
    unsigned el = (v >> 2) & 3, max = cpu->machine->virtualization ? 2 : 1;
    return !(v & 0x12) && el <= max && !(el == 0 && (v & 1));
}

bool gdb_write_reg(gdb_t *g, cpu_t *cpu, unsigned n, const uint8_t *in, unsigned size)
{
    uint8_t cur[16];
    unsigned want = gdb_read_reg(g, cpu, n, cur);
    if (!want || size != want || n >= GDB_REG_SYSREG0) return false;
    uint64_t v = get(in, size < 8 ? size : 8);
    if (n < 31) {
        cpu->x[n] = v;
    } else if (n == GDB_REG_SP) {
        cpu->x[REG_SP] = v;
    } else if (n == GDB_REG_PC) {
        cpu->pc = cpu->next_pc = v;
    } else if (n == GDB_REG_CPSR) {
        if (!pstate_valid(cpu, v)) return false;
        cpu_set_pstate(cpu, v);
    } else if (n == GDB_REG_FPSR || n == GDB_REG_FPCR) {
        const sysreg_t *r = &sysreg_table[n == GDB_REG_FPSR ? SR_FPSR : SR_FPCR];
        r->write(cpu, r, v); /* only the implemented bits */
    } else {
        cpu->v[n - GDB_REG_V0].d[0] = v;
        cpu->v[n - GDB_REG_V0].d[1] = get(in + 8, 8);
    }
    return true;
}
