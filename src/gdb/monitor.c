/*
 * `monitor` commands (qRcmd): avsim's view of the selected CPU that GDB's registers do not give
 * directly. el: Exception level, translation regime and the controls that chose it; translate
 * VA: the walk of each stage with its attributes, and what the TLB holds; stats: the event
 * counters of -d stats (trace/stats.h).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/el2.h"
#include "gdb/gdb_internal.h"
#include "mmu/translate.h"
#include "trace/log.h"
#include "trace/stats.h"

static const char *const regime_names[] = {
    [REGIME_EL10] = "EL1&0", [REGIME_EL2] = "EL2", [REGIME_EL20] = "EL2&0"};

static const char help[] =
    "avsim monitor commands (for the selected thread, i.e. CPU):\n"
    "  el             Exception level, translation regime, stages and the controls behind them\n"
    "  translate VA   VA -> IPA -> PA in the current regime: each stage's level, size,\n"
    "                 permissions and attributes, the final attributes, the TLB's entry\n"
    "  stats          instructions, exceptions by EL and class, interrupts, ERETs, NV/VNCR\n"
    "                 and cache-model counters (as -d stats prints at exit)\n"
    "  help           this text\n";

/* HCR_EL2 bits that decide the regime and the stages. */
static void hcr_bits(FILE *f, uint64_t hcr)
{
    static const struct {
        unsigned bit;
        const char *name;
    } b[] = {{0, "VM"},  {3, "FMO"},  {4, "IMO"}, {5, "AMO"},  {12, "DC"},  {27, "TGE"},
             {31, "RW"}, {34, "E2H"}, {42, "NV"}, {43, "NV1"}, {45, "NV2"}, {46, "FWB"}};
    fprintf(f, "HCR_EL2 0x%016" PRIx64 " (", hcr);
    bool first = true;
    for (size_t i = 0; i < ARRAY_SIZE(b); i++)
        if (bit(hcr, b[i].bit)) {
            fprintf(f, "%s%s", first ? "" : " ", b[i].name);
            first = false;
        }
    fprintf(f, "%s)\n", first ? "none" : "");
}

static void cmd_el(FILE *f, cpu_t *c)
{
    static const char *const states[] = {
        [PE_RUNNING] = "running", [PE_OFF] = "off", [PE_WFI] = "in WFI", [PE_WFE] = "in WFE"};
    mmu_debug_t d;
    mmu_debug_translate(c, 0, &d); /* the context only */
    fprintf(f, "cpu%u: EL%u%c, %s, PC 0x%016" PRIx64 "\n", c->index, c->el,
            c->el && c->spsel ? 'h' : 't', states[c->state], c->pc);
    fprintf(f, "regime %s: stage 1 %s", regime_names[d.regime], d.s1 ? "on" : "off");
    if (d.regime == REGIME_EL10) fprintf(f, ", stage 2 %s, VMID 0x%x", d.s2 ? "on" : "off", d.vmid);
    if (d.regime != REGIME_EL2) fprintf(f, ", ASID 0x%x", d.asid);
    fprintf(f, "\n");
    if (c->machine->virtualization) hcr_bits(f, c->sr[SR_HCR_EL2]);
    unsigned el = d.regime == REGIME_EL10 ? 1 : 2;
    fprintf(
        f, "SCTLR_EL%u 0x%016" PRIx64 "  TCR_EL%u 0x%016" PRIx64 "  TTBR0_EL%u 0x%016" PRIx64 "\n",
        el, c->sr[el == 1 ? SR_SCTLR_EL1 : SR_SCTLR_EL2], el,
        c->sr[el == 1 ? SR_TCR_EL1 : SR_TCR_EL2], el, c->sr[el == 1 ? SR_TTBR0_EL1 : SR_TTBR0_EL2]);
    if (d.regime == REGIME_EL10 && d.s2)
        fprintf(f, "VTCR_EL2 0x%016" PRIx64 "  VTTBR_EL2 0x%016" PRIx64 "\n", c->sr[SR_VTCR_EL2],
                c->sr[SR_VTTBR_EL2]);
}

static void size_text(FILE *f, unsigned bits, unsigned level)
{
    static const char units[] = "KMGT";
    unsigned u = (bits - 10) / 10;
    fprintf(f, "%llu%ciB %s", 1ull << (bits - 10 - 10 * u), units[u],
            level == 3 ? "page" : "block");
}

static void perm_text(FILE *f, const char *who, unsigned perm)
{
    fprintf(f, "%s %c%c%c", who, perm & PERM_R ? 'r' : '-', perm & PERM_W ? 'w' : '-',
            perm & PERM_X ? 'x' : '-');
}

static const char *share_text(unsigned sh)
{
    return sh == SH_INNER   ? "inner shareable"
           : sh == SH_OUTER ? "outer shareable"
                            : "non-shareable";
}

static void attr_text(FILE *f, uint8_t attr)
{
    static const char *const dev[] = {"nGnRnE", "nGnRE", "nGRE", "GRE"};
    static const char *const cache[] = {[CACHE_NC] = "NC", [CACHE_WT] = "WT", [CACHE_WB] = "WB"};
    if (attr_is_device(attr))
        fprintf(f, "Device-%s", dev[attr_device_type(attr)]);
    else
        fprintf(f, "Normal inner %s outer %s", cache[attr_inner(attr)], cache[attr_outer(attr)]);
}

static void fault_text(FILE *f, const translation_t *t)
{
    static const char *const kinds[] = {"address size", "translation", "access flag", "permission"};
    unsigned fsc = t->fsc;
    const char *kind = fsc < 0x10            ? kinds[fsc >> 2]
                       : (fsc & ~3u) == 0x14 ? "external abort on walk"
                                             : "other";
    fprintf(f, "  stage %u: %s fault, level %u (FSC 0x%02x)%s", t->stage2 ? 2 : 1, kind, fsc & 3,
            fsc, t->s1ptw ? " on the stage 1 table walk" : "");
    if (t->stage2) fprintf(f, ", IPA 0x%016" PRIx64, t->ipa);
    fprintf(f, "\n");
}

static void cmd_translate(FILE *f, cpu_t *c, const char *arg)
{
    char *end;
    while (isspace((unsigned char)*arg))
        arg++;
    uint64_t va = strtoull(arg, &end, 0);
    while (isspace((unsigned char)*end))
        end++;
    if (!*arg || *end) {
        fprintf(f, "usage: monitor translate VA (e.g. 0x40080000)\n");
        return;
    }
    mmu_debug_t d;
    mmu_debug_translate(c, va, &d);
    fprintf(f, "cpu%u EL%u VA 0x%016" PRIx64 ": regime %s", c->index, c->el, va,
            regime_names[d.regime]);
    if (d.regime != REGIME_EL2) fprintf(f, ", ASID 0x%x", d.asid);
    if (d.regime == REGIME_EL10) fprintf(f, ", VMID 0x%x", d.vmid);
    fprintf(f, "\n");
    if (!d.ok) {
        fault_text(f, &d.fault);
    } else {
        const char *priv = d.regime == REGIME_EL10 ? "EL1" : "EL2";
        fprintf(f, "  stage 1: %s 0x%016" PRIx64, d.s2 ? "IPA" : "PA ", d.ipa);
        if (d.s1) {
            fprintf(f, ", level %u, ", d.stage[0].level);
            size_text(f, d.stage[0].bits, d.stage[0].level);
            fprintf(f, ", ");
            perm_text(f, priv, d.stage[0].perm >> PERM_PRIV_SHIFT);
            fprintf(f, " ");
            if (d.regime != REGIME_EL2) perm_text(f, "EL0", d.stage[0].perm);
            fprintf(f, ", MAIR attr 0x%02x, %s\n", d.stage[0].attr, share_text(d.stage[0].sh));
        } else {
            fprintf(f, " (off: flat)\n");
        }
        if (d.s2) {
            fprintf(f, "  stage 2: PA  0x%016" PRIx64 ", level %u, ", d.pa, d.stage[1].level);
            size_text(f, d.stage[1].bits, d.stage[1].level);
            fprintf(f, ", ");
            perm_text(f, "EL1", d.stage[1].perm >> PERM_PRIV_SHIFT);
            fprintf(f, " ");
            perm_text(f, "EL0", d.stage[1].perm);
            fprintf(f, ", MemAttr 0x%x, %s\n", d.stage[1].attr, share_text(d.stage[1].sh));
        } else if (d.regime == REGIME_EL10 && c->machine->virtualization) {
            fprintf(f, "  stage 2: off\n");
        }
        fprintf(f, "  final:   PA  0x%016" PRIx64 ", ", d.pa);
        attr_text(f, d.attr);
        fprintf(f, " (0x%02x), %s\n", d.attr, share_text(d.sh));
    }
    if (!d.s1 && !d.s2)
        fprintf(f, "  TLB: not used (no stage enabled)\n");
    else if (!d.tlb_hit)
        fprintf(f, "  TLB: no entry\n");
    else if (d.ok && d.tlb_pa == d.pa)
        fprintf(f, "  TLB: PA 0x%016" PRIx64 ", as the tables say\n", d.tlb_pa);
    else
        fprintf(f, "  TLB: PA 0x%016" PRIx64 ", STALE: the tables say otherwise (TLBI missing?)\n",
                d.tlb_pa);
}

static void cmd_stats(FILE *f, machine_t *m)
{
    for (unsigned i = 0; i < m->ncpus; i++)
        fprintf(f, "cpu%u: %" PRIu64 " instructions\n", i, m->cpus[i]->icount);
    fflush(f);
    FILE *old = log_swap_stream(f);
    stats_print(m);
    log_swap_stream(old);
}

void gdb_monitor(gdb_t *g, const char *cmd, char **text, size_t *len)
{
    FILE *f = open_memstream(text, len);
    if (!f) return;
    cpu_t *c = g->m->cpus[g->g_cpu];
    while (isspace((unsigned char)*cmd))
        cmd++;
    size_t n = strcspn(cmd, " \t");
    if (n == 2 && !strncmp(cmd, "el", 2) && !cmd[n])
        cmd_el(f, c);
    else if (n == 9 && !strncmp(cmd, "translate", 9))
        cmd_translate(f, c, cmd + n);
    else if (n == 5 && !strncmp(cmd, "stats", 5) && !cmd[n])
        cmd_stats(f, g->m);
    else if ((n == 4 && !strncmp(cmd, "help", 4)) || n == 0)
        fputs(help, f);
    else
        fprintf(f, "unknown command '%.*s'; 'monitor help' lists them\n", (int)(n > 64 ? 64 : n),
                cmd);
    if (fclose(f) != 0) {
        free(*text);
        *text = NULL;
        *len = 0;
    }
}
